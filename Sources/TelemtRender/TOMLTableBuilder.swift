/// The tables of a document while it is parsed: a flat arena indexed by integers, so adding a
/// key to a deeply nested table is one in-place dictionary insert (no copy-on-write of the tree).
/// Enforces TOML 1.0's rules on redefinition; ``materialize()`` turns it into ``TOMLTable``s.
struct TOMLTableBuilder {
    enum Node {
        case value(TOMLValue)
        case table(Int)
        case tableArray([Int])
        case array([Node])
    }

    struct Table {
        var entries: [String: Node] = [:]
        var origin: TOMLTable.Origin
        /// The section (≥ 0) or inline table (< 0) whose dotted keys created it.
        var scope: Int
    }

    /// A rule violation, positioned by the parser at the key that caused it.
    struct Failure: Error {
        var code: TOMLParseError.Code
        var message: String
        var hint: String
    }

    static let root = 0
    private(set) var tables: [Table] = [Table(origin: .root, scope: 0)]

    mutating func newTable(origin: TOMLTable.Origin, scope: Int) -> Int {
        tables.append(Table(origin: origin, scope: scope))
        return tables.count - 1
    }

    /// Opens the table of a `[header]` or `[[header]]`, creating what is missing.
    mutating func openHeader(_ path: [String], isArray: Bool, scope: Int) throws(Failure) -> Int {
        var current = Self.root
        for (index, key) in path.dropLast().enumerated() {
            current = try descendForHeader(from: current, key: key, shown: path[...index])
        }
        let key = path[path.count - 1]
        let shown = dotted(path[...])
        switch tables[current].entries[key] {
        case nil:
            let origin: TOMLTable.Origin = isArray ? .arrayElement : .header
            let table = newTable(origin: origin, scope: scope)
            tables[current].entries[key] = isArray ? .tableArray([table]) : .table(table)
            return table
        case .tableArray(var elements) where isArray:
            let table = newTable(origin: .arrayElement, scope: scope)
            elements.append(table)
            tables[current].entries[key] = .tableArray(elements)
            return table
        case .table(let table) where !isArray && tables[table].origin == .implicit:
            tables[table].origin = .header
            tables[table].scope = scope
            return table
        case .table(let table):
            throw redefinition(of: shown, origin: tables[table].origin, asArray: isArray)
        case .tableArray:
            throw Failure(
                code: .tableRedefined, message: "[\(shown)] is already an array of tables",
                hint: "use [[\(shown)]] to add an element, or rename the table")
        case .array where isArray:
            throw Failure(
                code: .appendToStaticArray, message: "[[\(shown)]] appends to an array defined as a value",
                hint: "write all elements in the array value or use [[\(shown)]] headers only")
        case .value, .array:
            throw Failure(
                code: .keyRedefinesTable, message: "\(shown) is already a value, not a table",
                hint: "remove the key \(shown) or the table header")
        }
    }

    private mutating func descendForHeader(from current: Int, key: String, shown: ArraySlice<String>) throws(Failure) -> Int {
        switch tables[current].entries[key] {
        case nil:
            let table = newTable(origin: .implicit, scope: 0)
            tables[current].entries[key] = .table(table)
            return table
        case .table(let table):
            if tables[table].origin == .inline {
                throw Failure(
                    code: .inlineTableExtended, message: "\(dotted(shown)) is an inline table and cannot be extended",
                    hint: "move its keys into a [\(dotted(shown))] table or into the inline table itself")
            }
            return table
        case .tableArray(let elements):
            return elements[elements.count - 1]
        case .value, .array:
            throw Failure(
                code: .notATable, message: "\(dotted(shown)) is a value, not a table",
                hint: "rename the key or the table header")
        }
    }

    /// Inserts `key = value` (key possibly dotted) into `table` for the section or inline table `scope`.
    mutating func insert(_ path: [String], _ node: Node, into table: Int, scope: Int) throws(Failure) {
        var current = table
        for (index, key) in path.dropLast().enumerated() {
            current = try descendForDottedKey(from: current, key: key, scope: scope, shown: path[...index])
        }
        let key = path[path.count - 1]
        if let previous = tables[current].entries.updateValue(node, forKey: key) {
            tables[current].entries[key] = previous
            throw Failure(
                code: .duplicateKey, message: "key \(dotted(path[...])) is defined twice",
                hint: "remove one of the definitions")
        }
    }

    private mutating func descendForDottedKey(
        from current: Int, key: String, scope: Int, shown: ArraySlice<String>
    ) throws(Failure) -> Int {
        switch tables[current].entries[key] {
        case nil:
            let table = newTable(origin: .dotted, scope: scope)
            tables[current].entries[key] = .table(table)
            return table
        case .table(let table):
            let existing = tables[table]
            if existing.origin == .implicit || (existing.origin == .dotted && existing.scope == scope) {
                tables[table].origin = .dotted
                tables[table].scope = scope
                return table
            }
            throw redefinition(of: dotted(shown), origin: existing.origin, asArray: false)
        case .tableArray, .value, .array:
            throw Failure(
                code: .duplicateKey, message: "dotted key \(dotted(shown)) redefines an existing value",
                hint: "remove one of the definitions")
        }
    }

    private func redefinition(of shown: String, origin: TOMLTable.Origin, asArray: Bool) -> Failure {
        switch origin {
        case .inline:
            Failure(
                code: .inlineTableExtended, message: "\(shown) is an inline table and cannot be extended",
                hint: "put all of its keys inside the inline table, or turn it into a [\(shown)] table")
        case .dotted:
            Failure(
                code: .tableRedefined, message: "table \(shown) was already defined by dotted keys",
                hint: "keep all of \(shown)'s keys in one place: either dotted keys or a [\(shown)] table")
        default:
            Failure(
                code: .tableRedefined,
                message: asArray ? "[[\(shown)]] conflicts with the table [\(shown)]" : "table [\(shown)] is defined twice",
                hint: "merge the two definitions of \(shown) into one")
        }
    }

    private func dotted(_ path: ArraySlice<String>) -> String {
        path.map { TOMLEncoding.key($0) }.joined(separator: ".")
    }

    /// Builds the value tree.
    func materialize() -> TOMLTable {
        materialize(Self.root, insideInline: false)
    }

    private func materialize(_ index: Int, insideInline: Bool) -> TOMLTable {
        let table = tables[index]
        let inline = insideInline || table.origin == .inline
        let entries = table.entries.mapValues { value(of: $0, insideInline: inline) }
        return TOMLTable(entries: entries, origin: inline ? .inline : table.origin)
    }

    private func value(of node: Node, insideInline: Bool) -> TOMLValue {
        switch node {
        case .value(let value): value
        case .table(let index): .table(materialize(index, insideInline: insideInline))
        case .tableArray(let indices): .array(indices.map { .table(materialize($0, insideInline: insideInline)) })
        case .array(let nodes): .array(nodes.map { value(of: $0, insideInline: insideInline) })
        }
    }
}

extension TOMLTableBuilder {
    /// `true` if nothing was inserted into `table`.
    func isEmpty(_ table: Int) -> Bool {
        tables[table].entries.isEmpty
    }

    /// Marks a finished inline table: nothing may be added to it afterwards.
    mutating func freeze(_ table: Int) {
        tables[table].origin = .inline
    }
}
