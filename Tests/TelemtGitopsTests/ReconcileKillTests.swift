import Crypto
import Foundation
import Testing
import TestSupport

/// `reconcile --once` killed with SIGKILL at random points, over and over, while the desired state
/// flips between two revisions: telemt's config is always one complete file, the state directory
/// stays readable, the status never names a config that was not written, and the next run converges.
@Suite(.serialized)
struct ReconcileKillTests {
    static let a = "version: 1\nproxy: { host: p.example.com }\nusers:\n  alice: { data_limit: 5 GiB, reset: monthly }\n  bob: {}\n"
    static let b = "version: 1\nproxy: { host: p.example.com }\nusers:\n  alice: { data_limit: 5 GiB, reset: monthly }\n  bob: { disabled: true }\n  carol: {}\n"

    static func sha(_ text: String) -> String { SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined() }

    func arguments(_ dir: Scratch) -> [String] {
        ["reconcile", "--once", "--spec", dir.file("spec"), "--key", dir.file("master.key"), "--telemt-config", dir.file("telemt/config.toml"),
         "--state-dir", dir.file("state"), "--node", "n1", "--no-telemt", "--allow-mass-removal"]
    }

    /// The config each revision renders to, from an undisturbed run.
    func render(_ spec: String, _ dir: Scratch) throws -> String {
        try dir.write("spec/users.yaml", spec)
        let result = try CLI.run(arguments(dir))
        #expect(result.status == 0, "\(result.stderr)")
        return try String(contentsOfFile: dir.file("telemt/config.toml"), encoding: .utf8)
    }

    @Test func aKilledReconcileLeavesOldOrNewAndConverges() throws {
        let dir = try Scratch()
        #expect(try CLI.run(["keygen", "--out", dir.file("master.key")]).status == 0)
        try FileManager.default.createDirectory(atPath: dir.file("telemt"), withIntermediateDirectories: true)
        let template = try String(contentsOfFile: CLI.root + "/examples/telemt.toml", encoding: .utf8)
        try dir.write("telemt/config.toml", template)
        let renders = [try render(Self.a, dir), try render(Self.b, dir)]
        let known = Set([template] + renders)
        var random = SeededGenerator(seed: 7)
        var killedMidway = 0
        for round in 0..<120 {
            try dir.write("spec/users.yaml", round % 2 == 0 ? Self.a : Self.b)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = arguments(dir)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0...60_000, using: &random))
            if process.isRunning { kill(process.processIdentifier, SIGKILL); killedMidway += 1 }
            process.waitUntilExit()
            let disk = try String(contentsOfFile: dir.file("telemt/config.toml"), encoding: .utf8)
            #expect(known.contains(disk), "round \(round): config.toml is not a complete known file")
            if let status = try? String(contentsOfFile: dir.file("state/status/n1.yaml"), encoding: .utf8) {
                #expect(renders.map(Self.sha).contains { status.contains("config_sha256: \($0)") }, "round \(round): status names an unknown config")
            }
        }
        #expect(killedMidway > 30, "the kills landed inside runs")
        try dir.write("spec/users.yaml", Self.b)
        let final = try CLI.run(arguments(dir))
        #expect(final.status == 0, "\(final.stderr)")
        #expect(try String(contentsOfFile: dir.file("telemt/config.toml"), encoding: .utf8) == renders[1])
        #expect(try String(contentsOfFile: dir.file("state/status/n1.yaml"), encoding: .utf8).contains("config_sha256: \(Self.sha(renders[1]))"))
        #expect(!final.stderr.contains("changed outside telemt-gitops"), "a killed write is not drift: \(final.stderr)")
        let again = try CLI.run(arguments(dir))
        #expect(again.status == 0 && again.stdout.contains("is applied; config.toml is up to date"))
    }
}
