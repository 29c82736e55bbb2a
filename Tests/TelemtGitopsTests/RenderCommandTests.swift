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

    @Test func aBrokenExistingConfigIsReportedWithoutEchoingItsSecrets() throws {
        let dir = try keyed()
        let secret = "64f57386aa01bb02cc03dd04ee05ff06"
        try dir.write("config.toml", "[access.users]\nalice = \(secret)\n")
        let result = try CLI.run(["render", "--spec", "examples/users.yaml", "--key", dir.file("master.key"), "--out", dir.file("config.toml")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("config.toml:2:9"))
        #expect(!result.stderr.contains("64f57386"))
        #expect(try dir.read("config.toml").contains(secret))
    }

    @Test func aChangedRestartOnlySettingIsReported() throws {
        let dir = try keyed()
        try dir.write("t1.toml", "[server]\nport = 443\n")
        try dir.write("t2.toml", "[server]\nport = 8443\n")
        let args = ["render", "--spec", "examples/users.yaml", "--key", dir.file("master.key"), "--out", dir.file("config.toml")]
        let first = try CLI.run(args + ["--template", dir.file("t1.toml")])
        #expect(first.status == 0)
        #expect(!first.stderr.contains("telemt restart needed"))
        let second = try CLI.run(args + ["--template", dir.file("t2.toml")])
        #expect(second.status == 0)
        #expect(second.stderr.contains("telemt restart needed: server.port (telemt reads these settings only at start)"))
    }

    @Test func conflictingGitFlagsAreUsageErrors() throws {
        let result = try CLI.run(["validate", "--repo", "/tmp/x", "--branch", "a", "--tag", "b"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--branch, --tag, --commit"))
        let noRepo = try CLI.run(["validate", "examples", "--branch", "main"])
        #expect(noRepo.status == 64)
    }

    @Test func aWorldReadableConfigLosesAccessForOthers() throws {
        let dir = try keyed()
        try dir.write("config.toml", "[server]\nport = 443\n")
        chmod(dir.file("config.toml"), 0o644)
        let result = try CLI.run(["render", "--spec", "examples/users.yaml", "--key", dir.file("master.key"), "--out", dir.file("config.toml")])
        #expect(result.status == 0)
        #expect(dir.mode("config.toml") == 0o640)
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

@Suite struct RenderFromGitTests {
    /// A local git repository holding the example, made with the git command line.
    static func exampleRepository(in dir: Scratch) throws -> String {
        let repo = dir.file("repo")
        try FileManager.default.createDirectory(atPath: repo + "/proxy", withIntermediateDirectories: true)
        for name in ["users.yaml", "telemt.toml"] {
            try FileManager.default.copyItem(atPath: CLI.root + "/examples/" + name, toPath: repo + "/proxy/" + name)
        }
        for args in [["init", "-q", "-b", "main"], ["add", "."],
                     ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "Example users"]] {
            let result = try CLI.run("/usr/bin/git", args, in: repo)
            #expect(result.status == 0)
        }
        return repo
    }

    @Test func validateAndRenderReadTheCommittedRevision() throws {
        let dir = try Scratch()
        let repo = try Self.exampleRepository(in: dir)
        let common = ["--repo", repo, "--path", "proxy", "--state-dir", dir.file("state")]
        let validate = try CLI.run(["validate"] + common)
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("proxy/users.yaml"))
        #expect(validate.stderr.contains("Example users"))
        #expect(validate.stderr.contains("created state directory \(dir.file("state")) (the git cache is in \(dir.file("state"))/git"))
        _ = try CLI.run(["keygen", "--out", dir.file("k")])
        let render = try CLI.run(["render"] + common + ["--key", dir.file("k"), "--out", dir.file("config.toml")])
        #expect(render.status == 0)
        #expect(!render.stderr.contains("created state directory"), "said only when it is created")
        let local = try CLI.run(["render", "--spec", "examples", "--template", "examples/telemt.toml",
                                 "--key", dir.file("k"), "--out", dir.file("local.toml")])
        #expect(local.status == 0)
        #expect(try dir.read("config.toml") == dir.read("local.toml"))
    }

    @Test func anUnreachableRepositoryIsAClearError() throws {
        let dir = try Scratch()
        let result = try CLI.run(["validate", "--repo", dir.file("missing"), "--state-dir", dir.file("state"), "--timeout", "5"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error:"))
    }
}
