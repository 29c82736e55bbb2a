import Spec

/// A representative set of users.yaml diagnostics, from the real loader on small bad inputs
/// (docs/users-yaml.md lists every rule).
extension ErrorCatalog {
    static let specIntro = "`validate` (and every command that reads the desired state) reports every problem of every "
        + "users.yaml or users/*.yaml file at once, as `file:line:col: error: message (hint)`, then a closing line such as "
        + "`1 error. Fix the lines above and run `telemt-gitops validate` again.`. A spec with any error is never applied: "
        + "the host keeps the last good revision. Below is a representative set, each from the real loader on a small "
        + "bad file; [users-yaml.md](users-yaml.md) has every rule and message."

    static let specHead = "version: 1\nproxy: { host: proxy.example.com }\nusers:\n"

    static var specEntries: [ErrorEntry] { (specFieldEntries + specValueEntries + specFileEntries).compactMap { $0 } }

    /// The first diagnostic (error, else warning) the loader reports for `files`.
    static func diagnostic(_ files: [(path: String, text: String)]) -> SpecDiagnostic? {
        let sources = files.map { SpecSource(path: $0.path, bytes: Array($0.text.utf8)) }
        do {
            return try SpecLoader.load(sources).warnings.first
        } catch {
            return error.errors.first ?? error.diagnostics.first
        }
    }

    private static func spec(_ text: String, users: Bool = true, _ title: String, meaning: String, fix: String) -> ErrorEntry? {
        specFiles([("users.yaml", users ? specHead + text : text)], title, meaning: meaning, fix: fix)
    }

    private static func specFiles(_ files: [(path: String, text: String)], _ title: String, meaning: String, fix: String) -> ErrorEntry? {
        diagnostic(files).map { ErrorEntry(key: "users.yaml", title, sample: $0.description, meaning: meaning, fix: fix) }
    }

    private static var specFieldEntries: [ErrorEntry?] {
        [
            spec("  alice: { data_limt: 50 GiB }\n", "An unknown key",
                 meaning: "The key is not a field of a user (or of that section); unknown keys are errors, so a typo never silently does nothing.",
                 fix: "Use the name the hint suggests; `telemt-gitops schema` gives editors the list of fields."),
            spec("  alice:\n  data_limit: 50 GiB\n", "A field indented as a user name",
                 meaning: "A user field is at the indentation of user names, so YAML reads it as another user.",
                 fix: "Indent the field further than the user's name, under `alice:`."),
            spec("  alice: { data_limit: 50 GiB\n  bob: {}\n", "An unclosed brace",
                 meaning: "A flow mapping `{ … }` is not closed on its line, so YAML reads the following lines into it.",
                 fix: "Close the mapping with `}` on the line that opened it."),
            spec("  alice: { rotate: 1, rotate: 2 }\n", "A key given twice",
                 meaning: "Duplicate keys are errors (YAML would otherwise keep one silently).", fix: "Keep one of the two."),
            spec("  alice smith: {}\n", "An invalid user name",
                 meaning: "Names are 1-64 of A-Z a-z 0-9 _ . - because telemt prints them unescaped in metric labels.",
                 fix: "Rename the user, e.g. `alice_smith` (the derived secret, and so the link, follows the name)."),
            spec("  alice: { expire: 2027-01-01, on_hold: 30d }\n", "expire and on_hold together",
                 meaning: "`on_hold` starts the expiry clock at the first connection; a fixed `expire` contradicts it.",
                 fix: "Keep one of the two."),
        ]
    }

    private static var specValueEntries: [ErrorEntry?] {
        [
            spec("  alice: { expire: 2027-13-01 }\n", "A date that does not exist",
                 meaning: "Dates are year-month-day; this one has month 13 (or a day the month does not have).",
                 fix: "Write the date the hint suggests; a date means the end of that day in `timezone`."),
            spec("  alice: { expire: 01.02.2027 }\n", "A date in day-month order",
                 meaning: "Dates are written year-month-day (ISO 8601), never day.month.year.", fix: "Write `2027-02-01`."),
            spec("  alice: { data_limit: 0 }\n", "A data limit of 0",
                 meaning: "0 could mean no limit or no traffic, so it is refused.",
                 fix: "Write `unlimited` for no limit, or `disabled: true` to let no traffic through."),
            spec("  alice: { data_limit: 50 gigs }\n", "An unknown unit",
                 meaning: "Sizes take B, KB, MB, GB, TB (×1000) or KiB, MiB, GiB, TiB (×1024).", fix: "Write e.g. `50 GiB`."),
            spec("  alice: { reset: monthy }\n", "An unknown reset period",
                 meaning: "`reset` is one of none, daily, weekly, monthly, yearly.", fix: "Use the value the hint suggests."),
            spec("  dave: { secret: 0123456789abcdef0123456789abcdef }\n", "An explicit secret (warning)",
                 meaning: "Explicit secrets are for migrating users from an existing telemt config; they live in git, unlike derived ones.",
                 fix: "Once clients use new links, remove `secret:` so the user gets a derived secret (`telemt-gitops links dave`)."),
        ]
    }

    private static var specFileEntries: [ErrorEntry?] {
        [
            spec("  alice: { secret: 0123456789abcdef0123456789abcdef }\n  bob: { secret: 0123456789abcdef0123456789abcdef }\n",
                 "Two users with the same secret",
                 meaning: "telemt tells users apart by their secret; two explicit `secret:` values are the same (derived secrets never clash).",
                 fix: "Remove the explicit `secret:` of one of them (it gets a derived secret and a new link)."),
            spec("proxy: { host: proxy.example.com }\nusers:\n  alice: {}\n", users: false, "No version",
                 meaning: "Every users.yaml starts with `version: 1`, so that a later format can be told apart.", fix: "Add `version: 1` as the first line."),
            spec("version: 1\nusers:\n  alice: {}\n", users: false, "No proxy section",
                 meaning: "Links need the host clients connect to, given under `proxy:` in one of the files.", fix: "Add `proxy: { host: proxy.example.com }` with your proxy's DNS name or IP."),
            spec("  alice: &a { data_limit: 1 GiB }\n  bob: *a\n", "A YAML alias",
                 meaning: "Anchors and aliases are refused: they make a spec hard to review and can blow up in size.",
                 fix: "Write the fields out, or move shared values to `defaults:`."),
            specFiles([("users/a.yaml", specHead + "  alice: {}\n"), ("users/b.yaml", "version: 1\nusers:\n  alice: {}\n")], "A user defined in two files",
                      meaning: "users/*.yaml files are merged; a user may be defined in only one of them.",
                      fix: "Remove one of the two definitions the message names."),
        ]
    }
}
