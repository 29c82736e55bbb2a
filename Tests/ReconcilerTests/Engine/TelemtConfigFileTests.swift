import Foundation
import Testing
import TelemtRender
import TestSupport
@testable import Reconciler

/// telemt's config file as `render`, `plan` and `reconcile` all treat it: one template rule, one
/// restart check, one write.
@Suite(.serialized)
struct TelemtConfigFileTests {
    static let template = Array(EngineHarness.template.utf8)

    @Test func theTemplateIsTheFlagThenTheRepositoryThenTheFileItself() throws {
        let scratch = try TemporaryDirectory("config-file")
        let file = TelemtConfigFile(path: scratch.path("config.toml").path)
        let explicit = DesiredFile(path: "flag.toml", bytes: [1]), repository = DesiredFile(path: "telemt.toml", bytes: [2])
        #expect(file.template(explicit: explicit, repository: repository)?.path == "flag.toml")
        #expect(file.template(repository: repository)?.path == "telemt.toml")
        #expect(file.template(repository: nil) == nil, "no file yet")
        try file.write(Self.template)
        #expect(file.template(repository: nil) == DesiredFile(path: file.path, bytes: Self.template))
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aChangeNamesRestartOnlySettingsAndTellsWhetherAccessChanged() {
        let moved = Array(EngineHarness.template.replacingOccurrences(of: "port = 443", with: "port = 8443").utf8)
        let users = Array((EngineHarness.template + "\n[access.users]\nalice = \"00112233445566778899aabbccddeeff\"\n").utf8)
        #expect(TelemtConfigFile.change(from: Self.template, to: moved).restartNeeded == ["server.port"])
        #expect(TelemtConfigFile.change(from: Self.template, to: moved).access == false)
        let added = TelemtConfigFile.change(from: Self.template, to: users)
        #expect(added.restartNeeded.isEmpty && added.access && added.note == nil)
        #expect(TelemtConfigFile.change(from: nil, to: users).access == true)
        #expect(TelemtConfigFile.change(from: Self.template, to: moved).note == "telemt restart needed: server.port (telemt reads these settings only at start)")
    }

    @Test func planAndTickBothReportARestartOnlyChange() async throws {
        let host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
        let engine = try host.engine()
        _ = await engine.tick()
        try host.push(["telemt.toml": EngineHarness.template.replacingOccurrences(of: "port = 443", with: "port = 8443")])
        let plan = await engine.plan()
        #expect(plan.restartNeeded == ["server.port"] && plan.plan?.warnings.contains { $0.hasPrefix("telemt restart needed: server.port") } == true)
        let tick = await engine.tick()
        #expect(tick.outcome == .applied && tick.restartNeeded == ["server.port"])
        #expect(tick.notes.contains { $0.hasPrefix("telemt restart needed: server.port") && $0.contains("restart_command") })
    }
}
