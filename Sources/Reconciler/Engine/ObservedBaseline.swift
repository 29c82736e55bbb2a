import Foundation
import Spec
import TelemtRender

/// What a plan compares the desired users with when this host has applied nothing yet: the users
/// in telemt's config on disk. A host adopting an existing config (`telemt-gitops import`) then sees
/// only what really changes for its users, not every user as new.
///
/// telemt's tables hold the secret, the flags, the limits and the expiry; what they cannot hold
/// (`data_limit`, `reset`, `on_hold`, `rotate`, a note) is taken from the desired user, so those
/// show no change. A value that differs from what the render would write is the observed one, so
/// the plan names it (`↻ secret rotated`, `~ max_connections 4 → 8`).
enum ObservedBaseline {
    /// One snapshot per user of `disk`, sorted by name; nil when there is no config or it has no
    /// readable users. `rendered` are the users the tick renders (derived secrets, states applied).
    static func snapshots(disk: [UInt8]?, rendered: [TelemtUser], desired: DesiredState) -> [UserSnapshot]? {
        guard let disk, let observed = try? ManagedTables.read(from: String(decoding: disk, as: UTF8.self)), !observed.isEmpty else { return nil }
        let specs = Dictionary(desired.users.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let renders = Dictionary(rendered.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return observed.map { user in
            guard let spec = specs[user.name], let render = renders[user.name] else { return snapshot(of: user) }
            return snapshot(of: user, spec: spec, render: render)
        }
    }

    /// A user the desired state does not have (the plan removes it).
    private static func snapshot(of user: TelemtUser) -> UserSnapshot {
        UserSnapshot(name: user.name, limit: nil, reset: ResetPeriod.none.rawValue, maxConnections: user.maxTCPConnections,
                     maxUniqueIPs: user.maxUniqueIPs, expire: user.expiration?.timeIntervalSince1970, disabled: !user.enabled,
                     onHold: nil, rotate: 0, secretDigest: SecretDigest.of(user.secret.lowercased()))
    }

    /// The desired user's snapshot with each value telemt holds replaced by the observed one where
    /// the render would write another.
    private static func snapshot(of user: TelemtUser, spec: UserSpec, render: TelemtUser) -> UserSnapshot {
        var result = UserSnapshot(spec)
        if user.secret.lowercased() != render.secret.lowercased() { result.secretDigest = SecretDigest.of("observed/" + user.secret.lowercased()) }
        if user.enabled != render.enabled { result.disabled = !user.enabled }
        if user.maxTCPConnections != render.maxTCPConnections { result.maxConnections = user.maxTCPConnections }
        if user.maxUniqueIPs != render.maxUniqueIPs { result.maxUniqueIPs = user.maxUniqueIPs }
        let seconds = { (date: Date?) in date.map { $0.timeIntervalSince1970.rounded(.down) } }
        if seconds(user.expiration) != seconds(render.expiration) { result.expire = user.expiration?.timeIntervalSince1970 }
        return result
    }
}
