import Foundation
import Reconciler
import TelemtRender

/// `Benchmarks tick --users N --iterations K --dir D --template FILE`: the engine's tick on a local
/// spec of N users, without telemt (no scrape, no reload wait): one tick with nothing to do and one
/// with one user added, each K times; wall and CPU medians in milliseconds, as a Markdown row.
enum TickBenchmark {
    static func run(arguments: [String]) async throws {
        let options = Dictionary(stride(from: 0, to: arguments.count - 1, by: 2).map { (arguments[$0], arguments[$0 + 1]) }, uniquingKeysWith: { $1 })
        let users = Int(options["--users"] ?? "") ?? 10_000
        let iterations = Int(options["--iterations"] ?? "") ?? 7
        let dir = options["--dir"] ?? NSTemporaryDirectory() + "/tick-bench"
        guard let template = options["--template"] else { throw CocoaError(.fileNoSuchFile) }
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir + "/spec", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/telemt", withIntermediateDirectories: true)
        var spec = UsersWorkload(count: users).yaml()
        try spec.write(toFile: dir + "/spec/users.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: template, toPath: dir + "/telemt/config.toml")
        try MasterKey.generate().write(to: dir + "/master.key")
        let engine = try engine(dir)
        guard case .applied = await engine.tick().outcome else { throw CocoaError(.fileWriteUnknown) }
        var noop: [(Double, Double)] = []
        for _ in 0..<iterations { noop.append(try await measure(engine, expect: .unchanged)) }
        var change: [(Double, Double)] = []
        for index in 0..<iterations {
            spec += "  zz-bench-\(index): {}\n"
            try spec.write(toFile: dir + "/spec/users.yaml", atomically: true, encoding: .utf8)
            change.append(try await measure(engine, expect: .applied))
        }
        print("| \(users) | \(ms(noop.map(\.0))) | \(ms(noop.map(\.1))) | \(ms(change.map(\.0))) | \(ms(change.map(\.1))) |")
    }

    private static func engine(_ dir: String) throws -> ReconcileEngine {
        let flags: [String: Setting] = [
            "spec": .text(dir + "/spec", from: .flag("--spec")), "key": .text(dir + "/master.key", from: .flag("--key")),
            "state_dir": .text(dir + "/state", from: .flag("--state-dir")), "telemt.config": .text(dir + "/telemt/config.toml", from: .flag("--telemt-config")),
            "node": .text("bench", from: .flag("--node")), "max_removal": .text("100%", from: .flag("--max-removal")),
        ]
        let layers = try ConfigurationLayers(file: nil, environment: [:], flags: flags)
        return ReconcileEngine(configuration: try EngineConfiguration.resolve(layers, home: dir, isRoot: false), telemt: nil)
    }

    /// One tick: wall milliseconds and CPU milliseconds of this process (user + system).
    private static func measure(_ engine: ReconcileEngine, expect: TickReport.Outcome) async throws -> (Double, Double) {
        let cpu = cpuMilliseconds()
        let start = ContinuousClock.now
        let report = await engine.tick()
        let wall = ContinuousClock.now - start
        guard report.outcome == expect else { throw CocoaError(.featureUnsupported) }
        return (Double(wall.components.attoseconds) / 1e15 + Double(wall.components.seconds) * 1e3, cpuMilliseconds() - cpu)
    }

    private static func cpuMilliseconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let total = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
        return Double(total) * 1e3 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3
    }

    private static func ms(_ values: [Double]) -> String {
        let sorted = values.sorted()
        return String(format: "%.0f ms", sorted[sorted.count / 2])
    }
}
