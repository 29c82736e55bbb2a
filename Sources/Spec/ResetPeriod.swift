/// The calendar period after which a user's used traffic starts again from zero.
public enum ResetPeriod: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Never: the limit applies to lifetime traffic.
    case none
    /// Every calendar day in the spec's time zone.
    case daily
    /// Every calendar week (starting Monday) in the spec's time zone.
    case weekly
    /// Every calendar month in the spec's time zone.
    case monthly
    /// Every calendar year in the spec's time zone.
    case yearly
}
