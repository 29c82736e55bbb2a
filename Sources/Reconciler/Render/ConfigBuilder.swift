public import Foundation
public import Spec
public import TelemtRender

/// Turns the desired state into the users telemt's managed tables should hold.
///
/// A user is rendered enabled only when the spec does not disable it, it has not expired,
/// and the enforcement state (from traffic accounting) does not cut it off. Cut-off users stay
/// in `[access.users]` with `user_enabled = false`, which ends their live sessions.
public struct ConfigBuilder: Sendable {
    /// The moment "expired" is judged against.
    public var now: Date

    /// Creates a builder for the moment `now`.
    public init(now: Date) {
        self.now = now
    }

    /// The telemt users of `state`, with secrets from `deriver`; `cutOff` names users the
    /// enforcement state machine has limited. Two users with one secret are an error.
    public func users(
        of state: DesiredState, deriver: SecretDeriver, cutOff: Set<String> = []
    ) throws(DuplicateSecretError) -> [TelemtUser] {
        let secrets = try deriver.secrets(for: state.users)
        return zip(state.users, secrets).map { user, secret in
            TelemtUser(
                name: user.name,
                secret: secret,
                enabled: isEnabled(user) && !cutOff.contains(user.name),
                maxTCPConnections: user.maxConnections,
                maxUniqueIPs: user.maxUniqueIPs,
                expiration: user.expire,
                dataQuota: nil
            )
        }
    }

    /// Whether the spec lets `user` in at `now`: not disabled and not expired.
    public func isEnabled(_ user: UserSpec) -> Bool {
        guard !user.disabled else { return false }
        if let expire = user.expire, expire <= now { return false }
        return true
    }
}
