/// Why a well-formed Prometheus exposition is still not a usable telemt scrape.
public struct TelemtMetricsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Sendable, Equatable {
        /// `telemt_uptime_seconds` is missing.
        case missingUptime
        /// A metric telemt prints once appears more than once.
        case duplicateSeries(metric: String, user: String?)
        /// A value that must be a non-negative whole number is not.
        case invalidCounter(metric: String, user: String?, value: Double)
        /// A user has one octet counter but not the other.
        case incompleteUser(user: String, missing: String)
        /// A per-user sample has no `user` label.
        case missingUserLabel(metric: String)
        /// More users than accepted.
        case tooManyUsers(limit: Int)
    }

    /// The 1-based line of the offending sample in the scraped text (0 when not tied to a line).
    public var line: Int
    /// What was wrong.
    public var reason: Reason

    /// Creates an error.
    public init(line: Int, reason: Reason) {
        self.line = line
        self.reason = reason
    }

    /// A one-line message with the position, the problem and what to do.
    public var description: String {
        let place = line > 0 ? "metrics line \(line): " : "metrics: "
        return place + problem
    }

    private var problem: String {
        switch reason {
        case .missingUptime:
            "no telemt_uptime_seconds sample; the URL does not serve telemt's /metrics (check --metrics)"
        case .duplicateSeries(let metric, let user):
            "\(metric)\(Self.userSuffix(user)) appears twice; the response is not a single telemt scrape"
        case .invalidCounter(let metric, let user, let value):
            "\(metric)\(Self.userSuffix(user)) is \(Self.shown(value)), not a whole number from 0 to 2^64 - 1; "
                + "the response is not a telemt scrape (check --metrics)"
        case .incompleteUser(let user, let missing):
            "user \(user) has no \(missing) sample; telemt prints both octet counters, so the response is incomplete"
        case .missingUserLabel(let metric):
            "\(metric) has no user label; enable [general.telemetry] user_enabled in telemt's config"
        case .tooManyUsers(let limit):
            "more than \(limit) users; telemt labels at most 4096, so the response is not telemt's"
        }
    }

    private static func shown(_ value: Double) -> String {
        value.isFinite && abs(value) < 1e15 ? "\(value)" : value.isNaN ? "NaN" : value > 0 ? "above 2^64 - 1" : "\(value)"
    }

    private static func userSuffix(_ user: String?) -> String {
        user.map { "{user=\"\($0)\"}" } ?? ""
    }
}
