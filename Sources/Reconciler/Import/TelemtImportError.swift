/// Why `telemt-gitops import` cannot convert a telemt config: every problem at once, each with the
/// file, line and column of the source config where known, and what to do. Never holds a secret.
public struct TelemtImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One problem.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The file the problem is in.
        public var path: String
        /// Line and column (1-based), when the problem has a place.
        public var line: Int?, column: Int?
        /// What is wrong and what to do.
        public var message: String

        /// Creates a problem.
        public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
            self.path = path
            self.line = line
            self.column = column
            self.message = message
        }

        /// `path:line:col: error: message`.
        public var description: String {
            let place = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return "\(path)\(place): error: \(message)"
        }
    }

    /// The problems, in source order.
    public var problems: [Problem]

    /// Creates an error of `problems`.
    public init(_ problems: [Problem]) {
        self.problems = problems
    }

    /// One line per problem, then how many and what happened.
    public var description: String {
        let count = problems.count
        let total = "\(count) error\(count == 1 ? "" : "s"); nothing was written. Fix the lines above and run `telemt-gitops import` again."
        return (problems.map(\.description) + [total]).joined(separator: "\n")
    }
}
