import Testing
@testable import Spec

struct YAMLTreeParserTests {
    func parse(_ text: String, _ parser: YAMLTreeParser = YAMLTreeParser()) throws(SpecValidationError) -> YAMLNode? {
        try parser.parse(Array(text.utf8), file: "c.yaml")
    }

    func failure(_ text: String, _ parser: YAMLTreeParser = YAMLTreeParser()) -> SpecDiagnostic? {
        do throws(SpecValidationError) {
            _ = try parse(text, parser)
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    @Test func readsMappingsListsAndScalarsWithPositions() throws {
        let root = try #require(try parse("node: eu-1\nrepo:\n  url: 'file:///r'\nchats: [1, -2]\n"))
        guard case .mapping(let entries) = root.value else { Issue.record("\(root)"); return }
        #expect(entries.map(\.key) == ["node", "repo", "chats"])
        #expect(entries[0].value == YAMLNode(.scalar("eu-1", plain: true), at: .init(file: "c.yaml", line: 1, column: 7)))
        guard case .mapping(let repo) = entries[1].value.value else { Issue.record("repo"); return }
        #expect(repo[0].keyLocation == .init(file: "c.yaml", line: 3, column: 3))
        #expect(repo[0].value.value == .scalar("file:///r", plain: false))
        guard case .sequence(let chats) = entries[2].value.value else { Issue.record("chats"); return }
        #expect(chats.map(\.value) == [.scalar("1", plain: true), .scalar("-2", plain: true)])
    }

    @Test func anEmptyFileIsNoDocument() throws {
        #expect(try parse("") == nil)
        #expect(try parse("# only a comment\n") == nil)
    }

    @Test(arguments: [
        ("a: 1\na: 2\n", 2, "`a` is given twice (first at line 1)"),
        ("a: &x 1\nb: *x\n", 1, "anchors (`&name`) are not supported here"),
        ("a: !!binary aGk=\nb: !custom x\n", 2, "the tag `!custom` is not supported here"),
        ("a: 1\n---\nb: 2\n", 2, "a second YAML document (`---`)"),
        ("? [a]\n: 1\n", 1, "a key must be a plain word, not a list"),
        ("a: [1, 2\n", 2, "did not find expected ',' or ']'"),
    ])
    func refusesWhatAConfigurationFileNeverNeeds(text: String, line: Int, message: String) {
        let diagnostic = failure(text)
        #expect(diagnostic?.location.line == line)
        #expect(diagnostic?.message.contains(message) == true, "\(String(describing: diagnostic))")
    }

    @Test func boundsHoldForHostileInput() {
        #expect(failure(String(repeating: "[", count: 5_000))?.message == "too deeply nested")
        #expect(failure(String(repeating: "- ", count: 40) + "x\n")?.message.contains("nested more than 32 levels") == true)
        #expect(failure(String(repeating: "a", count: 2_000), YAMLTreeParser(maximumBytes: 1_000))?.message.contains("over the limit of 1000") == true)
        let many = (0..<200).map { "k\($0): v\n" }.joined()
        #expect(failure(many, YAMLTreeParser(maximumNodes: 100))?.message.contains("more than 100 values") == true)
    }
}
