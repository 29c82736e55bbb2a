extension UInt64 {
    /// `self + other`, or `UInt64.max` when that does not fit: byte sums never wrap or trap.
    func adding(saturating other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}

extension Sequence<UserUsage> {
    /// Every user's bytes summed per component, saturating at `UInt64.max`.
    func summed(as user: String = "") -> UserUsage {
        reduce(UserUsage(user: user, fromClient: 0, toClient: 0)) { sum, usage in
            UserUsage(
                user: user, fromClient: sum.fromClient.adding(saturating: usage.fromClient),
                toClient: sum.toClient.adding(saturating: usage.toClient), unsplit: sum.unsplit.adding(saturating: usage.unsplit)
            )
        }
    }
}
