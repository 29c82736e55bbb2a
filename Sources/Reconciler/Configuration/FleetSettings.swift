public import Foundation

/// `fleet.*`: when a node of a fleet counts as down and when it comes back (see ``NodeAvailability``).
public struct FleetSettings: Sendable, Equatable, CustomStringConvertible {
    /// `fleet.down_after`, in seconds.
    public var downAfter: TimeInterval = 300
    /// `fleet.up_after`, in seconds.
    public var upAfter: TimeInterval = 600

    /// The defaults: down after 5 minutes without a heartbeat, back after 10 fresh minutes.
    public init(downAfter: TimeInterval = 300, upAfter: TimeInterval = 600) {
        self.downAfter = downAfter
        self.upAfter = upAfter
    }

    /// How often a node refreshes a heartbeat kept in its status file: three times per `down_after`,
    /// so one late push does not take it out of placement (at most hourly, as without a fleet).
    public var statusHeartbeat: TimeInterval { min(3_600, max(10, downAfter / 3)) }

    public var description: String { "fleet(down \(downAfter), up \(upAfter))" }

    /// Reads `fleet.*`; `down_after` must be at least 30 seconds (a daemon looks every `interval`).
    static func read(_ read: SettingReader) throws(ConfigurationError) -> FleetSettings {
        let down = try read.duration("fleet.down_after", default: "5m"), up = try read.duration("fleet.up_after", default: "10m")
        guard down >= .seconds(30) else {
            throw ConfigurationError(.invalidValue, at: read.origin("fleet.down_after"), "`fleet.down_after` (\(down)) is shorter than 30s",
                                     hint: "give hosts time to look: keep it at several times `interval` (5m by default)")
        }
        return FleetSettings(downAfter: TimeInterval(down.components.seconds), upAfter: TimeInterval(up.components.seconds))
    }
}
