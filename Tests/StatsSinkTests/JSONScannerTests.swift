import Foundation
import Testing
@testable import StatsSink

/// The strict JSON reader: acceptance, refusal, positions, limits and exact integers.
struct JSONScannerTests {
    /// Validates `text` as one JSON value.
    func validate(_ text: String, limits: JSONScanner.Limits = JSONScanner.Limits()) throws(JSONScanError) {
        try validate(Array(text.utf8), limits: limits)
    }

    func validate(_ bytes: [UInt8], limits: JSONScanner.Limits = JSONScanner.Limits()) throws(JSONScanError) {
        try JSONScanner.scan(bytes, limits: limits) { (scanner) throws(JSONScanError) in try scanner.skipValue() }
    }

    func readUInt64(_ text: String) throws(JSONScanError) -> UInt64 {
        try JSONScanner.scan(Array(text.utf8)) { (scanner) throws(JSONScanError) in try scanner.readUInt64() }
    }

    func readString(_ text: String) throws(JSONScanError) -> String {
        try JSONScanner.scan(Array(text.utf8)) { (scanner) throws(JSONScanError) in try scanner.readString() }
    }

    @Test(arguments: [
        "{}", "[]", " \n\t\r 1 \n", "0", "-0", "0.5", "-12.5e+10", "1E-3", "123456789012345678901234567890",
        "true", "false", "null", #""""#, #""\"\\\/\b\f\n\r\t""#, #""\u00e9\uD83D\uDE00\u0000""#, "\"é€😀\"",
        #"{"a":{"b":[true,false,null,{"c":[]}]},"a":1}"#, #"[1,-0,0.5e+10,"x",{"":""}]"#,
    ])
    func acceptsValidJSON(text: String) throws {
        try validate(text)
    }

    @Test(arguments: [
        "", " ", "[1,]", #"{"a":1,}"#, "01", "-01", "1.", ".5", "-", "1e", "1e+", "+1", "0x10", "tru", "nul", "nulls",
        "[", "{", "]", #"{"a" 1}"#, #"{"a":}"#, "{1:2}", "[1 2]", "1 2", "NaN", "Infinity", "'a'", #""abc"#,
        #""\x""#, #""\u12""#, #""\u12G4""#, #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, #""\ud800x""#,
        "\"a\u{01}b\"", "\"tab\there\"", "[1]]", "{\"a\":1}}", "[true false]",
    ])
    func refusesInvalidJSON(text: String) {
        #expect(throws: JSONScanError.self) { try validate(text) }
    }

    @Test(arguments: [
        [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xE0, 0x80, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xFF, 0x22], [0x22, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22],
    ] as [[UInt8]])
    func refusesInvalidUTF8(bytes: [UInt8]) {
        #expect(throws: JSONScanError.self) { try validate(bytes) }
    }

    @Test func everyTruncationOfATelemtBodyIsAnErrorNeverATrap() throws {
        let body = Array(TelemtAPIFixtures.usersBody(TelemtAPIFixtures.sampleUsers()).utf8)
        try validate(body)
        for length in 0..<body.count {
            do {
                try validate(Array(body[..<length]))
                Issue.record("a prefix of \(length) bytes was accepted")
            } catch {
                #expect(error.offset <= length)
            }
        }
    }

    @Test func deepNestingIsRefusedQuickly() throws {
        let started = Date()
        let error = #expect(throws: JSONScanError.self) { try validate(String(repeating: "[", count: 100_000)) }
        #expect(error?.expected == "at most 64 nested arrays and objects")
        #expect(error?.offset == 64)
        #expect(Date().timeIntervalSince(started) < 1)
        try validate(String(repeating: "[", count: 64) + String(repeating: "]", count: 64))
        #expect(throws: JSONScanError.self) {
            try validate(String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65))
        }
    }

    @Test func integersAreExactUpTo2To64Minus1() throws {
        #expect(try readUInt64("18446744073709551615") == UInt64.max)
        #expect(try readUInt64("9007199254740993") == 9_007_199_254_740_993, "2^53+1 would round through Double")
        #expect(try readUInt64(" 0 ") == 0)
        for refused in ["18446744073709551616", "99999999999999999999", "1e19", "1E2", "5.0", "-1", "-0", "\"1\"", "null"] {
            #expect(throws: JSONScanError.self, "\(refused)") { try readUInt64(refused) }
        }
        let error = #expect(throws: JSONScanError.self) { try readUInt64("1e19") }
        #expect(error?.found == "a fraction or exponent")
    }

    @Test func doublesAndBooleans() throws {
        let uptime = try JSONScanner.scan(Array("86412.371".utf8)) { (scanner) throws(JSONScanError) in try scanner.readDouble() }
        #expect(uptime == 86_412.371)
        #expect(throws: JSONScanError.self) {
            try JSONScanner.scan(Array("1e400".utf8)) { (scanner) throws(JSONScanError) in try scanner.readDouble() }
        }
        let flags = try JSONScanner.scan(Array("[true,false]".utf8)) { (scanner) throws(JSONScanError) -> [Bool] in
            var flags: [Bool] = []
            try scanner.readArray { (scanner) throws(JSONScanError) in flags.append(try scanner.readBool()) }
            return flags
        }
        #expect(flags == [true, false])
    }

    @Test func escapesAreDecoded() throws {
        #expect(try readString(#""a\u00e9\uD83D\uDE00\n\t\"\\\/\b\f\r""#) == "aé😀\n\t\"\\/\u{08}\u{0C}\r")
        #expect(try readString("\"é€😀\"") == "é€😀")
        let value = try JSONScanner.scan(Array(#"{"tot\u0061l":5,"total":6}"#.utf8)) { (scanner) throws(JSONScanError) -> [UInt64] in
            var values: [UInt64] = []
            try scanner.readObject { (scanner, key) throws(JSONScanError) in
                if key.matches("total") { values.append(try scanner.readUInt64()) }
            }
            return values
        }
        #expect(value == [5, 6])
    }

    @Test func errorsGiveLineAndColumnAndNoContents() {
        let error = #expect(throws: JSONScanError.self) { try validate("{\n  \"link\": \"secret=abc\\q\"}") }
        #expect(error?.line == 2)
        #expect(error?.column == 22)
        #expect(error?.found == "an invalid escape")
        #expect(error.map { !$0.description.contains("secret") && !$0.description.contains("abc") } == true)
    }

    @Test func longStringsAreRefused() throws {
        let limits = JSONScanner.Limits(maxDepth: 64, maxStringBytes: 10)
        try validate("\"0123456789\"", limits: limits)
        let error = #expect(throws: JSONScanError.self) { try validate("[\"01234567890\"]", limits: limits) }
        #expect(error?.offset == 1)
    }
}
