import ArgumentParser
import Foundation
import Spec
import StatsSink

/// `telemt-gitops usage`: recorded traffic per user for the current period, as a table or JSON.
struct UsageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Show recorded traffic per user in the current period.",
        discussion: """
            Periods are calendar days, ISO weeks, months or years in --timezone (DST included); \
            'lifetime' is all recorded traffic. PERIOD and LIFETIME count every byte: both directions and \
            unsplit bytes (users beyond the 4,096 that /metrics labels, known only as a sum). The trend \
            shows the last 7 days (hours for --period day).
            Examples:
              telemt-gitops usage --db /var/lib/telemt-gitops/stats.sqlite --timezone Europe/Moscow   # what reconcile recorded
              telemt-gitops usage alice --db /var/lib/telemt-gitops/stats.sqlite --period lifetime --json
            """
    )

    @Argument(help: "Only this user.")
    var user: String?

    @Option(help: "The stats database (SQLite).")
    var db: String

    @Option(help: "day, week, month, year or lifetime.")
    var period = "month"

    @Option(help: "IANA time zone of the calendar; pass users.yaml's timezone so periods match quota resets.")
    var timezone = "UTC"

    @Option(help: "Only this node's traffic (default: all nodes in the store).")
    var node: String?

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func validate() throws {
        _ = try reset()
    }

    func run() async throws {
        guard let zone = checkedZone() else { throw ExitCode.failure }
        guard FileManager.default.fileExists(atPath: db) else {
            Console.error("error: no stats database at \(db); run 'telemt-gitops scrape --db \(db)' first")
            throw ExitCode.failure
        }
        let store = try SQLiteStatsStore(path: db)
        try await checkFilter(store)
        var report = try await UsageReport(
            store: store, reset: try reset(), timeZone: zone, at: Date(), filter: UsageFilter(node: node, user: user)
        )
        report.timeZone = timezone
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(table(report))
        }
    }

    /// The zone of `--timezone`, or `nil` after saying what is wrong with it.
    private func checkedZone() -> TimeZone? {
        if let problem = TimeZoneName.problem(with: timezone) {
            Console.error("error: --timezone: \(problem.message) (\(problem.hint))")
            return nil
        }
        return TimeZone(identifier: timezone)
    }

    /// Refuses a `--node` or user the store has never recorded, with the closest name it has.
    private func checkFilter(_ store: SQLiteStatsStore) async throws {
        if let node {
            let nodes = try await store.nodes()
            guard nodes.contains(node) else {
                throw unknown("no scrape recorded for node", node, among: nodes, known: "nodes recorded")
            }
        }
        if let user {
            let users = try await store.usage(in: nil, filter: UsageFilter(node: node)).map(\.user)
            guard users.contains(user) else {
                throw unknown("no traffic recorded for user", user, among: users, known: "users with traffic")
            }
        }
    }

    private func unknown(_ absent: String, _ name: String, among names: [String], known: String) -> ExitCode {
        let hint = Suggestion.closest(to: name, among: names).map { "did you mean '\($0)'?" }
            ?? (names.isEmpty ? "it has no \(known) yet" : "\(known): \(names.prefix(10).joined(separator: ", "))"
                + (names.count > 10 ? ", …" : ""))
        Console.error("error: \(db) has \(absent) '\(name)' (\(hint))")
        return ExitCode.failure
    }

    private func reset() throws -> ResetPeriod {
        switch period.lowercased() {
        case "day", "daily": .daily
        case "week", "weekly": .weekly
        case "month", "monthly": .monthly
        case "year", "yearly": .yearly
        case "lifetime", "none", "all": ResetPeriod.none
        default: throw ValidationError("unknown period '\(period)'; use day, week, month, year or lifetime")
        }
    }

    private func table(_ report: UsageReport) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.timeZone = TimeZone(identifier: report.timeZone)
        var lines = [heading(report, formatter)]
        guard !report.rows.isEmpty else { return (lines + ["no traffic recorded"]).joined(separator: "\n") }
        let width = max(4, report.rows.map(\.user.count).max() ?? 0)
        let trendTitle = report.trendStep == "hour" ? "LAST 7 HOURS" : "LAST 7 DAYS"
        // Unsplit bytes (API-accounted users, no direction) get a column only when there are any.
        let unsplit = report.rows.contains { $0.unsplit > 0 }
        lines.append(cell("USER", width, left: true) + cell("PERIOD", 11) + cell("FROM CLIENT", 12) + cell("TO CLIENT", 12)
            + (unsplit ? cell("UNSPLIT", 11) : "") + cell("LIFETIME", 11) + "  " + trendTitle)
        for row in report.rows {
            lines.append(cell(row.user, width, left: true) + cell(ByteCountFormat.string(row.total), 11)
                + cell(ByteCountFormat.string(row.fromClient), 12) + cell(ByteCountFormat.string(row.toClient), 12)
                + (unsplit ? cell(ByteCountFormat.string(row.unsplit), 11) : "")
                + cell(ByteCountFormat.string(row.lifetime), 11) + "  " + sparkline(row.trend))
        }
        return lines.joined(separator: "\n")
    }

    private func heading(_ report: UsageReport, _ formatter: DateFormatter) -> String {
        guard let start = report.periodStart, let end = report.periodEnd else {
            return "Lifetime usage (\(report.timeZone))"
        }
        return "Usage \(formatter.string(from: start)) → \(formatter.string(from: end)) (\(report.reset), \(report.timeZone))"
    }

    private func cell(_ text: String, _ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return left ? text + padding : "  " + padding + text
    }

    private func sparkline(_ values: [UInt64]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        guard let top = values.max(), top > 0 else { return String(repeating: "·", count: values.count) }
        return String(values.map { $0 == 0 ? "·" : bars[min(bars.count - 1, Int(Double($0) / Double(top) * Double(bars.count - 1)))] })
    }
}
