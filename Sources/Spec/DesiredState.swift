public import Foundation

/// The validated desired state of one proxy, as committed in `users.yaml` (or `users/*.yaml`).
///
/// Values of this type are produced only by ``SpecLoader``; every field has been checked and every
/// default from the `defaults:` mapping has been merged into the users.
public struct DesiredState: Sendable, Equatable {
    /// The schema version of the document (only `1` exists).
    public var version: Int
    /// How clients reach the proxy; used for links.
    public var proxy: ProxyEndpoint
    /// The IANA time zone in which calendar periods and date-only expiries are resolved.
    public var timeZone: TimeZone
    /// The time zone as users.yaml names it (`UTC` when it names none), for messages: Foundation
    /// reports UTC as `GMT`.
    public var timeZoneName: String
    /// The users, sorted by name.
    public var users: [UserSpec]
    /// The proxy hosts of a fleet (`nodes:`), sorted by name; empty for a spec of one node.
    public var nodes: [NodeSpec]
    /// The named limit sets (`plans:`), sorted by name; users carry the name of theirs in ``UserSpec/plan``.
    public var plans: [PlanSpec]

    /// Creates a desired state; `users` is sorted by name. `timeZoneName` defaults to the zone's
    /// identifier, with Foundation's `GMT` for UTC shown as `UTC`.
    public init(version: Int = 1, proxy: ProxyEndpoint, timeZone: TimeZone, users: [UserSpec], timeZoneName: String? = nil,
                nodes: [NodeSpec] = [], plans: [PlanSpec] = []) {
        self.version = version
        self.proxy = proxy
        self.timeZone = timeZone
        self.timeZoneName = timeZoneName ?? (timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier)
        // Files are usually kept sorted: check in one pass before paying for a sort.
        let isSorted = zip(users, users.dropFirst()).allSatisfy { $0.name <= $1.name }
        self.users = isSorted ? users : users.sorted { $0.name < $1.name }
        self.nodes = nodes.sorted { $0.name < $1.name }
        self.plans = plans.sorted { $0.name < $1.name }
    }

    /// The node with the given name, if any.
    public func node(named name: String) -> NodeSpec? {
        nodes.first { $0.name == name }
    }

    /// The plan with the given name, if any.
    public func plan(named name: String) -> PlanSpec? {
        plans.first { $0.name == name }
    }

    /// The user with the given name, if any.
    public func user(named name: String) -> UserSpec? {
        users.first { $0.name == name }
    }
}

/// How clients reach the proxy (`proxy:` in users.yaml).
public struct ProxyEndpoint: Sendable, Equatable {
    /// Host name or address that clients connect to.
    public var host: String
    /// TCP port that clients connect to (default 443).
    public var port: Int
    /// The FakeTLS domain; `ee` links carry it. `nil` means no FakeTLS links.
    public var tlsDomain: String?

    /// Creates an endpoint.
    public init(host: String, port: Int = 443, tlsDomain: String? = nil) {
        self.host = host
        self.port = port
        self.tlsDomain = tlsDomain
    }
}
