/// What `telemt-gitops import` makes of a telemt config: the two files of a desired-state
/// repository and what people should know about them.
public struct ImportedRepository: Sendable, Equatable {
    /// `users.yaml`: every user with an explicit `secret:` (it holds secrets: write it 0600).
    public var usersYAML: [UInt8]
    /// `telemt.toml`: the source config with the managed tables emptied; no secret is in it.
    public var template: [UInt8]
    /// Users imported.
    public var userCount: Int
    /// Users imported with `disabled: true`.
    public var disabledCount: Int
    /// Users imported with an `expire`.
    public var expiringCount: Int
    /// Users imported with a `data_limit` (from `[access.user_data_quota]`).
    public var limitedCount: Int
    /// What changes or needs care, one line each (`warning: …`); never a secret.
    public var warnings: [String]

    /// `1000 users (12 disabled, 300 with an expiry, 4 with a data limit)`.
    public var summary: String {
        let parts = [(disabledCount, "disabled"), (expiringCount, "with an expiry"), (limitedCount, "with a data limit")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return "\(userCount) user\(userCount == 1 ? "" : "s")" + (parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))")
    }
}
