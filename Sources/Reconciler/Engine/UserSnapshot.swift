import Foundation
public import Spec

/// The fields of one user that a plan compares, as applied: from the spec of the applied revision
/// (in CI) or from `applied.tsv` (on a host). No secret: an explicit secret is kept as a digest.
public struct UserSnapshot: Sendable, Equatable, Codable {
    /// The name.
    public var name: String
    /// `data_limit` in bytes; nil for unlimited.
    public var limit: UInt64?
    /// `reset`.
    public var reset: String
    /// `max_connections`, `max_unique_ips`.
    public var maxConnections: Int?, maxUniqueIPs: Int?
    /// `expire` as seconds since 1970.
    public var expire: Double?
    /// `disabled`.
    public var disabled: Bool
    /// `on_hold` in seconds.
    public var onHold: Int64?
    /// `rotate`.
    public var rotate: Int
    /// A digest of an explicit `secret`, so a change shows as a rotation without the value.
    public var secretDigest: String?
    /// The plan (tariff) the user takes, if any: a plan changes the limits above, and the plan groups them.
    public var plan: String?

    /// The snapshot of `user`.
    public init(_ user: UserSpec) {
        name = user.name
        limit = user.dataLimit.byteCount
        reset = user.reset.rawValue
        maxConnections = user.maxConnections
        maxUniqueIPs = user.maxUniqueIPs
        expire = user.expire?.timeIntervalSince1970
        disabled = user.disabled
        onHold = user.onHold?.seconds
        rotate = user.rotate
        secretDigest = user.secret.map { SecretDigest.of($0) }
        plan = user.plan
    }

    /// A snapshot from its stored fields.
    init(name: String, limit: UInt64?, reset: String, maxConnections: Int?, maxUniqueIPs: Int?, expire: Double?,
         disabled: Bool, onHold: Int64?, rotate: Int, secretDigest: String?, plan: String? = nil) {
        self.name = name
        self.limit = limit
        self.reset = reset
        self.maxConnections = maxConnections
        self.maxUniqueIPs = maxUniqueIPs
        self.expire = expire
        self.disabled = disabled
        self.onHold = onHold
        self.rotate = rotate
        self.secretDigest = secretDigest
        self.plan = plan
    }

    /// The spec this snapshot describes (for re-evaluating its state).
    public var spec: UserSpec {
        UserSpec(name: name, dataLimit: limit.map(DataLimit.bytes) ?? .unlimited, reset: ResetPeriod(rawValue: reset) ?? .none,
                 maxConnections: maxConnections, maxUniqueIPs: maxUniqueIPs, expire: expire.map(Date.init(timeIntervalSince1970:)),
                 disabled: disabled, rotate: rotate, onHold: onHold.map(SpecDuration.init(seconds:)), plan: plan)
    }
}
