import ArgumentParser
import Spec
import TelemtRender

/// `telemt-gitops schema`: prints the JSON Schema of users.yaml.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of users.yaml, for editors and CI.",
        discussion: """
            Point the YAML language server at it with a first line such as
            # yaml-language-server: $schema=./users.schema.json
            Examples:
              telemt-gitops schema --output users.schema.json   # next to users.yaml
            """
    )

    @Option(name: [.short, .long], help: ArgumentHelp("Write the schema to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let schema = SpecSchema.jsonSchema()
        guard let output else {
            print(schema, terminator: schema.hasSuffix("\n") ? "" : "\n")
            return
        }
        let bytes = Array((schema.hasSuffix("\n") ? schema : schema + "\n").utf8)
        let outcome = try AtomicFileWriter(newFileMode: 0o644).write(bytes, to: output)
        print(outcome == .written ? "wrote \(output)" : "\(output) is up to date")
    }
}
