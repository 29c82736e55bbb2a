extension ConfigRenderer {
    private struct Edit {
        var range: Range<Int>
        var replacement: [UInt8]
    }

    /// The template with managed tables replaced in place and missing ones inserted.
    func splice(document: TOMLDocument, present: [ManagedTables.Table: TOMLSection], users: [TelemtUser]) -> [UInt8] {
        let bytes = document.bytes
        var edits: [Edit] = present.map { table, section in
            Edit(range: section.range.lowerBound..<Self.ownedEnd(of: section, in: bytes),
                 replacement: tableText(table, users: users))
        }
        let missing = ManagedTables.Table.allCases.filter { present[$0] == nil }
        if !missing.isEmpty {
            let point = insertionPoint(document: document, present: present)
            var text: [UInt8] = present.isEmpty && point == bytes.count && !bytes.isEmpty && bytes.last != UInt8(ascii: "\n") ? [UInt8(ascii: "\n")] : []
            for table in missing {
                if point > 0 || !text.isEmpty || table != missing[0] { text.append(UInt8(ascii: "\n")) }
                text += tableText(table, users: users)
            }
            edits.append(Edit(range: point..<point, replacement: text))
        }
        edits.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + edits.reduce(0) { $0 + $1.replacement.count })
        var cursor = 0
        for edit in edits {
            output += bytes[cursor..<edit.range.lowerBound]
            output += edit.replacement
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
