import ArgumentParser

/// `telemt-gitops explain`: what an error message means and what to do about it.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain an error message: what it means and what to do.",
        discussion: """
            TOPIC is a case or code name as the catalog lists it (hostKeyUnknown, invalidRevision), an error \
            type (ScrapeError), or words of a message (known_hosts); without one, every entry is listed. \
            --markdown prints the whole catalog, which is docs/troubleshooting.md.
            Examples:
              telemt-gitops explain                   # every entry, by where it happens
              telemt-gitops explain hostKeyUnknown
            """
    )

    @Argument(help: ArgumentHelp("A case or code name, an error type, or words of a message.", valueName: "topic"))
    var topic: [String] = []

    @Flag(help: "Print the whole catalog as Markdown (docs/troubleshooting.md).")
    var markdown = false

    func validate() throws {
        if markdown, !topic.isEmpty { throw ValidationError("--markdown prints every entry: give a topic or --markdown, not both") }
    }

    func run() throws {
        if markdown {
            print(TroubleshootingDocument.markdown(ErrorCatalog.sections), terminator: "")
            return
        }
        guard !topic.isEmpty else {
            print(TroubleshootingDocument.list(ErrorCatalog.sections))
            return
        }
        let wanted = topic.joined(separator: " ")
        let found = ErrorCatalog.entries(matching: wanted)
        guard !found.isEmpty else {
            Console.error("error: no entry matches `\(wanted)`; run `telemt-gitops explain` for the list, or try a word of the message")
            throw ExitCode.failure
        }
        print(found.map(TroubleshootingDocument.text).joined(separator: "\n\n"))
    }
}
