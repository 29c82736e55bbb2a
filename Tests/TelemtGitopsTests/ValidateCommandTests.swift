import Foundation
import Testing

@Suite struct ValidateCommandTests {
    @Test func theExampleIsValid() throws {
        let result = try CLI.run(["validate", "examples"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("valid: "))
        #expect(result.stdout.contains("examples/users.yaml"))
    }

    @Test func everyErrorIsReportedWithItsPositionAndExitStatusIsOne() throws {
        let dir = try Scratch()
        try dir.write("users.yaml", """
            version: 1
            proxy: { host: proxy.example.com }
            users:
              alice:
                data_limt: 5 GiB
              bob:
                reset: fortnightly

            """)
        let result = try CLI.run(["validate", dir.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("users.yaml:5:5: error:"))
        #expect(result.stderr.contains("data_limit"))
        #expect(result.stderr.contains("users.yaml:7:12: error:"))
    }

    @Test func aTemplateThatTurnsOffUserTelemetryIsRefused() throws {
        let dir = try Scratch()
        try dir.write("telemt.toml", "[general.telemetry]\nuser_enabled = false\n")
        let result = try CLI.run(["validate", "examples/users.yaml", "--template", dir.file("telemt.toml")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("telemt.toml:2:"))
    }

    @Test func aMissingPathSaysWhatToDo() throws {
        let result = try CLI.run(["validate", "/nonexistent/spec"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/spec"))
    }

    @Test func aSpecWithoutUsersIsRefusedBecauseTelemtWouldRefuseIt() throws {
        let dir = try Scratch()
        try dir.write("users.yaml", "version: 1\nproxy: { host: p.example.com }\nusers: {}\n")
        let result = try CLI.run(["validate", dir.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no users"))
    }

    @Test func aTLSDomainThatDiffersFromTheTemplatesIsReported() throws {
        let dir = try Scratch()
        try dir.write("telemt.toml", "[censorship]\ntls_domain = \"other.example.org\"\n")
        let result = try CLI.run(["validate", "examples/users.yaml", "--template", dir.file("telemt.toml")])
        #expect(result.stderr.contains("telemt.toml:2:1: warning: [censorship] tls_domain"))
    }

    @Test func aDirectoryGivenAsTemplateIsAnErrorNotAnEmptyTemplate() throws {
        let dir = try Scratch()
        try FileManager.default.createDirectory(atPath: dir.file("tdir"), withIntermediateDirectories: true)
        let result = try CLI.run(["validate", "examples", "--template", dir.file("tdir")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not a regular file"))
    }
}

/// `render` alone does not enforce limits, periods or on_hold (the engine does): it says so; `validate` does not.
@Suite struct UnenforcedFieldWarningTests {
    private func spec() throws -> Scratch {
        let dir = try Scratch()
        try dir.write("users.yaml", """
            version: 1
            proxy: { host: proxy.example.com }
            defaults: { reset: monthly }
            users:
              alice: { data_limit: 5 GiB }
              bob: { data_limit: 1 GB, on_hold: 30d }
              carol: {}

            """)
        return dir
    }

    private func expectWarnings(_ stderr: String) {
        #expect(stderr.contains("warning: `data_limit` is set for 2 users but `render` does not enforce it: nobody is cut off at the limit; `telemt-gitops reconcile --once` does"))
        #expect(stderr.contains("warning: `reset` is set for 3 users but `render` does not enforce it"))
        #expect(stderr.contains("warning: `on_hold` is set for 1 user but `render` does not enforce it"))
    }

    @Test func validateDoesNotWarnAboutWhatTheEngineEnforces() throws {
        let dir = try spec()
        let result = try CLI.run(["validate", dir.path])
        #expect(result.status == 0)
        #expect(!result.stderr.contains("does not enforce"))
    }

    @Test func renderSaysTheSame() throws {
        let dir = try spec()
        #expect(try CLI.run(["keygen", "--out", dir.file("master.key")]).status == 0)
        let result = try CLI.run(["render", "--spec", dir.path, "--template", "examples/telemt.toml",
                                  "--key", dir.file("master.key"), "--out", dir.file("config.toml")])
        #expect(result.status == 0, "\(result.stderr)")
        expectWarnings(result.stderr)
    }

    @Test func aSpecWithoutThemGetsNoSuchWarning() throws {
        let dir = try Scratch()
        try dir.write("users.yaml", "version: 1\nproxy: { host: p.example.com }\nusers:\n  a: { max_connections: 2 }\n")
        #expect(try CLI.run(["keygen", "--out", dir.file("master.key")]).status == 0)
        let result = try CLI.run(["render", "--spec", dir.path, "--template", "examples/telemt.toml",
                                  "--key", dir.file("master.key"), "--out", dir.file("config.toml")])
        #expect(result.status == 0)
        #expect(!result.stderr.contains("does not enforce"))
    }
}

/// The transport rules as the command line reports them (no server is reached: both fail early).
@Suite struct RepoTransportFlagTests {
    @Test func aTokenOverPlainHTTPIsRefusedWithWhatToDo() throws {
        let dir = try Scratch()
        try dir.write("token", "s3cret-token\n")
        let result = try CLI.run(["validate", "--repo", "http://127.0.0.1:1/r.git", "--token-file", dir.file("token"),
                                  "--state-dir", dir.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("over plain http://"))
        #expect(result.stderr.contains("use an https:// or ssh:// URL"))
        #expect(!result.stderr.contains("s3cret-token"))
    }

    @Test func aGitDaemonRemoteWithoutVerificationIsWarnedAbout() throws {
        let dir = try Scratch()
        let result = try CLI.run(["validate", "--repo", "git://127.0.0.1:1/r.git", "--state-dir", dir.path, "--timeout", "5"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("warning: git://127.0.0.1:1/r.git is read over git://"))
    }

    @Test func theTrustFlagsNeedARepository() throws {
        #expect(try CLI.run(["validate", "--allow-history-rewrite"]).status == 64)
        #expect(try CLI.run(["validate", "--allow-insecure-transport"]).status == 64)
    }
}
