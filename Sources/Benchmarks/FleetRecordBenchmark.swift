import Foundation
import Logging
import StatsSink
import StatsSinkPostgres

/// Fleet recording benchmark: `nodes` nodes each record a scrape of `users` users every `interval`
/// seconds of simulated time into one store, for `rounds` rounds after one untimed warm-up round
/// (every node's first scrape, all at once). Times each `record` call (the ledger, the
/// transaction, the roll-ups; not parsing). Every user has traffic in every scrape (the most rows
/// a scrape can write). Two arrival patterns (`--arrival together|spread|both`, both by default):
///
/// - together: all nodes of a round start at the same moment, and a round starts as soon as the
///   previous one has finished (compressed pacing, its scrapes stamped `interval` seconds later);
/// - spread: in real time, node `i` sends its scrape of each round `i × interval / nodes` seconds
///   into the round's `interval` (as daemons with jittered intervals do), so a run takes
///   `rounds × interval` seconds.
///
/// Runs each pattern on PostgreSQL (`--postgres URL`, password from `--password-file` if any) and
/// on SQLite with every node into one file in `--dir`, then SQLite with one node alone (what one
/// host does today; the patterns are the same for one node), and prints a Markdown table.
enum FleetRecordBenchmark {
    struct Options {
        var nodes = 20
        var users = 4_096
        var rounds = 30
        var interval: Double = 10
        var arrivals: [Arrival] = [.together, .spread]
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
                case "--arrival": arrivals = iterator.next().flatMap { $0 == "both" ? nil : Arrival(rawValue: $0).map { [$0] } } ?? arrivals
                case "--postgres": postgres = iterator.next()
                case "--password-file": passwordFile = iterator.next()
                case "--dir": directory = iterator.next() ?? directory
                default: continue
                }
            }
        }
    }

    /// When a round's scrapes arrive.
    enum Arrival: String {
        case together, spread

        var title: String { self == .together ? "all at once" : "spread over each interval" }
    }

    /// The latencies of one store's run, in seconds, and the wall time of each timed round (none
    /// when spread: a round then lasts the interval).
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
            rows += try await PostgresStatsStore.withStore(settings: settings, logger: logger) { store in
                var measured: [(String, Measured)] = []
                for arrival in options.arrivals {
                    let title = options.nodes == 1 ? "PostgreSQL, one node alone" : "PostgreSQL, \(options.nodes) nodes into one database, \(arrival.title)"
                    measured.append((title, try await workload(store, options, arrival: arrival)))
                }
                return measured
            }
        }
        for nodes in Set([options.nodes, 1]).sorted(by: >) {
            var alone = options
            alone.nodes = nodes
            for arrival in nodes == 1 ? [.together] : options.arrivals {
                let path = options.directory + "/bench-fleet-\(getpid())-\(nodes)-\(arrival).sqlite"
                defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
                let title = nodes == 1 ? "SQLite, one node alone (one host's own file)" : "SQLite, \(nodes) nodes into one file, \(arrival.title)"
                rows.append((title, try await workload(try SQLiteStatsStore(path: path), alone, arrival: arrival)))
            }
        }
        printTable(options, rows: rows)
    }

    /// The warm-up round all at once, then `rounds` timed rounds arriving as `arrival` says. Node
    /// names carry the pattern, so both patterns can run on one database.
    static func workload(_ store: some StatsStore, _ options: Options, arrival: Arrival) async throws -> Measured {
        let start = Date().addingTimeInterval(-Double(options.rounds + 1) * options.interval)
        let scrape: @Sendable (Int, Int) -> TelemtSnapshot = { node, round in
            TelemtSnapshot(
                scrapedAt: start.addingTimeInterval(Double(round) * options.interval), uptime: 1_000 + Double(round) * options.interval,
                users: StatsBenchmark.counters(users: options.users, hour: round + node)
            )
        }
        let name: @Sendable (Int) -> String = { node in String(format: "\(arrival)-node-%02d", node) }
        var measured = Measured(nodes: options.nodes)
        _ = try await recordTogether(store, (0..<options.nodes).map { (name($0), scrape($0, 0)) })
        guard arrival == .together else {
            measured.scrapes = try await recordSpread(store, options, name: name, scrape: scrape)
            return measured
        }
        for round in 1...max(1, options.rounds) {
            let snapshots = (0..<options.nodes).map { (name($0), scrape($0, round)) }
            let began = DispatchTime.now().uptimeNanoseconds
            measured.scrapes += try await recordTogether(store, snapshots)
            measured.rounds.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9)
        }
        return measured
    }

    /// Records each `(node, snapshot)` concurrently; each call's latency.
    private static func recordTogether(_ store: some StatsStore, _ snapshots: [(String, TelemtSnapshot)]) async throws -> [Double] {
        try await withThrowingTaskGroup(of: Double.self) { group in
            for (node, snapshot) in snapshots {
                group.addTask { try await timedRecord(store, snapshot, node: node) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// Every node records its rounds on its own schedule: round `r` (from 1) at `(r − 1) × interval
    /// + node × interval / nodes` seconds after the start, or at once when its previous scrape ran late.
    private static func recordSpread(
        _ store: some StatsStore, _ options: Options, name: @escaping @Sendable (Int) -> String,
        scrape: @escaping @Sendable (Int, Int) -> TelemtSnapshot
    ) async throws -> [Double] {
        let began = ContinuousClock.now
        let slot = Duration.seconds(options.interval / Double(options.nodes))
        return try await withThrowingTaskGroup(of: [Double].self) { group in
            for node in 0..<options.nodes {
                group.addTask {
                    var times: [Double] = []
                    for round in 1...max(1, options.rounds) {
                        try await Task.sleep(until: began + .seconds(options.interval) * (round - 1) + slot * node, clock: .continuous)
                        times.append(try await timedRecord(store, scrape(node, round), node: name(node)))
                    }
                    return times
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }

    /// One `record` call's latency; a throw when it did not count every user's traffic.
    private static func timedRecord(_ store: some StatsStore, _ snapshot: TelemtSnapshot, node: String) async throws -> Double {
        let started = DispatchTime.now().uptimeNanoseconds
        let result = try await store.record(snapshot, node: node)
        guard result.deltas.count == snapshot.users.count || result.kind == .first else { throw Unexpected(result: result) }
        return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
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
                + "| \(measured.rounds.isEmpty ? "—" : ms(percentile(measured.rounds, 0.5))) | < 100 ms |")
        }
    }
}
