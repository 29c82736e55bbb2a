import Foundation
import Testing

/// Every message is true for the situation it is printed in, in one style (`error:` like a compiler).
@Suite struct TrueMessagesTests {
    private func spec(_ users: String, extra: String = "") throws -> Scratch {
        let dir = try Scratch()
        try dir.write("users.yaml", "version: 1\nproxy: { host: proxy.example.com }\n\(extra)users:\n\(users)")
        return dir
    }

    @Test func theDefaultTimeZoneIsCalledUTC() throws {
        let dir = try spec("  alice: {}\n")
        let result = try CLI.run(["validate", dir.path])
        #expect(result.stdout == "valid: 1 user, timezone UTC (\(dir.path)/users.yaml)\n")
        try dir.write("users.yaml", "version: 1\nproxy: { host: p.example.com }\ntimezone: UTC\nusers:\n  a: {}\n")
        #expect(try CLI.run(["validate", dir.path]).stdout.contains("timezone UTC ("))
    }

    @Test(arguments: [("UTC+3", "Etc/GMT-3"), ("GMT+3", "Etc/GMT-3"), ("UTC-05:00", "Etc/GMT+5")])
    func offsetsAreRefusedWithTheZoneToWrite(zone: String, etc: String) throws {
        let dir = try spec("  alice: {}\n", extra: "timezone: \(zone)\n")
        let result = try CLI.run(["validate", dir.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(dir.path)/users.yaml:3:11: error: `timezone`: `\(zone)` is an offset, not an IANA time zone name"))
        #expect(result.stderr.contains("`\(etc)` for a fixed offset; the sign of Etc/GMT names is inverted: `Etc/GMT-3` is 3 hours ahead of UTC"))
        #expect(result.stderr.contains("Europe/Moscow"))
    }

    @Test func validateEndsWithTheErrorCountAndItsOwnName() throws {
        let dir = try spec("  alice: { data_limt: 5 GiB }\n  bob: { reset: fortnightly }\n")
        let result = try CLI.run(["validate", dir.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("\n2 errors. Fix the lines above and run `telemt-gitops validate` again.\n"))
    }

    @Test func renderEndsWithWhatItDidNotWrite() throws {
        let dir = try spec("  alice: { data_limt: 5 GiB }\n")
        _ = try CLI.run(["keygen", "--out", dir.file("k")])
        let result = try CLI.run(["render", "--spec", dir.path, "--template", "examples/telemt.toml", "--key", dir.file("k"),
                                  "--out", dir.file("c.toml")])
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("\n1 error; nothing was written. Fix the lines above and run `telemt-gitops render` again.\n"))
    }

    @Test func renderingIntoAMissingDirectorySaysSo() throws {
        let dir = try spec("  alice: {}\n")
        _ = try CLI.run(["keygen", "--out", dir.file("k")])
        let result = try CLI.run(["render", "--spec", dir.path, "--template", "examples/telemt.toml", "--key", dir.file("k"),
                                  "--out", dir.file("out/c.toml")])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains("the directory \(dir.path)/out does not exist; create it first (mkdir -p) or choose another path. Nothing was written"))
        #expect(!result.stderr.contains("previous file"))
    }

    @Test func renderNamesWhoIsCutOffAndWhy() throws {
        let dir = try spec("  alice: {}\n  bob: { disabled: true }\n  carol: { expire: 2020-01-01 }\n")
        _ = try CLI.run(["keygen", "--out", dir.file("k")])
        let result = try CLI.run(["render", "--spec", dir.path, "--template", "examples/telemt.toml", "--key", dir.file("k"),
                                  "--out", dir.file("c.toml")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "wrote \(dir.file("c.toml")) (3 users, 2 cut off: bob disabled, carol expired 2020-01-01)\n")
    }

    @Test func aBadNowSaysWhatIsWrong() throws {
        let result = try CLI.run(["render", "--spec", "examples", "--out", "-", "--now", "2027-02-30T00:00:00Z"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("error: --now: `2027-02-30T00:00:00Z` does not exist: February has 28 days in 2027 (did you mean `2027-02-28T00:00:00Z`?)\n"))
    }

    @Test func usageErrorsAndThrownErrorsShareOneStyle() throws {
        let usage = try CLI.run(["links", "alice", "--spec", "examples", "--qr", "svg"])
        #expect(usage.stderr.hasPrefix("error: --qr svg writes a file: add --output FILE\n"))
        let thrown = try CLI.run(["links", "alice", "--spec", "examples", "--key", "/nonexistent/master.key"])
        #expect(thrown.status == 1)
        #expect(thrown.stderr.hasPrefix("error: "))
        #expect(!thrown.stderr.contains("Error:"))
    }

    @Test func anExpiryInThePastIsWarnedAbout() throws {
        let dir = try spec("  alice: {}\n  carol: { expire: 2020-01-01 }\n")
        let result = try CLI.run(["validate", dir.path])
        #expect(result.status == 0)
        #expect(result.stderr == "\(dir.path)/users.yaml:5:3: warning: carol expired 2020-01-01 and is cut off "
            + "(move `expire` to a later date to let them in again, or remove the user)\n")
    }
}
