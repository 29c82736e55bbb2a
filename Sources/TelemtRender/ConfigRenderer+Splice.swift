extension ConfigRenderer {
    private enum Replacement {
        /// A managed table present in the template, rewritten in place.
        case table(ManagedTables.Table)
        /// The managed tables missing from the template, inserted at one point.
        case missing([ManagedTables.Table], leadingNewline: Bool)
    }

    private struct Edit {
        var range: Range<Int>
        var replacement: Replacement
    }

    /// The template with managed tables replaced in place and missing ones inserted.
    func splice(document: TOMLDocument, present: [ManagedTables.Table: TOMLSection], users: [TelemtUser]) -> [UInt8] {
        let bytes = document.bytes
        var edits: [Edit] = present.map { table, section in
            Edit(range: section.range.lowerBound..<Self.ownedEnd(of: section, in: bytes), replacement: .table(table))
        }
        let missing = ManagedTables.Table.allCases.filter { present[$0] == nil }
        if !missing.isEmpty {
            let point = insertionPoint(document: document, present: present)
            let newline = present.isEmpty && point == bytes.count && !bytes.isEmpty && bytes.last != UInt8(ascii: "\n")
            edits.append(Edit(range: point..<point, replacement: .missing(missing, leadingNewline: newline)))
        }
        edits.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + users.reduce(256) { $0 + 3 * $1.name.utf8.count + 120 })
        var cursor = 0
        for edit in edits {
            output += bytes[cursor..<edit.range.lowerBound]
            switch edit.replacement {
            case .table(let table):
                appendTable(table, users: users, to: &output)
            case .missing(let tables, let leadingNewline):
                if leadingNewline { output.append(UInt8(ascii: "\n")) }
                for (index, table) in tables.enumerated() {
                    if edit.range.lowerBound > 0 || leadingNewline || index > 0 { output.append(UInt8(ascii: "\n")) }
                    appendTable(table, users: users, to: &output)
                }
            }
            cursor = edit.range.upperBound
        }
        output += bytes[cursor...]
        return output
    }

    /// After the last managed table present, else after `[access]`, else the end of the source.
    private func insertionPoint(document: TOMLDocument, present: [ManagedTables.Table: TOMLSection]) -> Int {
        if let last = present.values.max(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            return Self.ownedEnd(of: last, in: document.bytes)
        }
        if let access = document.sections(at: ["access"]).first {
            return Self.ownedEnd(of: access, in: document.bytes)
        }
        return document.bytes.count
    }

    /// Where a section's own text ends: its body plus the comment lines glued to it. The blank
    /// and comment lines from the first blank line on belong to what follows; with no blank line,
    /// comment lines running into the next header belong to that header, while those at the end
    /// of the file belong to the section.
    static func ownedEnd(of section: TOMLSection, in bytes: [UInt8]) -> Int {
        let end = section.range.upperBound
        var lineStart = section.bodyEnd
        while lineStart < end {
            var index = lineStart
            while index < end, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") || bytes[index] == UInt8(ascii: "\r") {
                index += 1
            }
            if index >= end || bytes[index] == UInt8(ascii: "\n") { return lineStart }
            while index < end, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            lineStart = min(index + 1, end)
        }
        return end < bytes.count ? section.bodyEnd : end
    }
}
