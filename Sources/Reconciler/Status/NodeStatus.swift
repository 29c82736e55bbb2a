public import Foundation

/// `status/<node>.yaml`, version 1: what one proxy host applied and what each user's state is.
///
/// It never holds a secret: users are described by their state, usage and limits, the applied
/// config by its SHA-256. Values are bucketed (``UsageBucket``) and the heartbeat is refreshed at
/// most hourly, so the file changes only when something meaningful does. `plan` in CI reads it as
/// the observed state.
public struct NodeStatus: Sendable, Equatable {
    /// The revision this node applied last.
    public struct Applied: Sendable, Equatable {
        /// The desired-state commit (or a digest of the local directory's files).
        public var revision: String
        /// SHA-256 of the config.toml written for it.
        public var configSHA256: String
        /// When it was applied.
        public var at: Date

        /// Creates an applied record.
        public init(revision: String, configSHA256: String, at: Date) {
            self.revision = revision
            self.configSHA256 = configSHA256
            self.at = at
        }
    }

    /// The newest revision when it could not be applied.
    public struct Attempted: Sendable, Equatable {
        /// The refused revision.
        public var revision: String
        /// Why, with file:line:col where there is one (never a secret).
        public var error: String

        /// Creates an attempted record.
        public init(revision: String, error: String) {
            self.revision = revision
            self.error = error
        }
    }

    /// What telemt reported.
    public struct Telemt: Sendable, Equatable {
        /// Whether the last write was seen reloaded.
        public enum Reload: String, Sendable, Equatable, CaseIterable {
            /// telemt's API or metrics showed the new config.
            case confirmed
            /// Nothing showed it within the wait: telemt may have refused the file.
            case unconfirmed
            /// Nothing was written in this tick.
            case unchanged
        }

        /// `telemt_build_info{version}`.
        public var version: String?
        /// When the process (or its stats) started, from uptime.
        public var started: Date?
        /// The last reload's confirmation.
        public var reload: Reload

        /// Creates a telemt record.
        public init(version: String? = nil, started: Date? = nil, reload: Reload = .unchanged) {
            self.version = version
            self.started = started
            self.reload = reload
        }
    }

    /// The format version (1).
    public var version: Int = 1
    /// The node's name.
    public var node: String
    /// The applied revision, if any was.
    public var applied: Applied?
    /// Present only while the newest revision failed.
    public var attempted: Attempted?
    /// telemt's numbers, when it was reachable.
    public var telemt: Telemt?
    /// When this node last wrote the file.
    public var heartbeat: Date
    /// Conditions an admin must know (more users than telemt labels, a restart needed).
    public var warnings: [String]
    /// Every user of the applied revision, sorted by name.
    public var users: [UserStatusEntry]

    /// Creates a status; users are sorted by name.
    public init(node: String, applied: Applied? = nil, attempted: Attempted? = nil, telemt: Telemt? = nil,
                heartbeat: Date, warnings: [String] = [], users: [UserStatusEntry] = []) {
        self.node = node
        self.applied = applied
        self.attempted = attempted
        self.telemt = telemt
        self.heartbeat = heartbeat
        self.warnings = warnings
        self.users = Self.isSortedByName(users) ? users : users.sorted { $0.name < $1.name }
    }
}

extension NodeStatus {
    /// Whether `users` are already in name order (the spec's users are; checking is cheaper than sorting).
    static func isSortedByName(_ users: [UserStatusEntry]) -> Bool {
        zip(users, users.dropFirst()).allSatisfy { $0.name < $1.name }
    }
}
