/// What ``ConfigRenderer`` writes into `[access.user_data_quota]`.
///
/// telemt (3.4.x, `src/stats/quota_store.rs`, `src/quota_state.rs`) charges every byte a user
/// moves against one counter per user that never resets by itself: it is persisted in
/// `general.quota_state_path` (`telemt.limit.json`) across restarts and reloads and goes back to
/// zero only through the API's reset-quota endpoint. A quota there is therefore a lifetime quota,
/// and the user is cut the moment the counter reaches it.
///
/// Our quotas are per calendar period (`reset: monthly`, …) and are enforced by the reconciler from
/// exact accounting: over the limit → `user_enabled = false`, next period → enabled again. Rendering
/// a monthly limit into telemt's table would cut the user for good in the second month (telemt's
/// counter still holds the first month's bytes), and we keep telemt's API read-only, so we could
/// not reset it. Hence the default ``omit``: the table is rendered empty (clearing any entries a
/// template carries) and telemt never cuts a user on its own.
public enum ConfigDataQuotaPolicy: Sendable, Equatable {
    /// Render `[access.user_data_quota]` with no entries (the default, see above).
    case omit
    /// Render each user's ``TelemtUser/dataQuota``. Only correct for lifetime quotas
    /// (`reset: none`) on a telemt whose quota state starts with the user; it cuts exactly at the
    /// limit, without waiting for a reconcile.
    case render
}
