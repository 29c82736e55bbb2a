/// The keys of one mapping seen so far, for duplicate-key errors: a short list for the small mappings of
/// fields, a dictionary once a mapping grows (the user map), so that neither case is slow.
struct SeenKeys {
    /// A 1-based line and column, without the file (the same for every key of a mapping).
    private struct Mark {
        var line: Int32
        var column: Int32
    }

    private let file: String
    private let capacityHint: Int
    private var small: [(key: String, mark: Mark)] = []
    private var large: [String: Mark]?

    /// `capacityHint` sizes the dictionary once the mapping outgrows the list (for example the expected users).
    init(file: String, capacityHint: Int = 64) {
        self.file = file
        self.capacityHint = capacityHint
    }

    /// Records `key`; returns where it was first defined if it is a duplicate.
    mutating func insert(_ key: String, at location: SourceLocation) -> SourceLocation? {
        let mark = Mark(line: Int32(clamping: location.line), column: Int32(clamping: location.column))
        if large != nil {
            if let first = large?.updateValue(mark, forKey: key) {
                large?[key] = first
                return self.location(first)
            }
            return nil
        }
        if let first = small.first(where: { $0.key == key }) { return self.location(first.mark) }
        small.append((key, mark))
        if small.count > 16 {
            var dictionary = [String: Mark](minimumCapacity: max(capacityHint, 64))
            for (key, mark) in small { dictionary[key] = mark }
            large = dictionary
            small = []
        }
        return nil
    }

    /// Where `key` was defined, if it was.
    func location(of key: String) -> SourceLocation? {
        let mark = large.map { $0[key] } ?? small.first { $0.key == key }?.mark
        return mark.map(location)
    }

    private func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line), column: Int(mark.column))
    }
}
