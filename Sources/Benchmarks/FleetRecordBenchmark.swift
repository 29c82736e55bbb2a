import Foundation
import Logging
import StatsSink
import StatsSinkPostgres

/// Fleet recording benchmark: `nodes` nodes each record a scrape of `users` users every `interval`
/// seconds of simulated time into one store, all nodes of a round started together, for `rounds`
/// rounds after one untimed warm-up round (every node's first scrape). Times each `record` call
/// (the ledger, the transaction, the roll-ups; not parsing). The pacing is compressed: a round
/// starts as soon as the previous one has finished, its scrapes stamped `interval` seconds later.
/// Every user has traffic in every scrape (the most rows a scrape can write).
///
/// Runs the workload on PostgreSQL (`--postgres URL`, password from `--password-file` if any), on
/// SQLite with every node into one file in `--dir`, and on SQLite with one node alone (what one
/// host does today), and prints a Markdown table.
enum FleetRecordBenchmark {
    struct Options {
        var nodes = 20
        var users = 4_096
        var rounds = 30
        var interval: Double = 10
        var postgres: String?
        var passwordFile: String?
        var directory = FileManager.default.temporaryDirectory.path

        init(arguments: [String]) {
            var iterator = arguments.makeIterator()
            while let argument = iterator.next() {
                switch argument {
                case "--nodes": nodes = iterator.next().flatMap(Int.init) ?? nodes
                case "--users": users = iterator.next().flatMap(Int.init) ?? users
                case "--rounds": rounds = iterator.next().flatMap(Int.init) ?? rounds
                case "--interval": interval = iterator.next().flatMap(Double.init) ?? interval
                case "--postgres": postgres = iterator.next()
                case "--password-file": passwordFile = iterator.next()
                case "--dir": directory = iterator.next() ?? directory
                default: continue
                }
            }
        }
    }

    /// The latencies of one store's run, in seconds, and the wall time of each timed round.
    struct Measured {
        var nodes: Int
        var scrapes: [Double] = []
        var rounds: [Double] = []
    }

    static func run(arguments: [String]) async throws {
        let options = Options(arguments: arguments)
        var rows: [(String, Measured)] = []
        if let url = options.postgres {
            let password: PostgresPasswordSource = options.passwordFile.map { .file($0) } ?? .none
            let settings = try PostgresSettings(url: url, password: password)
            let logger = Logger(label: "telemt-gitops.benchmarks") { _ in SwiftLogNoOpLogHandler() }
            let measured = try await PostgresStatsStore.withStore(settings: settings, logger: logger) { try await workload($0, options) }
            rows.append((options.nodes == 1 ? "PostgreSQL, one node alone" : "PostgreSQL, \(options.nodes) nodes into one database", measured))
        }
        for nodes in Set([options.nodes, 1]).sorted(by: >) {
            let path = options.directory + "/bench-fleet-\(getpid())-\(nodes).sqlite"
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            var alone = options
            alone.nodes = nodes
            let title = nodes == 1 ? "SQLite, one node alone (one host's own file)" : "SQLite, \(nodes) nodes into one file"
            rows.append((title, try await workload(try SQLiteStatsStore(path: path), alone)))
        }
        printTable(options, rows: rows)
    }

    /// The warm-up round, then `rounds` timed rounds of every node recording at once.
    static func workload(_ store: some StatsStore, _ options: Options) async throws -> Measured {
        let start = Date().addingTimeInterval(-Double(options.rounds + 1) * options.interval)
        var measured = Measured(nodes: options.nodes)
        for round in 0...options.rounds {
            let snapshots = (0..<options.nodes).map { node in
                TelemtSnapshot(
                    scrapedAt: start.addingTimeInterval(Double(round) * options.interval), uptime: 1_000 + Double(round) * options.interval,
                    users: StatsBenchmark.counters(users: options.users, hour: round + node)
                )
            }
            let began = DispatchTime.now().uptimeNanoseconds
            let times = try await recordTogether(store, snapshots)
            guard round > 0 else { continue }
            measured.rounds.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9)
            measured.scrapes += times
        }
        return measured
    }

    /// Records `snapshots[i]` as node `node-i` concurrently; each call's latency.
    private static func recordTogether(_ store: some StatsStore, _ snapshots: [TelemtSnapshot]) async throws -> [Double] {
        try await withThrowingTaskGroup(of: Double.self) { group in
            for (index, snapshot) in snapshots.enumerated() {
                group.addTask {
                    let started = DispatchTime.now().uptimeNanoseconds
                    let result = try await store.record(snapshot, node: String(format: "node-%02d", index))
                    guard result.deltas.count == snapshot.users.count || result.kind == .first else { throw Unexpected(result: result) }
                    return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// A scrape that did not count every user's traffic: the workload is not what it claims.
    struct Unexpected: Error, CustomStringConvertible {
        var result: RecordResult
        var description: String { "a scrape was recorded as \(result.kind) with \(result.deltas.count) deltas" }
    }

    /// The value below which `fraction` of `values` lie (nearest rank).
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }

    private static func printTable(_ options: Options, rows: [(String, Measured)]) {
        func ms(_ value: Double) -> String { String(format: "%.1f ms", value * 1_000) }
        print("| \(options.users) users a scrape, one every \(Int(options.interval)) s a node | scrapes | p50 | p95 | max | round (all nodes), median | target p95 |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for (title, measured) in rows {
            let values = measured.scrapes
            print("| \(title) | \(measured.nodes) × \(options.rounds) | \(ms(percentile(values, 0.5))) | \(ms(percentile(values, 0.95))) | \(ms(values.max() ?? 0)) "
                + "| \(ms(percentile(measured.rounds, 0.5))) | < 100 ms |")
        }
    }
}
