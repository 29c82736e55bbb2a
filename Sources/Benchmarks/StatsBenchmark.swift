import Foundation
import Spec
import StatsSink

/// Traffic accounting benchmark: parse + record one telemt scrape of `users` users into a store
/// holding `days` days of history, and a month's usage of all users. Prints a Markdown table.
enum StatsBenchmark {
    struct Options {
        var users = 4_096
        var days = 30
        var iterations = 15
        var directory = FileManager.default.temporaryDirectory.path
        var sampleOut: String?
        /// `telemt-gitops` binaries whose `usage` command is timed end to end on the seeded store.
        var commands: [String] = []

        init(arguments: [String]) {
            var iterator = arguments.makeIterator()
            while let argument = iterator.next() {
                switch argument {
                case "--users": users = iterator.next().flatMap(Int.init) ?? users
                case "--days": days = iterator.next().flatMap(Int.init) ?? days
                case "--iterations": iterations = iterator.next().flatMap(Int.init) ?? iterations
                case "--dir": directory = iterator.next() ?? directory
                case "--sample-out": sampleOut = iterator.next()
                case "--cli": commands += iterator.next().map { [$0] } ?? []
                default: continue
                }
            }
        }
    }

    static func run(arguments: [String]) async throws {
        let options = Options(arguments: arguments)
        let path = options.directory + "/bench-stats-\(getpid()).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStatsStore(path: path)
        let start = Date().addingTimeInterval(-Double(options.days) * 86_400)
        let seedSeconds = try await measure { try await seed(store, users: options.users, hours: options.days * 24, from: start) }
        let texts = (0..<options.iterations).map { metricsText(users: options.users, hour: options.days * 24 + $0) }
        if let sampleOut = options.sampleOut { try texts[0].write(toFile: sampleOut, atomically: true, encoding: .utf8) }
        var scrapeTimes: [Double] = []
        var parseTimes: [Double] = []
        for (index, text) in texts.enumerated() {
            let at = start.addingTimeInterval(Double(options.days * 24 + index) * 3_600)
            var parsed: Double = 0
            scrapeTimes.append(try await measure {
                var snapshot: TelemtSnapshot?
                parsed = try await measure {
                    snapshot = try TelemtSnapshot(document: try PrometheusParser().parse(text), scrapedAt: at)
                }
                _ = try await store.record(snapshot!, node: "bench")
            })
            parseTimes.append(parsed)
        }
        let now = start.addingTimeInterval(Double(options.days * 24 + options.iterations) * 3_600)
        let moscow = TimeZone(identifier: "Europe/Moscow")!
        var usageTimes: [Double] = [], reportTimes: [Double] = []
        for _ in 0..<options.iterations {
            usageTimes.append(try await measure { _ = try await store.usage(period: .monthly, timeZone: moscow, at: now) })
        }
        for _ in 0..<max(3, options.iterations / 3) {
            reportTimes.append(try await measure { _ = try await UsageReport(store: store, reset: .monthly, timeZone: moscow, at: now) })
        }
        let commandRows = try options.commands.map { try Self.commandTimes(cli: $0, database: path, runs: 5) }
        printTable(
            options, bytes: texts[0].utf8.count, seed: seedSeconds,
            rows: [scrapeTimes, parseTimes, zip(scrapeTimes, parseTimes).map { $0 - $1 }, usageTimes, reportTimes] + commandRows
        )
    }

    /// One scrape an hour for `hours` hours, every user active, through the real recording path.
    private static func seed(_ store: SQLiteStatsStore, users: Int, hours: Int, from start: Date) async throws {
        for hour in 0..<hours {
            let snapshot = TelemtSnapshot(
                scrapedAt: start.addingTimeInterval(Double(hour) * 3_600), uptime: 1_000 + Double(hour) * 3_600,
                users: counters(users: users, hour: hour)
            )
            _ = try await store.record(snapshot, node: "bench")
        }
    }

    static func counters(users: Int, hour: Int) -> [String: UserCounters] {
        var result: [String: UserCounters] = [:]
        for index in 0..<users {
            let rate = UInt64(index % 97 + 1)
            result["user\(index)"] = UserCounters(
                octetsFromClient: rate * 1_000_003 * UInt64(hour + 1), octetsToClient: rate * 9_000_011 * UInt64(hour + 1),
                connectionsCurrent: UInt64(index % 5), uniqueIPsCurrent: UInt64(index % 3)
            )
        }
        return result
    }

    static func measure(_ body: () async throws -> Void) async throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    private static func printTable(_ options: Options, bytes: Int, seed: Double, rows: [[Double]]) {
        func ms(_ value: Double) -> String { String(format: "%.1f ms", value * 1_000) }
        let titles = [
            ("parse + record one scrape (\(bytes / 1_024) KiB of metrics)", "< 50 ms"),
            ("… of which parse (text → snapshot)", ""),
            ("… of which record (one transaction)", ""),
            ("month's usage of all users (Europe/Moscow)", "< 200 ms"),
            ("`usage` report: month + lifetime + 7-day trend", ""),
        ] + options.commands.map { ("`\($0) usage --period month` end to end (5 runs)", "< 200 ms") }
        print("| traffic accounting (\(options.users) users, \(options.days) days of hourly history) | median | min | max | target |")
        print("|---|---:|---:|---:|---:|")
        for ((title, target), times) in zip(titles, rows) {
            print("| \(title) | \(ms(median(times))) | \(ms(times.min()!)) | \(ms(times.max()!)) | \(target) |")
        }
        print("| seeding the history (\(options.days * 24) recorded scrapes) | \(String(format: "%.1f s", seed)) total | | | |")
    }
}
