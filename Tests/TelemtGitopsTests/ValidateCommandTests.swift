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
