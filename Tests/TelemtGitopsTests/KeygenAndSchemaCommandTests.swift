import Foundation
import Testing

@Suite struct KeygenAndSchemaCommandTests {
    @Test func keygenIsIdempotentAndNeverReplacesAKey() throws {
        let dir = try Scratch()
        let first = try CLI.run(["keygen", "--out", dir.file("k")])
        #expect(first.status == 0)
        #expect(dir.mode("k") == 0o600)
        let key = try dir.read("k")
        let second = try CLI.run(["keygen", "--out", dir.file("k")])
        #expect(second.status == 0)
        #expect(second.stdout.contains("nothing changed"))
        #expect(try dir.read("k") == key)
        #expect(!first.stdout.contains(key.trimmingCharacters(in: .newlines)))
    }

    @Test func anExistingFileThatIsNotAKeyIsLeftAloneWithAClearError() throws {
        let dir = try Scratch()
        try dir.write("k", "not a key\n")
        chmod(dir.file("k"), 0o600)
        let result = try CLI.run(["keygen", "--out", dir.file("k")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not a usable master key"))
        #expect(try dir.read("k") == "not a key\n")
    }

    @Test func schemaIsJSONAndMatchesTheCommittedCopy() throws {
        let result = try CLI.run(["schema"])
        #expect(result.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(parsed?["$schema"] != nil)
        let committed = try String(contentsOfFile: CLI.root + "/docs/users.schema.json", encoding: .utf8)
        #expect(result.stdout == committed)
    }

    @Test(arguments: ["validate", "render", "links", "keygen", "schema"])
    func everyCommandHasHelp(command: String) throws {
        let result = try CLI.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE:"))
    }
}
