extension TOMLDocument {
    /// A document parsed with some `[header]` tables read by the strict capture reader: their
    /// tables in ``TOMLDocument/root`` are empty and their entries are in `tables`, one slot per
    /// requested path (`nil` where the source has no such header).
    struct Captured {
        /// The document, captured tables left empty.
        var document: TOMLDocument
        /// The captured tables, in the order of the requested paths.
        var tables: [TOMLCapturedTable?]
    }

    /// Parses `bytes` capturing the tables at `paths`, or returns `nil` if the source is too
    /// large, does not parse, or a captured table holds anything but the strict form; callers
    /// then use `init(parsing:maximumSize:)`, which gives the exact result or error.
    static func parse(_ bytes: [UInt8], capturing paths: [[String]]) -> Captured? {
        guard bytes.count <= defaultMaximumSize else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Captured? in
            var parser = TOMLParser(bytes: buffer)
            parser.capturePaths = paths
            parser.captures = Array(repeating: nil, count: paths.count)
            guard let (root, sections) = try? parser.parseDocument(), !parser.captureAbandoned else { return nil }
            return Captured(document: TOMLDocument(root: root, sections: sections, bytes: bytes), tables: parser.captures)
        }
    }
}
