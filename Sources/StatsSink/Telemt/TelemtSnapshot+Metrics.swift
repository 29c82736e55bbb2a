public import Foundation

extension TelemtSnapshot {
    /// The most users accepted from one scrape (telemt itself labels at most 4,096).
    public static let maxUsers = 65_536

    /// Reads telemt's metrics out of a parsed exposition.
    ///
    /// Other families (`telemt_me_*`, …) are ignored. A user appears in ``users`` when it has both
    /// octet counters; a user with gauges only (no traffic yet) is left out, and a user with just
    /// one octet counter makes the scrape invalid, since telemt always prints both.
    public init(document: MetricsDocument, scrapedAt: Date) throws(TelemtMetricsError) {
        var reader = SnapshotReader()
        // telemt prints at least two series per user: reserve instead of growing 12 times.
        reader.partials.reserveCapacity(min(document.samples.count / 2, Self.maxUsers))
        for sample in document.samples {
            try reader.read(sample)
        }
        guard let uptime = reader.uptime else { throw TelemtMetricsError(line: 0, reason: .missingUptime) }
        self.init(
            scrapedAt: scrapedAt, uptime: uptime, version: reader.version, connectionsTotal: reader.connectionsTotal,
            userSeries: reader.userSeries, users: try reader.users()
        )
        uniqueIPLimits = reader.uniqueIPLimits
    }
}

/// Collects the telemt families of interest while walking the samples once.
private struct SnapshotReader {
    struct Partial {
        var from: (value: UInt64, line: Int)?
        var to: (value: UInt64, line: Int)?
        var connections: UInt64?
        var uniqueIPs: UInt64?
    }

    var uptime: Double?
    var version: String?
    var connectionsTotal: UInt64?
    var userSeries: UserSeriesExport?
    var partials: [String: Partial] = [:]
    var uniqueIPLimits: [String: UInt64] = [:]

    mutating func read(_ sample: MetricSample) throws(TelemtMetricsError) {
        switch sample.name {
        case "telemt_uptime_seconds":
            guard uptime == nil else { throw error(sample, .duplicateSeries(metric: sample.name, user: nil)) }
            guard sample.value.isFinite, sample.value >= 0 else {
                throw error(sample, .invalidCounter(metric: sample.name, user: nil, value: sample.value))
            }
            uptime = sample.value
        case "telemt_build_info":
            version = sample.label("version")
        case "telemt_connections_total":
            guard connectionsTotal == nil else { throw error(sample, .duplicateSeries(metric: sample.name, user: nil)) }
            guard let value = sample.integer else { throw error(sample, .invalidCounter(metric: sample.name, user: nil, value: sample.value)) }
            connectionsTotal = value
        case "telemt_telemetry_user_series_suppressed":
            var export = userSeries ?? UserSeriesExport(suppressed: false)
            export.suppressed = sample.value != 0
            userSeries = export
        case "telemt_telemetry_user_series_users":
            readSeriesCount(sample)
        case "telemt_user_octets_from_client":
            try update(sample) { partial, value, line in
                guard partial.from == nil else { return false }
                partial.from = (value, line)
                return true
            }
        case "telemt_user_octets_to_client":
            try update(sample) { partial, value, line in
                guard partial.to == nil else { return false }
                partial.to = (value, line)
                return true
            }
        case "telemt_user_connections_current":
            try update(sample) { partial, value, _ in
                defer { partial.connections = value }
                return partial.connections == nil
            }
        case "telemt_user_unique_ips_limit":
            if let user = sample.label("user"), let value = sample.integer { uniqueIPLimits[user] = value }
        case "telemt_user_unique_ips_current":
            try update(sample) { partial, value, _ in
                defer { partial.uniqueIPs = value }
                return partial.uniqueIPs == nil
            }
        default:
            return
        }
    }

    /// `telemt_telemetry_user_series_users{family="stats",status=…}`; other families are ignored.
    private mutating func readSeriesCount(_ sample: MetricSample) {
        guard sample.label("family") == "stats", let count = sample.integer else { return }
        var export = userSeries ?? UserSeriesExport(suppressed: false)
        switch sample.label("status") {
        case "emitted": export.statsEmitted = count
        case "suppressed": export.statsSuppressed = count
        default: return
        }
        userSeries = export
    }

    /// Applies one per-user sample; `apply` returns false when the series was already seen.
    private mutating func update(
        _ sample: MetricSample,
        _ apply: (inout Partial, UInt64, Int) -> Bool
    ) throws(TelemtMetricsError) {
        guard let user = sample.label("user") else { throw error(sample, .missingUserLabel(metric: sample.name)) }
        guard let value = sample.integer else {
            throw error(sample, .invalidCounter(metric: sample.name, user: user, value: sample.value))
        }
        if partials.count >= TelemtSnapshot.maxUsers, partials[user] == nil {
            throw error(sample, .tooManyUsers(limit: TelemtSnapshot.maxUsers))
        }
        guard apply(&partials[user, default: Partial()], value, sample.line) else {
            throw error(sample, .duplicateSeries(metric: sample.name, user: user))
        }
    }

    func users() throws(TelemtMetricsError) -> [String: UserCounters] {
        var users: [String: UserCounters] = [:]
        users.reserveCapacity(partials.count)
        for (name, partial) in partials {
            switch (partial.from, partial.to) {
            case (nil, nil):
                continue
            case (let from?, nil):
                throw TelemtMetricsError(line: from.line, reason: .incompleteUser(user: name, missing: "telemt_user_octets_to_client"))
            case (nil, let to?):
                throw TelemtMetricsError(line: to.line, reason: .incompleteUser(user: name, missing: "telemt_user_octets_from_client"))
            case (let from?, let to?):
                users[name] = UserCounters(
                    octetsFromClient: from.value, octetsToClient: to.value,
                    connectionsCurrent: partial.connections, uniqueIPsCurrent: partial.uniqueIPs
                )
            }
        }
        return users
    }

    private func error(_ sample: MetricSample, _ reason: TelemtMetricsError.Reason) -> TelemtMetricsError {
        TelemtMetricsError(line: sample.line, reason: reason)
    }
}
