extension TOMLDocument {
    /// Where the value at `path` is defined: its `[header]` for a table defined by one, else the
    /// key/value line that defines it (or the inline table or dotted key containing it), else the
    /// first header of a table nested in it.
    /// `nil` if nothing in the source defines it.
    public func location(of path: [String]) -> TOMLSourceLocation? {
        guard !path.isEmpty else { return nil }
        if let header = sections.first(where: { $0.path == path && !$0.headerRange.isEmpty }) {
            return location(ofOffset: header.headerRange.lowerBound + leadingSpaces(at: header.headerRange.lowerBound))
        }
        for section in sections where section.path.count < path.count && Array(path.prefix(section.path.count)) == section.path {
            let remainder = Array(path.dropFirst(section.path.count))
            for offset in section.entryOffsets {
                guard let key = keyPath(at: offset) else { continue }
                let shared = min(key.count, remainder.count)
                if Array(key.prefix(shared)) == Array(remainder.prefix(shared)) {
                    return location(ofOffset: offset)
                }
            }
        }
        if let nested = sections.first(where: { $0.path.starts(with: path) && !$0.headerRange.isEmpty }) {
            return location(ofOffset: nested.headerRange.lowerBound + leadingSpaces(at: nested.headerRange.lowerBound))
        }
        return nil
    }

    private func leadingSpaces(at offset: Int) -> Int {
        var count = 0
        while offset + count < bytes.count, bytes[offset + count] == UInt8(ascii: " ") || bytes[offset + count] == UInt8(ascii: "\t") {
            count += 1
        }
        return count
    }

    /// Re-reads the key of the entry starting at `offset`.
    func keyPath(at offset: Int) -> [String]? {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = TOMLParser(bytes: buffer)
            parser.pos = offset
            return try? parser.parseKeyPath()
        }
    }
}
