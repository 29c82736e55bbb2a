import Foundation
import Testing

@Suite struct RenderCommandTests {
    func keyed() throws -> Scratch {
        let dir = try Scratch()
        let result = try CLI.run(["keygen", "--out", dir.file("master.key")])
        #expect(result.status == 0)
        return dir
    }

    @Test func rendersTheExampleIdempotentlyInto0600File() throws {
        let dir = try keyed()
        let args = ["render", "--spec", "examples", "--template", "examples/telemt.toml",
                    "--key", dir.file("master.key"), "--out", dir.file("config.toml")]
        let first = try CLI.run(args)
        #expect(first.status == 0)
        #expect(first.stdout.hasPrefix("wrote "))
        #expect(dir.mode("config.toml") == 0o600)
        let rendered = try dir.read("config.toml")
        #expect(rendered.contains("[access.users]"))
        let second = try CLI.run(args)
        #expect(second.status == 0)
        #expect(second.stdout.contains("is up to date"))
        #expect(try dir.read("config.toml") == rendered)
    }

    @Test func anInvalidSpecLeavesTheExistingConfigUntouched() throws {
        let dir = try keyed()
        try dir.write("config.toml", "# the last good config\n[access.users]\nold = \"00000000000000000000000000000000\"\n")
        try dir.write("spec/users.yaml", "version: 1\nproxy: { host: p.example }\nusers:\n  bad name: {}\n")
        let before = try dir.read("config.toml")
        let result = try CLI.run(["render", "--spec", dir.file("spec"), "--key", dir.file("master.key"), "--out", dir.file("config.toml")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("users.yaml:4:3: error:"))
        #expect(result.stderr.contains("nothing was written"))
        #expect(try dir.read("config.toml") == before)
    }

    @Test func theHostsOwnConfigIsTheTemplateWhenNoneIsGiven() throws {
        let dir = try keyed()
        try dir.write("config.toml", "# host settings\n[server]\nport = 8443\n\n[access.users]\nold = \"00000000000000000000000000000000\"\n")
        let result = try CLI.run(["render", "--spec", "examples/users.yaml", "--key", dir.file("master.key"), "--out", dir.file("config.toml")])
        #expect(result.status == 0)
        let rendered = try dir.read("config.toml")
        #expect(rendered.hasPrefix("# host settings\n[server]\nport = 8443\n"))
        #expect(!rendered.contains("old = "))
    }

    @Test func withoutAnyTemplateTheErrorSaysWhatToDo() throws {
        let dir = try keyed()
        let result = try CLI.run(["render", "--spec", "examples/users.yaml", "--key", dir.file("master.key"), "--out", dir.file("config.toml")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--template"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("config.toml")))
    }

    @Test func noSecretReachesStandardErrorOrTheSummary() throws {
        let dir = try keyed()
        let result = try CLI.run(["render", "--spec", "examples", "--template", "examples/telemt.toml",
                                  "--key", dir.file("master.key"), "--out", dir.file("config.toml")])
        let config = try dir.read("config.toml")
        let secrets = config.split(separator: "\n").compactMap { line -> String? in
            guard let quote = line.firstIndex(of: "\""), line.count > 40 else { return nil }
            return String(line[quote...].dropFirst().prefix(32))
        }
        #expect(!secrets.isEmpty)
        for secret in secrets {
            #expect(!result.stderr.contains(secret))
            #expect(!result.stdout.contains(secret))
        }
    }
}
