/// SQL text both backends' roll-up upserts share (SQLite and PostgreSQL read it the same way).
package enum RollUpSQL {
    /// The byte columns of every traffic table.
    package static let byteColumns = ["from_client", "to_client", "unsplit"]

    /// The `DO UPDATE SET` list of a roll-up upsert: each column plus the incoming value, saturated
    /// at `Int64.max` instead of overflowing (both are never negative). PostgreSQL needs the stored
    /// column qualified by its table (`table`); SQLite takes it bare.
    package static func saturatingUpdate(qualifiedBy table: String? = nil) -> String {
        byteColumns.map { column in
            let stored = table.map { "\($0).\(column)" } ?? column
            return "\(column) = CASE WHEN \(stored) > 9223372036854775807 - excluded.\(column) "
                + "THEN 9223372036854775807 ELSE \(stored) + excluded.\(column) END"
        }.joined(separator: ", ")
    }
}
