import TelemtRender

/// TOML syntax errors in the template or telemt's config (``TOMLParseError``), each from the real
/// parser on a small bad input.
extension ErrorCatalog {
    static var tomlEntries: [ErrorEntry] { (tomlLimitEntries + tomlTokenEntries + tomlValueEntries + tomlTableEntries).compactMap { $0 } }

    private static let tomlMeaning = "The template (telemt.toml, `--template`) or telemt's config.toml is not valid TOML at the line and column given; "

    private static func toml(_ source: [UInt8], maximumSize: Int = TOMLDocument.defaultMaximumSize, _ title: String,
                             meaning: String, fix: String) -> ErrorEntry? {
        let error = failure { () throws(TOMLParseError) in _ = try TOMLDocument(parsing: source, maximumSize: maximumSize) }
        return ErrorEntry(failure: error, kind: { $0.code }, title, meaning: tomlMeaning + meaning, fix: fix)
    }

    private static func toml(_ source: String, _ title: String, meaning: String, fix: String) -> ErrorEntry? {
        toml(Array(source.utf8), title, meaning: meaning, fix: fix)
    }

    private static var tomlLimitEntries: [ErrorEntry?] {
        [
            toml(Array("[censorship]\ntls_domain = \"x".utf8) + [0xC3, 0x28] + Array("\"\n".utf8), "Not UTF-8",
                 meaning: "the file has bytes that are not UTF-8 (saved in another encoding).", fix: "Save the file as UTF-8 (`iconv -f LATIN1 -t UTF-8`)."),
            toml(Array("[general]\nfast_mode = true\n".utf8), maximumSize: 16, "The file is too large",
                 meaning: "it is over the size limit (64 MiB for a template).", fix: "Check that the path is telemt's config, not a log or a dump."),
            toml("a = " + String(repeating: "[", count: 120), "Nested too deeply",
                 meaning: "arrays, inline tables or dotted keys nest more than 100 levels deep.", fix: "No telemt setting nests like this; remove the nesting."),
            toml("a = [" + String(repeating: "{},", count: 5_000) + "]\n", "Too many values for the size",
                 meaning: "it builds more values or tables than its size allows (a guard against input crafted to take gigabytes).",
                 fix: "Remove the repeated values or tables; a telemt config needs far fewer."),
            toml("[general]\n# note\u{1}\n", "A control character",
                 meaning: "a control character (other than tab) is in a comment, key or string.", fix: "Delete it; write it as an escape such as `\\u0001` inside a basic string."),
        ]
    }

    private static var tomlTokenEntries: [ErrorEntry?] {
        [
            toml("[server]\nport = 443 listen = \"0.0.0.0\"\n", "Two settings on one line",
                 meaning: "something follows a complete `key = value` on its line.", fix: "Put each setting on its own line."),
            toml("[server]\nport\n", "No `=` after a key", meaning: "a key is not followed by `=`.", fix: "Write `key = value`."),
            toml("[server]\nport.", "A key is missing", meaning: "the file ends where a key was expected, e.g. after the dot of a dotted key.", fix: "Complete or remove the dotted key."),
            toml("[server]\nport =\n", "A value is missing", meaning: "`=` is not followed by a value.", fix: "Write the value after `=`; strings are quoted."),
            toml("[server]\n= 443\n", "Not a valid key", meaning: "a bare key has characters other than A-Z a-z 0-9 _ -.",
                 fix: "Quote the key (`\"my key\" = 1`) or rename it."),
            toml("[censorship]\ntls_domain = \"www.example.com", "A string is not closed", meaning: "the file ends inside a string (often a multi-line string without its closing quotes).",
                 fix: "Close the string with the quote it was opened with."),
            toml("[censorship]\ntls_domain = \"www\\x.example.com\"\n", "An invalid escape",
                 meaning: "a basic string holds an escape TOML does not have (`\\x`, a lone surrogate).", fix: "Use a literal string ('…') or a valid escape such as `\\\\`."),
            toml("[censorship]\ntls_domain = \"www.\nexample.com\"\n", "A newline in a string",
                 meaning: "a one-line string runs into the next line.", fix: "Close the string on its line, or use a multi-line string (\"\"\"…\"\"\")."),
        ]
    }

    private static var tomlValueEntries: [ErrorEntry?] {
        [
            toml("[server]\nport = 0443\n", "An invalid number", meaning: "a number has a leading zero, a doubled underscore, or a misplaced dot.",
                 fix: "Write it as a plain decimal: `port = 443`."),
            toml("[access.user_data_quota]\nalice = 18446744073709551616\n", "A number is too large",
                 meaning: "an integer does not fit 64 bits.", fix: "Use a smaller value (the largest is 9223372036854775807)."),
            toml("[general]\nstarted = 2026-02-29\n", "An invalid date", meaning: "a date or time does not exist or is malformed.",
                 fix: "Write an RFC 3339 date-time, e.g. `2027-01-01T20:59:59Z`."),
            toml("[server]\nlisten = [\"0.0.0.0\", \"::\"\n", "An array is not closed", meaning: "an array has no closing `]` or lacks commas.",
                 fix: "Separate the items with commas and close the array with `]`."),
            toml("[server]\napi = { enabled = true", "An inline table is not closed", meaning: "the file ends inside an inline table, before its closing `}`.",
                 fix: "Close it with `}` on the same line, or write it as a `[table]`."),
            toml("[server]\napi = { enabled = true,\nread_only = true }\n", "A newline in an inline table", meaning: "inline tables must be on one line.",
                 fix: "Write them on one line, or as a `[server.api]` table."),
            toml("[server]\napi = { enabled = true, }\n", "A trailing comma in an inline table", meaning: "the last item of an inline table is followed by a comma.",
                 fix: "Remove the comma before `}`."),
        ]
    }

    private static var tomlTableEntries: [ErrorEntry?] {
        [
            toml("[server\nport = 443\n", "An invalid table header", meaning: "a `[table]` or `[[array]]` header is not closed or has an invalid key.",
                 fix: "Close the header: `[server]`."),
            toml("[server]\nport = 443\nport = 8443\n", "A key defined twice", meaning: "a table defines the same key twice.", fix: "Keep one of the two."),
            toml("[server]\nport = 443\n[server]\n", "A table defined twice", meaning: "a `[table]` header appears twice (or after keys that defined it).",
                 fix: "Merge the two into one table."),
            toml("server = 1\n[server]\n", "A key is also a table", meaning: "a name holds a value and is also used as a `[table]`.", fix: "Rename one of them."),
            toml("server = 1\n[server.api]\n", "A value used as a table", meaning: "a header or dotted key goes through a name that holds a value.",
                 fix: "Remove the value, or rename the table."),
            toml("upstreams = []\n[[upstreams]]\n", "An array of tables appended to an array",
                 meaning: "`[[name]]` appends to a name already holding a static array.", fix: "Use one form: either `name = [...]` or `[[name]]` blocks."),
            toml("api = { enabled = true }\n[api]\n", "An inline table extended",
                 meaning: "an inline table is complete as written; keys cannot be added to it later.", fix: "Write it as a `[table]` with all its keys."),
        ]
    }
}
