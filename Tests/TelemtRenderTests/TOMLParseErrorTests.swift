import TestSupport
import Testing
@testable import TelemtRender

/// Malformed TOML: each case must fail with the given code at the given line:column.
@Suite struct TOMLParseErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var source: String
        var code: TOMLParseError.Code
        var position: String
        var testDescription: String { "\(code) \(position)" }
    }

    static let corpus: [Case] = [
        Case(source: "a = 1\na = 2", code: .duplicateKey, position: "2:1"),
        Case(source: "[a]\nb = 1\n[a]", code: .tableRedefined, position: "3:1"),
        Case(source: "[a]\nb.c = 1\n[a.b]", code: .tableRedefined, position: "3:1"),
        Case(source: "a = {b = 1}\n[a]", code: .inlineTableExtended, position: "2:1"),
        Case(source: "a = {b = 1}\na.c = 2", code: .inlineTableExtended, position: "2:1"),
        Case(source: "a = [1]\n[[a]]", code: .appendToStaticArray, position: "2:1"),
        Case(source: "[[a]]\n[a]", code: .tableRedefined, position: "2:1"),
        Case(source: "a = 1\n[a.b]", code: .notATable, position: "2:1"),
        Case(source: "a = 1\n[a]", code: .keyRedefinesTable, position: "2:1"),
        Case(source: "[a.b]\nc = 1\n[a]\nb.d = 2", code: .tableRedefined, position: "4:1"),
        Case(source: "a = \"abc", code: .unterminatedString, position: "1:5"),
        Case(source: "a = \"abc\nb = 1", code: .newlineInString, position: "1:9"),
        Case(source: "a = \"\\x\"", code: .invalidEscape, position: "1:6"),
        Case(source: "a = \"\\uD800\"", code: .invalidEscape, position: "1:6"),
        Case(source: "x = 1\na = \"\"\"abc", code: .unterminatedString, position: "2:5"),
        Case(source: "a = 'é\u{7}'", code: .controlCharacter, position: "1:7"),
        Case(source: "# bad \u{1}", code: .controlCharacter, position: "1:7"),
        Case(source: "a = 01", code: .invalidNumber, position: "1:5"),
        Case(source: "a = 1__0", code: .invalidNumber, position: "1:5"),
        Case(source: "a = 1.", code: .invalidNumber, position: "1:5"),
        Case(source: "a = .5", code: .expectedValue, position: "1:5"),
        Case(source: "a = 0X1F", code: .invalidNumber, position: "1:5"),
        Case(source: "a = 9223372036854775808", code: .integerOverflow, position: "1:5"),
        Case(source: "a = 2023-02-29", code: .invalidDateTime, position: "1:5"),
        Case(source: "a = 2023-01-01T25:00:00Z", code: .invalidDateTime, position: "1:5"),
        Case(source: "a = 2023-01-01T10:00Zx", code: .invalidDateTime, position: "1:5"),
        Case(source: "a = [1, 2", code: .unterminatedArray, position: "1:5"),
        Case(source: "a = [1 2]", code: .unterminatedArray, position: "1:8"),
        Case(source: "a = {b = 1,}", code: .trailingCommaInInlineTable, position: "1:12"),
        Case(source: "a = {b = 1,\nc = 2}", code: .newlineInInlineTable, position: "1:12"),
        Case(source: "a = {b = 1", code: .unterminatedInlineTable, position: "1:5"),
        Case(source: "[a", code: .invalidTableHeader, position: "1:3"),
        Case(source: "[[a]\n", code: .invalidTableHeader, position: "1:5"),
        Case(source: "a = 1 b = 2", code: .expectedNewline, position: "1:7"),
        Case(source: "a", code: .expectedEquals, position: "1:2"),
        Case(source: "a =", code: .expectedValue, position: "1:4"),
        Case(source: "a = # no", code: .expectedValue, position: "1:5"),
        Case(source: "= 1", code: .invalidBareKey, position: "1:1"),
        Case(source: "a b = 1", code: .expectedEquals, position: "1:3"),
        Case(source: "a = truth", code: .expectedValue, position: "1:5"),
        Case(source: "a = true1", code: .expectedNewline, position: "1:9"),
        Case(source: "a = hello", code: .expectedValue, position: "1:5"),
        Case(source: "a = 1\r\nb = 2\rc = 3", code: .expectedNewline, position: "2:6"),
        Case(source: "\"\"\"k\"\"\" = 1", code: .invalidBareKey, position: "1:1"),
        Case(source: "a = " + String(repeating: "[", count: 200), code: .tooDeeplyNested, position: "1:105"),
    ]

    @Test(arguments: corpus) func reportsPosition(_ sample: Case) {
        #expect {
            try TOMLDocument(parsing: sample.source)
        } throws: { error in
            guard let error = error as? TOMLParseError else { return false }
            return error.code == sample.code && error.location.description == sample.position
                && !error.message.isEmpty && !error.hint.isEmpty
        }
    }

    @Test func rejectsInvalidUTF8WithOffset() {
        #expect {
            try TOMLDocument(parsing: Array("a = \"x".utf8) + [0xC3, 0x28] + Array("\"".utf8))
        } throws: { error in
            (error as? TOMLParseError)?.code == .invalidUTF8 && (error as? TOMLParseError)?.location.offset == 6
        }
    }

    @Test func rejectsOversizedInput() {
        #expect {
            try TOMLDocument(parsing: "a = 1\n", maximumSize: 3)
        } throws: { error in
            (error as? TOMLParseError)?.code == .tooLarge
        }
    }

    @Test func randomGarbageNeverCrashes() {
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("[]{}=\"'#.,\n\r\t 0123456789abexz+-:_TZ\\".utf8)
        var failures = 0
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 1...60, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            do {
                _ = try TOMLDocument(parsing: bytes)
            } catch {
                failures += 1
                #expect(error.location.offset <= bytes.count)
            }
        }
        #expect(failures > 1_000)
    }
}
