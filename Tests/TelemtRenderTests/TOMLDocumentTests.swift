import Foundation
import Testing
@testable import TelemtRender

@Suite struct TOMLDocumentTests {
    @Test func parsesScalars() throws {
        let document = try TOMLDocument(parsing: #"""
        a = "tab\there \u00e9 \U0001F600 \"q\""
        b = 'C:\path'
        c = 1_000
        e = 0xDEAD_beef
        f = 0o755
        g = 0b1101
        h = -9223372036854775808
        i = 6.626e-34
        j = -inf
        k = nan
        l = true
        m = 1_0.5e+0_2
        """#)
        let root = document.root
        #expect(root["a"] == .string("tab\there é 😀 \"q\""))
        #expect(root["b"] == .string(#"C:\path"#))
        #expect(root["c"] == .integer(1_000))
        #expect(root["e"] == .integer(0xDEAD_BEEF))
        #expect(root["f"] == .integer(0o755))
        #expect(root["g"] == .integer(13))
        #expect(root["h"] == .integer(.min))
        #expect(root["i"] == .float(6.626e-34))
        #expect(root["j"] == .float(-.infinity))
        #expect(root["k"]?.floatValue?.isNaN == true)
        #expect(root["l"] == .boolean(true))
        #expect(root["m"] == .float(1050))
    }

    @Test func rejectsSignedHex() {
        #expect(throws: TOMLParseError.self) { try TOMLDocument(parsing: "d = -0x7f") }
    }

    @Test func parsesMultilineStrings() throws {
        let document = try TOMLDocument(parsing: "a = \"\"\"\nline 1\\\n    line 2\"\"\"\"\"\nb = '''\nraw \\n ''text'''''\n")
        #expect(document.root["a"] == .string("line 1line 2\"\""))
        #expect(document.root["b"] == .string("raw \\n ''text''"))
    }

    @Test func parsesDateTimes() throws {
        let document = try TOMLDocument(parsing: """
        odt = 1979-05-27T07:32:00.999-07:00
        space = 1979-05-27 07:32:00Z
        ldt = 1979-05-27T07:32:00
        ld = 2024-02-29
        lt = 00:32:00.5
        """)
        let odt = try #require(document.root["odt"]?.dateTimeValue)
        #expect(odt.offsetMinutes == -420 && odt.nanosecond == 999_000_000)
        #expect(abs((odt.date?.timeIntervalSince1970 ?? 0) - 296_663_520.999) < 1e-6)
        #expect(document.root["space"]?.dateTimeValue?.date == TestSupport.date("1979-05-27T07:32:00Z"))
        #expect(document.root["ldt"]?.dateTimeValue?.date == nil)
        #expect(document.root["ld"]?.dateTimeValue == TOMLDateTime(year: 2024, month: 2, day: 29))
        #expect(document.root["lt"]?.dateTimeValue == TOMLDateTime(hour: 0, minute: 32, second: 0, nanosecond: 500_000_000))
    }

    @Test func parsesTablesArraysAndDottedKeys() throws {
        let document = try TOMLDocument(parsing: """
        # comment
        site."google.com" = true
        [fruit]
        apple.color = "red"
        apple.taste.sweet = true
        [fruit.apple.texture]
        smooth = true
        [[products]]
        name = "Hammer"
        [[products]]
        [x.y.z]
        [x]
        inline = { a = 1, b.c = [1, "two", [3.0], { d = 4 }] }
        arr = [
          1, # one
          2,
        ]
        """)
        let root = document.root
        #expect(root.value(at: ["site", "google.com"]) == .boolean(true))
        #expect(root.value(at: ["fruit", "apple", "taste", "sweet"]) == .boolean(true))
        #expect(root.value(at: ["fruit", "apple", "texture", "smooth"]) == .boolean(true))
        #expect(root["products"]?.arrayValue?.count == 2)
        #expect(root.value(at: ["x", "inline", "b", "c"])?.arrayValue?.count == 4)
        #expect(root.value(at: ["x", "arr"]) == .array([.integer(1), .integer(2)]))
        #expect(root.table(at: ["x", "inline"])?.origin == .inline)
        #expect(root.table(at: ["fruit", "apple"])?.origin == .dotted)
        #expect(root.table(at: ["x"])?.origin == .header)
    }

    @Test func recordsSectionByteRanges() throws {
        let text = "a = 1\n\n# lead\n[t]  # c\nk = 1\n\n# tail\n  [[u]]\n"
        let document = try TOMLDocument(parsing: text)
        let bytes = Array(text.utf8)
        #expect(document.sections.map(\.path) == [[], ["t"], ["u"]])
        let table = document.sections[1]
        #expect(String(decoding: bytes[table.headerRange], as: UTF8.self) == "[t]  # c\n")
        #expect(String(decoding: bytes[table.range], as: UTF8.self) == "[t]  # c\nk = 1\n\n# tail\n")
        #expect(String(decoding: bytes[table.headerRange.upperBound..<table.bodyEnd], as: UTF8.self) == "k = 1\n")
        #expect(document.sections[2].isArrayElement)
        #expect(document.sections[0].range == 0..<14)
        #expect(document.sections[0].entryOffsets == [0])
    }

    @Test func locatesKeysAndTables() throws {
        let document = try TOMLDocument(parsing: "[server]\nport = 443\napi.enabled = true\n[censorship]\n  tls_domain = \"x\"\n")
        #expect(document.location(of: ["server"])?.description == "1:1")
        #expect(document.location(of: ["server", "port"])?.description == "2:1")
        #expect(document.location(of: ["server", "api", "enabled"])?.description == "3:1")
        #expect(document.location(of: ["censorship", "tls_domain"])?.description == "5:3")
        #expect(document.location(of: ["missing"]) == nil)
    }

    @Test func acceptsCRLF() throws {
        let document = try TOMLDocument(parsing: "[a]\r\nb = \"\"\"\r\nx\r\ny\"\"\" # c\r\n")
        #expect(document.root.value(at: ["a", "b"]) == .string("x\r\ny"))
    }

    @Test func parsesTheTelemtExample() throws {
        let document = try TOMLDocument(parsing: try TestSupport.golden("config.example.toml"))
        #expect(document[["server", "api", "listen"]] == .string("127.0.0.1:9091"))
        #expect(document[["server", "listeners"]]?.arrayValue?.count == 1)
        #expect(document.sections(at: ["access", "users"]).count == 1)
    }
}
