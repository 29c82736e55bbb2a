extension ManagedTables {
    /// Checks that every managed table present in `document` is a plain `[access.x]` table the
    /// renderer can replace whole, and returns the section of each one present.
    ///
    /// Refused (never corrupted): `access` as a value, dotted keys or inline table;
    /// `access.users = {...}` or `users.alice = "..."` inside `[access]`; `[[access.users]]`;
    /// nested tables such as `[access.users.team]`.
    /// - Throws: ``ManagedTablesError`` naming the table, the form found and its location.
    public static func sections(in document: TOMLDocument) throws(ManagedTablesError) -> [Table: TOMLSection] {
        guard let accessValue = document.root["access"] else { return [:] }
        guard let access = accessValue.tableValue else {
            throw ManagedTablesError(
                reason: .accessNotATable(form: "a \(accessValue.typeName) value"), location: document.location(of: ["access"]))
        }
        if access.origin == .dotted || access.origin == .inline || access.origin == .arrayElement {
            throw ManagedTablesError(
                reason: .accessNotATable(form: formName(access.origin)), location: document.location(of: ["access"]))
        }
        var found: [Table: TOMLSection] = [:]
        for table in Table.allCases {
            guard let value = access[table.rawValue] else { continue }
            var location: TOMLSourceLocation? { document.location(of: table.path) }
            guard let managed = value.tableValue else {
                let form = value.arrayValue != nil && document.sections(at: table.path).contains(where: \.isArrayElement)
                    ? "an array of tables [[\(table.path.joined(separator: "."))]]" : "a \(value.typeName) value"
                throw ManagedTablesError(reason: .unsupportedForm(table: table, form: form), location: location)
            }
            guard managed.origin == .header else {
                throw ManagedTablesError(reason: .unsupportedForm(table: table, form: formName(managed.origin)), location: location)
            }
            if managed.entries.values.contains(where: { $0.tableValue != nil }),
               let nested = managed.sortedKeys.first(where: { managed[$0]?.tableValue != nil }) {
                throw ManagedTablesError(
                    reason: .unsupportedForm(table: table, form: "a table with a nested table \(TOMLEncoding.key(nested))"),
                    location: document.location(of: table.path + [nested]) ?? location)
            }
            let sections = document.sections(at: table.path)
            guard sections.count == 1, let section = sections.first else {
                throw ManagedTablesError(reason: .unsupportedForm(table: table, form: "several tables"), location: location)
            }
            found[table] = section
        }
        return found
    }

    private static func formName(_ origin: TOMLTable.Origin) -> String {
        switch origin {
        case .dotted: "dotted keys"
        case .inline: "an inline table"
        case .arrayElement: "an array of tables"
        case .implicit: "only nested tables"
        case .root, .header: "a table"
        }
    }
}
