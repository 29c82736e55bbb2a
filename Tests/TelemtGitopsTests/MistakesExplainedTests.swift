import Foundation
import Testing

/// The mistakes a newcomer makes get an explanation and, where one is likely, the fix.
@Suite struct MistakesExplainedTests {
    private func validate(_ users: String) throws -> CLI.Result {
        let dir = try Scratch()
        try dir.write("users.yaml", "version: 1\nproxy: { host: proxy.example.com }\nusers:\n\(users)")
        return try CLI.run(["validate", "users.yaml"], in: dir.path)
    }

    @Test(arguments: [
        ("2027-13-01", "`2027-13-01` has month 13 (months run from 01 to 12; did you mean `2027-01-13` (year-month-day)?)"),
        ("2027-02-30", "`2027-02-30` does not exist: February has 28 days in 2027 (did you mean `2027-02-28`?)"),
        ("01.02.2027", "`01.02.2027` is in day-month order; dates are written year-month-day (did you mean `2027-02-01`?)"),
        ("2027-1-1", "`2027-1-1` is missing zero padding (write two digits for month and day: `2027-01-01`)"),
    ])
    func invalidDatesSayWhatIsWrong(date: String, message: String) throws {
        let result = try validate("  alice: { expire: \(date) }\n")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("users.yaml:4:20: error: `expire`: \(message)\n"))
    }

    @Test func aFieldIndentedAsAUserNameIsCalledIndentation() throws {
        let result = try validate("  alice:\n  data_limit: 50 GiB\n")
        #expect(result.stderr.hasPrefix("users.yaml:5:15: error: `data_limit` is a user field but its indentation makes it a user name "
            + "(indent it further than the user's name, under `alice:`)\n"))
    }

    @Test func anUnclosedBraceIsNamedWithItsLine() throws {
        let result = try validate("  alice: { data_limit: 50 GiB\n  bob: {}\n")
        #expect(result.stderr.hasPrefix("users.yaml:4:24: error: `data_limit`: unclosed `{` opened at line 4: the value runs on to line 5 "
            + "(close the mapping with `}` on line 4)\n"))
        #expect(!result.stderr.contains("GiB bob"))
    }

    @Test func aDuplicateOnTheSameLineSaysWhereOnTheLine() throws {
        let result = try validate("  alice: { rotate: 1, rotate: 2 }\n")
        #expect(result.stderr.hasPrefix("users.yaml:4:23: error: duplicate key `rotate` (first defined at column 12 of this line) (keep one of the two)\n"))
    }

    @Test func aZeroDataLimitIsRefusedAsAmbiguous() throws {
        let result = try validate("  alice: { data_limit: 0 }\n")
        #expect(result.stderr.hasPrefix("users.yaml:4:24: error: `data_limit`: a limit of 0 bytes is ambiguous "
            + "(write `unlimited` for no limit, or `disabled: true` to let no traffic through)\n"))
    }

    @Test func aTopLevelUsersYmlIsReadLikeUsersYaml() throws {
        let dir = try Scratch()
        try dir.write("users.yml", "version: 1\nproxy: { host: proxy.example.com }\nusers:\n  alice: {}\n")
        let result = try CLI.run(["validate"], in: dir.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "valid: 1 user, timezone UTC (users.yml)\n")
    }

    @Test func meaninglessOptionCombinationsAreUsageErrors() throws {
        let png = try CLI.run(["links", "alice", "--spec", "examples", "--output", "x.png"])
        #expect(png.status == 64)
        #expect(png.stderr.hasPrefix("error: --output writes a QR code file: add --qr svg or --qr png\n"))
        let both = try CLI.run(["validate", "examples", "--repo", "file:///nonexistent"])
        #expect(both.status == 64)
        #expect(both.stderr.hasPrefix("error: give a local path (examples) or --repo file:///nonexistent, not both"))
    }

    @Test func linksSayWhenTheTemplateMasksAsAnotherDomain() throws {
        let dir = try Scratch()
        _ = try CLI.run(["keygen", "--out", dir.file("k")])
        try dir.write("users.yaml", "version: 1\nproxy: { host: p.example.com, tls_domain: www.example.com }\nusers:\n  alice: {}\n")
        try dir.write("telemt.toml", "[censorship]\ntls_domain = \"other.example.org\"\n")
        let result = try CLI.run(["links", "alice", "--key", dir.file("k")], in: dir.path)
        #expect(result.status == 0)
        #expect(result.stderr == "warning: these links carry tls_domain www.example.com (users.yaml proxy.tls_domain) but telemt.toml "
            + "has [censorship] tls_domain = \"other.example.org\": they will not connect until the two are the same\n")
    }
}

/// `usage` with a user, node or zone the store does not know: a "did you mean" and exit status 1.
@Suite struct UsageUnknownNamesTests {
    @Test func anUnknownUserOrNodeGetsADidYouMean() throws {
        let telemt = try ScriptedTelemt()
        defer { telemt.stop() }
        let dir = try Scratch()
        try telemt.metrics(uptime: 100, users: [("alice", "1000", "2000")])
        let scrape = try CLI.run(["scrape", "--db", dir.file("s.sqlite"), "--metrics", telemt.url("/metrics"), "--node", "eu-1"])
        #expect(scrape.status == 0, "\(scrape.stderr)")
        let user = try CLI.run(["usage", "alcie", "--db", dir.file("s.sqlite")])
        #expect(user.status == 1)
        #expect(user.stderr == "error: \(dir.file("s.sqlite")) has no traffic recorded for user 'alcie' (did you mean 'alice'?)\n")
        let node = try CLI.run(["usage", "--db", dir.file("s.sqlite"), "--node", "eu-2"])
        #expect(node.status == 1)
        #expect(node.stderr == "error: \(dir.file("s.sqlite")) has no scrape recorded for node 'eu-2' (did you mean 'eu-1'?)\n")
        let known = try CLI.run(["usage", "alice", "--db", dir.file("s.sqlite"), "--node", "eu-1", "--json"])
        #expect(known.status == 0)
        #expect(known.stdout.contains("\"timeZone\" : \"UTC\""))
    }

    @Test func anUnknownZoneGetsADidYouMean() throws {
        let dir = try Scratch()
        let result = try CLI.run(["usage", "--db", dir.file("s.sqlite"), "--timezone", "Europe/Moskow"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: --timezone: unknown time zone `Europe/Moskow` (did you mean `Europe/Moscow`?)\n")
    }

    @Test func anOffsetZoneIsRefused() throws {
        let dir = try Scratch()
        let result = try CLI.run(["usage", "--db", dir.file("s.sqlite"), "--timezone", "UTC+3"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: --timezone: `UTC+3` is an offset, not an IANA time zone name"))
    }
}
