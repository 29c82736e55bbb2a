/// A TOML table: its entries and how the source defined it.
///
/// Equality compares entries only: two tables with the same keys and values are equal however
/// they were written (`[a]` header, dotted keys or inline).
public struct TOMLTable: Sendable, Equatable {
    /// How a table came to exist in the source; the renderer refuses to splice forms it cannot
    /// replace whole.
    public enum Origin: Sendable, Equatable {
        /// The root table of a document.
        case root
        /// Created only as a prefix of a header, e.g. `a` for `[a.b]`.
        case implicit
        /// Defined by its own `[header]`.
        case header
        /// One element of an array of tables, `[[header]]`.
        case arrayElement
        /// Created by a dotted key such as `a.b = 1`.
        case dotted
        /// An inline table `{ ... }` (or a table inside one).
        case inline
    }

    /// The table's entries by key.
    public var entries: [String: TOMLValue]
    /// How the source defined this table.
    public var origin: Origin

    /// Creates a table.
    public init(entries: [String: TOMLValue] = [:], origin: Origin = .header) {
        self.entries = entries
        self.origin = origin
    }

    /// The value under `key`, if any.
    public subscript(key: String) -> TOMLValue? {
        entries[key]
    }

    /// The value at a key path (e.g. `["server", "api", "enabled"]`), following tables only.
    public func value(at path: [String]) -> TOMLValue? {
        guard let first = path.first, let value = entries[first] else { return nil }
        if path.count == 1 { return value }
        return value.tableValue?.value(at: Array(path.dropFirst()))
    }

    /// The table at a key path, if every step is a table.
    public func table(at path: [String]) -> TOMLTable? {
        path.isEmpty ? self : value(at: path)?.tableValue
    }

    /// Keys in byte order of their UTF-8 encoding.
    public var sortedKeys: [String] {
        entries.keys.sorted { TOMLEncoding.precedesInByteOrder($0, $1) }
    }

    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        lhs.entries == rhs.entries
    }
}
