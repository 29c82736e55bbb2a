extension ManagedTables {
    /// A template made from an existing config: each managed table present keeps only its header
    /// line, written as the renderer writes it, and loses its entries and the comments among them;
    /// every other byte is kept. Rendering users into it puts each table back where it was, so a
    /// config adopted by `telemt-gitops import` keeps its layout.
    ///
    /// The comment lines that ``ConfigRenderer`` counts as part of a table (those glued to its last
    /// entry at the end of the file) go with it, as they would on every render.
    /// - Throws: ``ManagedTablesError`` for managed tables the renderer cannot replace (dotted keys,
    ///   inline tables, arrays of tables, nested tables), with their location.
    public static func emptied(_ document: TOMLDocument) throws(ManagedTablesError) -> [UInt8] {
        let present = try sections(in: document)
        let bytes = document.bytes
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var cursor = 0
        for (table, section) in present.sorted(by: { $0.value.range.lowerBound < $1.value.range.lowerBound }) {
            output += bytes[cursor..<section.range.lowerBound]
            output += Array(table.header.utf8) + [UInt8(ascii: "\n")]
            cursor = ConfigRenderer.ownedEnd(of: section, in: bytes)
        }
        output += bytes[cursor...]
        return output
    }
}
