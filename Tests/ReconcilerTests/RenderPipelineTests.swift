import Foundation
import Spec
import TelemtRender
import Testing
@testable import Reconciler

/// The whole path from `examples/users.yaml` to telemt's own example config, pinned by a golden file.
@Suite struct RenderPipelineTests {
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = testsDir.deletingLastPathComponent().deletingLastPathComponent()
    static let key = try! MasterKey(bytes: (0..<32).map { UInt8($0) })
    static let now = ISO8601DateFormatter().date(from: "2026-11-22T00:00:00Z")!

    /// telemt's shipped config: from ../shared when it is there, else the copy kept with the tests.
    static func telemtTemplate() throws -> DesiredFile {
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/fixtures/telemt/config.example.toml").path
        let copy = root.appendingPathComponent("Tests/TelemtRenderTests/Golden/config.example.toml").path
        let path = FileManager.default.fileExists(atPath: shared) ? shared : copy
        return try LocalDesiredReader().file(path)
    }

    static func renderExamples() throws -> RenderedConfig {
        let files = try LocalDesiredReader().read(root.appendingPathComponent("examples/users.yaml").path)
        return try RenderPipeline(now: now).run(files: files, template: telemtTemplate(), key: key)
    }

    @Test func theExampleRendersLikeTheGoldenFile() throws {
        let rendered = String(decoding: try Self.renderExamples().bytes, as: UTF8.self)
        let golden = Self.testsDir.appendingPathComponent("Golden/examples.rendered.toml")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(rendered.utf8).write(to: golden)
        }
        #expect(rendered == (try String(contentsOf: golden, encoding: .utf8)))
    }

    @Test func everyByteOutsideTheManagedTablesIsTheTemplates() throws {
        let template = try TOMLDocument(parsing: try Self.telemtTemplate().bytes)
        let rendered = try TOMLDocument(parsing: try Self.renderExamples().bytes)
        #expect(Self.unmanagedBytes(rendered) == Self.unmanagedBytes(template))
        #expect(!Self.unmanagedBytes(template).isEmpty)
    }

    @Test func theRenderedConfigFollowsTelemtsRules() throws {
        let result = try Self.renderExamples()
        let text = String(decoding: result.bytes, as: UTF8.self)
        let users = try ManagedTables.read(from: text)
        let spec = result.checked.state
        // Every user of the spec is listed, disabled and expired ones included, with a derived or explicit secret.
        #expect(users.map(\.name) == spec.users.map(\.name))
        let deriver = SecretDeriver(key: Self.key)
        for (user, specUser) in zip(users, spec.users) {
            #expect(user.secret == deriver.secret(for: specUser))
            #expect(user.enabled == (!specUser.disabled && (specUser.expire.map { $0 > Self.now } ?? true)))
            #expect(user.maxTCPConnections == specUser.maxConnections)
            #expect(user.maxUniqueIPs == specUser.maxUniqueIPs)
            #expect(user.expiration == specUser.expire)
        }
        // Expirations are quoted RFC 3339 UTC strings.
        #expect(text.contains("alice = \"2027-01-01T20:59:59Z\""))
        #expect(!users.filter { !$0.enabled }.isEmpty)
    }

    @Test func pythonsTomllibReadsTheSameTables() throws {
        let python = try #require(["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) })
        let rendered = try Self.renderExamples()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(rendered.bytes).write(to: dir.appendingPathComponent("config.toml"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", """
            import sys, tomllib
            a = tomllib.load(open(sys.argv[1], "rb"))["access"]
            for name in sorted(a["users"]):
                print(name, a["users"][name], a.get("user_enabled", {}).get(name, True), a["user_max_tcp_conns"].get(name))
            """, dir.appendingPathComponent("config.toml").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let expected = rendered.users.map { "\($0.name) \($0.secret) \($0.enabled ? "True" : "False") \($0.maxTCPConnections.map(String.init) ?? "None")" }
        #expect(output.split(separator: "\n").map(String.init) == expected)
    }

    static func unmanagedBytes(_ document: TOMLDocument) -> [UInt8] {
        let managed = Set(ManagedTables.Table.allCases.map(\.path))
        return document.sections.filter { !managed.contains($0.path) }.flatMap { document.bytes[$0.range] }
    }
}
