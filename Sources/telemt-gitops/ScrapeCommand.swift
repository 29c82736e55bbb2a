import ArgumentParser
import Foundation
import Reconciler
import StatsSink

/// `telemt-gitops scrape`: one scrape of telemt's /metrics, recorded into the stats store.
struct ScrapeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrape",
        abstract: "Scrape telemt's /metrics once and record the new traffic.",
        discussion: """
            Reads telemt's per-user octet counters, adds what is new since the last recorded scrape \
            (restarts and counter resets included) and prints what was recorded. Recording the same \
            scrape twice adds nothing; a failed scrape records nothing.
            Examples:
              telemt-gitops scrape --db stats.sqlite --metrics http://127.0.0.1:9090/metrics
              telemt-gitops scrape --db stats.sqlite --metrics http://127.0.0.1:9090/metrics --api http://127.0.0.1:9091
            """
    )

    @Option(name: .customLong("metrics"), help: "telemt's metrics URL (plain HTTP).")
    var metricsURL = "http://127.0.0.1:9090/metrics"

    @Option(help: "The stats database (SQLite; created if missing).")
    var db: String

    @Option(help: "This proxy host's name in the store.")
    var node = "local"

    @Option(name: .customLong("api"), help: ArgumentHelp("telemt's read-only API (`[server.api]`, e.g. http://127.0.0.1:9091): identifies the telemt process and accounts every configured user, also beyond the 4,096 that /metrics labels.", valueName: "url"))
    var apiURL: String?

    @Option(help: ArgumentHelp("A file holding the API's `auth_header` value (sent as Authorization), if telemt requires one.", valueName: "file"))
    var apiAuthFile: String?

    @Option(help: "Seconds allowed for each HTTP exchange (more than 0, at most 3600).")
    var timeout: Double = 5

    @Flag(help: "Record this node even though another telemt-gitops installation recorded it last (this host replaced it).")
    var takeOverNode = false

    @Option(help: ArgumentHelp("Days of per-scrape raw rows to keep; older ones are pruned after recording (totals come from the roll-ups and never change).", valueName: "days"))
    var keepRawDays: Double = RetentionPolicy.defaultRawDays

    @Option(help: ArgumentHelp("Days of quarter-hour buckets to keep; older ones are folded into hours, so older periods in zones with half-hour offsets are exact only to the hour. The default keeps the current and previous month exact.", valueName: "days"))
    var keepQuarterDays: Double = RetentionPolicy.defaultQuarterDays

    @Option(help: ArgumentHelp("Days of hourly buckets to keep (at least --keep-quarter-days); older periods are answered from UTC days, their boundaries moved to the nearer UTC midnight.", valueName: "days"))
    var keepHourlyDays: Double = RetentionPolicy.defaultHourlyDays

    @Option(help: ArgumentHelp("Days of scrape rows (uptime, version, connections per scrape) to keep; never fewer than the raw rows.", valueName: "days"))
    var keepScrapeDays: Double = RetentionPolicy.defaultScrapeDays

    func validate() throws {
        guard timeout.isFinite, timeout > 0, timeout <= 3_600 else {
            throw ValidationError("--timeout must be a number of seconds above 0 and at most 3600 (got \(timeout))")
        }
        if apiAuthFile != nil, apiURL == nil { throw ValidationError("--api-auth-file needs --api") }
        for (flag, days) in [("raw", keepRawDays), ("quarter", keepQuarterDays), ("hourly", keepHourlyDays), ("scrape", keepScrapeDays)]
        where !(days.isFinite && days >= 0) {
            throw ValidationError("--keep-\(flag)-days must be a number of days, 0 or more (got \(days))")
        }
        guard keepHourlyDays >= keepQuarterDays else {
            throw ValidationError("--keep-hourly-days (\(keepHourlyDays)) must be at least --keep-quarter-days (\(keepQuarterDays)): quarter hours are folded into hours")
        }
    }

    private var retention: RetentionPolicy {
        RetentionPolicy(
            rawTraffic: keepRawDays * 86_400, quarterHours: keepQuarterDays * 86_400,
            hours: keepHourlyDays * 86_400, scrapes: keepScrapeDays * 86_400
        )
    }

    func run() async throws {
        let scraper = try scraper()
        let snapshot = try await BlockingWork.run { try scraper.scrape() }
        let store = try SQLiteStatsStore(path: db)
        let directory = (db as NSString).deletingLastPathComponent
        let recording = TrafficRecording(store: store, node: node, directory: directory.isEmpty ? "." : directory,
                                         retention: retention, takeOver: takeOverNode)
        let result = try await recording.record(snapshot).recorded
        print(summary(snapshot, result))
        if let warning = coverageWarning(snapshot, result) { Console.error(warning) }
        guard !result.deltas.isEmpty else { return }
        let width = max(4, result.deltas.map(\.user.count).max() ?? 0)
        let unsplit = result.added.unsplit > 0
        print("  " + "USER".padding(toLength: width, withPad: " ", startingAt: 0) + "  FROM CLIENT    TO CLIENT" + (unsplit ? "      UNSPLIT" : ""))
        for delta in result.deltas {
            print("  " + delta.user.padding(toLength: width, withPad: " ", startingAt: 0)
                + "  " + pad(ByteCountFormat.string(delta.fromClient), 11) + "  " + pad(ByteCountFormat.string(delta.toClient), 11)
                + (unsplit ? "  " + pad(ByteCountFormat.string(delta.unsplit), 11) : ""))
        }
    }

    private func summary(_ snapshot: TelemtSnapshot, _ result: RecordResult) -> String {
        let version = snapshot.version.map { "telemt \($0)" } ?? "telemt"
        let uptime = snapshot.uptime.isFinite ? Int(min(max(snapshot.uptime, 0), 1e15)) : 0
        let header = "node \(node): \(version), up \(uptime / 86_400)d \(uptime % 86_400 / 3_600)h \(uptime % 3_600 / 60)m, "
            + "\(result.users) user\(result.users == 1 ? "" : "s")"
        switch result.kind {
        case .duplicate:
            return header + "; already recorded, nothing added"
        case .first, .continued, .restarted:
            let added = result.added
            let unsplit = added.unsplit == 0 ? "" : ", +\(ByteCountFormat.string(added.unsplit)) unsplit"
            let note = result.kind == .restarted ? " (telemt restarted: \(result.evidence?.rawValue ?? "counters started again"))"
                : result.kind == .first ? " (first scrape)" : ""
            let vanished = (result.seriesRestarted.isEmpty ? "" : ", \(result.seriesRestarted.count) series started again")
                + (result.missing == 0 ? "" : ", \(result.missing) without a reading (baselines kept)")
            return header + "\(note); recorded +\(ByteCountFormat.string(added.fromClient)) from clients, "
                + "+\(ByteCountFormat.string(added.toClient)) to clients\(unsplit) for \(result.deltas.count) user\(result.deltas.count == 1 ? "" : "s")\(vanished)"
        }
    }

    private func scraper() throws -> TelemtScraper {
        let metrics = try MetricsScraper(url: metricsURL, timeout: timeout)
        guard let apiURL else { return TelemtScraper(metrics: metrics) }
        var authorization: String?
        if let apiAuthFile {
            guard let text = try? String(contentsOfFile: apiAuthFile, encoding: .utf8) else {
                Console.error("error: cannot read --api-auth-file \(apiAuthFile); check that it exists and is readable")
                throw ExitCode.failure
            }
            authorization = text.trimmingCharacters(in: .newlines)
        }
        return TelemtScraper(metrics: metrics, api: try TelemtAPIClient(baseURL: apiURL, authorization: authorization, timeout: timeout))
    }

    /// A warning when telemt left users out of /metrics and no API accounts for them.
    private func coverageWarning(_ snapshot: TelemtSnapshot, _ result: RecordResult) -> String? {
        guard snapshot.api == nil, let series = snapshot.userSeries, series.suppressed else { return nil }
        let left = series.statsSuppressed.map { "\($0) users" } ?? "some users"
        return "warning: telemt left \(left) out of /metrics (it labels at most 4096, none with per-user telemetry off); "
            + "their baselines are kept and their traffic is counted when they appear again. Add --api to account every user every scrape."
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
