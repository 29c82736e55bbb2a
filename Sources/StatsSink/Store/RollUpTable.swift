/// The time-bucketed roll-up tables: UTC hours and UTC days.
enum RollUpTable: String {
    case hourly = "traffic_hourly"
    case daily = "traffic_daily"

    /// The bucket start column.
    var column: String {
        switch self {
        case .hourly: "hour"
        case .daily: "day"
        }
    }
}
