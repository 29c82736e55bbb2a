/// The time-bucketed roll-up tables: UTC quarter hours (written by every scrape), UTC hours
/// (quarter hours folded by retention, and hourly history from before schema v3) and UTC days.
package enum RollUpTable: String, CaseIterable {
    case quarter = "traffic_quarter"
    case hourly = "traffic_hourly"
    case daily = "traffic_daily"

    /// The fine tables: data for any instant lives in exactly one of them until it is pruned.
    package static let fine: [RollUpTable] = [.quarter, .hourly]

    /// The bucket start column.
    package var column: String {
        switch self {
        case .quarter: "quarter"
        case .hourly: "hour"
        case .daily: "day"
        }
    }
}
