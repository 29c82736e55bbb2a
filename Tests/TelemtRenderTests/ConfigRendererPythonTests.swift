import Foundation
import TestSupport
import Testing
@testable import TelemtRender

/// An independent TOML reader (Python's `tomllib`) must parse the rendered config and see the
/// same `[access.*]` tables.
@Suite struct ConfigRendererPythonTests {
    static let script = """
    import json, sys, tomllib
    with open(sys.argv[1], "rb") as f:
        access = tomllib.load(f)["access"]
    out = {k: v for k, v in access.items() if k.startswith("user")}
    print(json.dumps(out, sort_keys=True, default=str))
    """

    static func pythonAccessTables(_ text: String) throws -> [String: [String: String]] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("config.toml")
        try Data(text.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let json = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return json.mapValues { $0.mapValues { "\($0)" } }
    }

    @Test func tomllibReadsTheSameUsers() throws {
        let template = try TestSupport.golden("config.example.toml")
        let users = TestSupport.users
        let rendered = try ConfigRenderer(dataQuotaPolicy: .render).render(template: template, users: users)
        let tables = try Self.pythonAccessTables(rendered)
        #expect(tables["users"] == Dictionary(uniqueKeysWithValues: users.map { ($0.name, $0.secret) }))
        #expect(tables["user_enabled"] == Dictionary(uniqueKeysWithValues: users.filter { !$0.enabled }.map { ($0.name, "0") }))
        #expect(tables["user_max_tcp_conns"] == Dictionary(uniqueKeysWithValues: users.compactMap { user in
            user.maxTCPConnections.map { (user.name, String($0)) } }))
        #expect(tables["user_max_unique_ips"] == Dictionary(uniqueKeysWithValues: users.compactMap { user in
            user.maxUniqueIPs.map { (user.name, String($0)) } }))
        #expect(tables["user_data_quota"] == Dictionary(uniqueKeysWithValues: users.compactMap { user in
            user.dataQuota.map { (user.name, String($0)) } }))
        #expect(tables["user_expirations"] == Dictionary(uniqueKeysWithValues: users.compactMap { user in
            user.expiration.map { (user.name, TOMLDateTime.utcString($0)) } }))
    }

    @Test func tomllibReadsRandomRenders() throws {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<10 {
            let users = ConfigRendererPropertyTests.randomUsers(&generator)
            let rendered = try ConfigRenderer().render(template: "", users: users)
            let tables = try Self.pythonAccessTables(rendered)
            #expect(tables["users"] == Dictionary(uniqueKeysWithValues: users.map { ($0.name, $0.secret) }))
            #expect(tables["user_data_quota"] == [:])
        }
    }
}
