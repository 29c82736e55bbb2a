import Foundation
import Testing
@testable import telemt_gitops

/// docs/troubleshooting.md is `explain --markdown`, and every error case or code has an entry.
@Suite struct TroubleshootingTests {
    @Test func theCommittedDocumentIsTheGeneratedOne() throws {
        let committed = try String(contentsOfFile: CLI.root + "/docs/troubleshooting.md", encoding: .utf8)
        let generated = TroubleshootingDocument.markdown(ErrorCatalog.sections)
        #expect(committed == generated, "docs/troubleshooting.md is out of date: run `\(TroubleshootingDocument.regenerate)`")
    }

    @Test func explainPrintsTheDocumentAndOneEntry() throws {
        let markdown = try CLI.run(["explain", "--markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout == TroubleshootingDocument.markdown(ErrorCatalog.sections))
        let one = try CLI.run(["explain", "hostKeyUnknown"])
        #expect(one.status == 0)
        #expect(one.stdout.hasPrefix("GitSourceError.hostKeyUnknown: The SSH host key is not in known_hosts\n\n    host key of git.example.com"))
        let none = try CLI.run(["explain", "no-such-message-anywhere"])
        #expect(none.status == 1)
        #expect(none.stderr.hasPrefix("error: no entry matches `no-such-message-anywhere`"))
    }

    @Test func aTopicIsACaseATypeOrWords() {
        #expect(ErrorCatalog.entries(matching: "timedout").map(\.key) == ["GitSourceError.timedOut", "ScrapeError.timedOut"])
        #expect(ErrorCatalog.entries(matching: "MasterKeyError").count == 6)
        #expect(ErrorCatalog.entries(matching: "known_hosts changed").map(\.key) == ["GitSourceError.hostKeyChanged"])
    }

    /// A new case or code without an entry fails here, so every error the tool prints is documented.
    @Test(arguments: ErrorSourceFile.all)
    func everyCaseAndCodeHasAnEntry(_ file: ErrorSourceFile) throws {
        let names = try file.memberNames()
        #expect(!names.isEmpty || file.member == nil, "no cases or codes read from \(file.path)")
        let keys = Set(ErrorCatalog.entries.map(\.key))
        let hasEntry = keys.contains { $0 == file.type || $0.hasPrefix(file.type + ".") }
        #expect(hasEntry, "\(file.type) has no entry in ErrorCatalog")
        let missing = names.filter { !keys.contains("\(file.type).\($0)") }
        #expect(missing.isEmpty, "\(file.path): \(missing.map { "\(file.type).\($0)" }.joined(separator: ", ")) without an entry: add one to ErrorCatalog (Sources/telemt-gitops/Troubleshooting), then run `\(TroubleshootingDocument.regenerate)`")
    }

    /// Every public error type of the modules is read by the test above, or documented elsewhere.
    @Test func everyPublicErrorTypeIsCovered() throws {
        let covered = Set(ErrorSourceFile.all.map(\.type) + ErrorSourceFile.nested + ErrorSourceFile.documentedElsewhere)
        let uncovered = try ErrorSourceFile.publicErrorTypes().filter { !covered.contains($0) }
        #expect(uncovered.isEmpty, "public error types without troubleshooting entries: \(uncovered.joined(separator: ", ")); add entries to ErrorCatalog and the type to ErrorSourceFile.all")
    }

    @Test func entriesAreCompleteAndShowNoSecret() throws {
        let secretLike = try Regex("[0-9a-fA-F]{32,}")
        for entry in ErrorCatalog.entries {
            #expect(!entry.title.isEmpty && !entry.sample.isEmpty && !entry.meaning.isEmpty, "\(entry.key) is incomplete")
            #expect(!entry.fix.trimmingCharacters(in: .whitespaces).isEmpty, "\(entry.key) \(entry.title) has no fix")
            #expect(entry.sample.firstMatch(of: secretLike) == nil, "\(entry.key) \(entry.title): the sample shows a secret-looking value")
        }
    }
}
