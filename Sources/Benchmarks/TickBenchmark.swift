import Foundation
import Reconciler
import TelemtRender

/// `Benchmarks tick --users N --iterations K --dir D --template FILE [--files F]`: the engine's tick on
/// a local spec of N users (in one `users.yaml`, or split over F files of `users/`), without telemt
/// (no scrape, no reload wait): one tick with nothing to do and one with one user added (to the last
/// file), each K times; wall and CPU medians in milliseconds, as a Markdown row.
enum TickBenchmark {
    static func run(arguments: [String]) async throws {
        let options = Dictionary(stride(from: 0, to: arguments.count - 1, by: 2).map { (arguments[$0], arguments[$0 + 1]) }, uniquingKeysWith: { $1 })
        let users = Int(options["--users"] ?? "") ?? 10_000
        let iterations = Int(options["--iterations"] ?? "") ?? 7
        let files = max(1, Int(options["--files"] ?? "") ?? 1)
        let dir = options["--dir"] ?? NSTemporaryDirectory() + "/tick-bench"
        guard let template = options["--template"] else { throw CocoaError(.fileNoSuchFile) }
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir + "/spec/users", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/telemt", withIntermediateDirectories: true)
        let parts = split(UsersWorkload(count: users).yaml(), into: files)
        let last = files == 1 ? dir + "/spec/users.yaml" : dir + "/spec/users/\(files - 1).yaml"
        for (index, part) in parts.enumerated() {
            try part.write(toFile: files == 1 ? last : dir + "/spec/users/\(index).yaml", atomically: true, encoding: .utf8)
        }
        var spec = parts[parts.count - 1]
        try FileManager.default.copyItem(atPath: template, toPath: dir + "/telemt/config.toml")
        try MasterKey.generate().write(to: dir + "/master.key")
        let engine = try engine(dir)
        guard case .applied = await engine.tick().outcome else { throw CocoaError(.fileWriteUnknown) }
        var noop: [(Double, Double)] = []
        for _ in 0..<iterations { noop.append(try await measure(engine, expect: .unchanged)) }
        var change: [(Double, Double)] = []
        for index in 0..<iterations {
            spec += "  zz-bench-\(index): {}\n"
            try spec.write(toFile: last, atomically: true, encoding: .utf8)
            change.append(try await measure(engine, expect: .applied))
        }
        print("| \(users)\(files > 1 ? " in \(files) files" : "") | \(ms(noop.map(\.0))) | \(ms(noop.map(\.1))) | \(ms(change.map(\.0))) | \(ms(change.map(\.1))) |")
    }

    /// The document split into `count` documents: the first keeps the settings, each holds a share of the users.
    private static func split(_ yaml: String, into count: Int) -> [String] {
        guard count > 1, let marker = yaml.range(of: "users:\n") else { return [yaml] }
        let head = String(yaml[..<marker.upperBound])
        var blocks: [String] = []
        for line in yaml[marker.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            if line.hasPrefix("  ") && !line.hasPrefix("    ") { blocks.append("") }
            blocks[blocks.count - 1] += line + "\n"
        }
        let share = (blocks.count + count - 1) / count
        return (0..<count).map { index in
            let users = blocks[min(blocks.count, index * share)..<min(blocks.count, (index + 1) * share)].joined()
            return (index == 0 ? head : "version: 1\nusers:\n") + users
        }
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
        if ProcessInfo.processInfo.environment["BENCH_STEPS"] != nil {
            let steps = report.steps.map { "\($0.name) \(Int(Double($0.duration.components.attoseconds) / 1e15 + Double($0.duration.components.seconds) * 1e3))" }
            FileHandle.standardError.write(Data(("steps: " + steps.joined(separator: ", ") + "\n").utf8))
        }
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
