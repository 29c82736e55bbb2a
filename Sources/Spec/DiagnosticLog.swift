/// Collects the diagnostics of one load, bounded so that a garbage file cannot flood the output.
struct DiagnosticLog {
    /// At most this many errors are kept; one more diagnostic says that the rest were left out.
    static let errorLimit = 1_000

    private(set) var diagnostics: [SpecDiagnostic] = []
    private(set) var errorCount = 0
    private let fileOrder: [String: Int]

    /// `files` gives the order in which files are reported.
    init(files: [String]) {
        var order: [String: Int] = [:]
        for (index, file) in files.enumerated() where order[file] == nil {
            order[file] = index
        }
        fileOrder = order
    }

    var hasErrors: Bool { errorCount > 0 }

    /// Records an error; past the limit only counts it, without building its message (hints can be costly).
    mutating func error(at location: SourceLocation, _ message: @autoclosure () -> String,
                        hint: @autoclosure () -> String? = nil) {
        errorCount += 1
        if errorCount <= Self.errorLimit {
            diagnostics.append(SpecDiagnostic(.error, at: location, message(), hint: hint()))
        } else if errorCount == Self.errorLimit + 1 {
            diagnostics.append(SpecDiagnostic(.error, at: location, "too many errors; the rest are not shown",
                                              hint: "fix the errors above and validate again"))
        }
    }

    mutating func warning(at location: SourceLocation, _ message: String, hint: String? = nil) {
        guard diagnostics.count < Self.errorLimit * 2 else { return }
        diagnostics.append(SpecDiagnostic(.warning, at: location, message, hint: hint))
    }

    /// Adds the diagnostics of `other` (one file's), keeping this log's limits.
    mutating func absorb(_ other: DiagnosticLog) {
        for diagnostic in other.diagnostics {
            if diagnostic.severity == .error {
                errorCount += 1
                if errorCount <= Self.errorLimit {
                    diagnostics.append(diagnostic)
                } else if errorCount == Self.errorLimit + 1 {
                    diagnostics.append(SpecDiagnostic(.error, at: diagnostic.location, "too many errors; the rest are not shown",
                                                      hint: "fix the errors above and validate again"))
                }
            } else if diagnostics.count < Self.errorLimit * 2 {
                diagnostics.append(diagnostic)
            }
        }
        errorCount += max(0, other.errorCount - other.diagnostics.filter { $0.severity == .error }.count)
    }

    /// The diagnostics by file (in the given order), line and column.
    func sorted() -> [SpecDiagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element.location, rhs.element.location)
            let (fileA, fileB) = (fileOrder[a.file] ?? Int.max, fileOrder[b.file] ?? Int.max)
            if fileA != fileB { return fileA < fileB }
            if a.line != b.line { return a.line < b.line }
            if a.column != b.column { return a.column < b.column }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
