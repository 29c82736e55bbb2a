/// The fields of one user mapping seen so far and where each was first written: duplicate-key errors and the
/// `expire`/`on_hold` conflict without a list or dictionary per user (a bit set and two fixed vectors).
struct UserFieldMarks {
    private let file: String
    private var present: UInt16 = 0
    private var lines = SIMD16<Int32>()
    private var columns = SIMD16<Int32>()

    init(file: String) {
        self.file = file
    }

    /// Records `field`; returns where it was first written if it is a duplicate.
    mutating func insert(_ field: UserField, at location: SourceLocation) -> SourceLocation? {
        let bit: UInt16 = 1 << field.ordinal
        if present & bit != 0 { return self.location(of: field) }
        present |= bit
        lines[field.ordinal] = Int32(clamping: location.line)
        columns[field.ordinal] = Int32(clamping: location.column)
        return nil
    }

    /// Where `field` was first written, if it was.
    func location(of field: UserField) -> SourceLocation? {
        guard present & (1 << field.ordinal) != 0 else { return nil }
        return SourceLocation(file: file, line: Int(lines[field.ordinal]), column: Int(columns[field.ordinal]))
    }
}
