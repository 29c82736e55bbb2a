import Foundation
import Reconciler
import Spec

/// Who the spec cuts off at a moment, and why, in the words `render` and `validate` print.
struct CutOffReasons {
    /// A user the spec cuts off.
    struct Entry {
        var user: UserSpec
        /// `disabled`, or `expired 2020-01-01`.
        var reason: String
    }

    /// The users cut off, in name order.
    var entries: [Entry]

    /// The users of `state` that are disabled or expired at `now`; expiries are shown in the spec's time zone.
    init(_ state: DesiredState, now: Date) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = state.timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        let builder = ConfigBuilder(now: now)
        entries = state.users.compactMap { user in
            guard !builder.isEnabled(user) else { return nil }
            if user.disabled { return Entry(user: user, reason: "disabled") }
            return Entry(user: user, reason: "expired \(user.expire.map(formatter.string) ?? "")")
        }
    }

    /// `0 cut off`, or `2 cut off: bob disabled, carol expired 2020-01-01` (at most `limit` named).
    func summary(limit: Int = 10) -> String {
        guard !entries.isEmpty else { return "0 cut off" }
        let named = entries.prefix(limit).map { "\($0.user.name) \($0.reason)" }
        let more = entries.count > limit ? ", and \(entries.count - limit) more" : ""
        return "\(entries.count) cut off: " + named.joined(separator: ", ") + more
    }

    /// One warning per expired user that the spec does not also disable.
    var expiryWarnings: [String] {
        entries.filter { !$0.user.disabled }.map { entry in
            "\(entry.user.location): warning: \(entry.user.name) \(entry.reason) and is cut off "
                + "(move `expire` to a later date to let them in again, or remove the user)"
        }
    }
}
