/// The keys of one mapping seen so far, for duplicate-key errors: a short list for the small mappings of
/// fields, a dictionary once a mapping grows (the user map), so that neither case is slow.
struct SeenKeys {
    private var small: [(key: String, location: SourceLocation)] = []
    private var large: [String: SourceLocation]?

    /// Records `key`; returns where it was first defined if it is a duplicate.
    mutating func insert(_ key: String, at location: SourceLocation) -> SourceLocation? {
        if large != nil {
            if let first = large?[key] { return first }
            large?[key] = location
            return nil
        }
        if let first = small.first(where: { $0.key == key }) { return first.location }
        small.append((key, location))
        if small.count > 16 {
            large = Dictionary(small, uniquingKeysWith: { first, _ in first })
            small = []
        }
        return nil
    }

    /// Where `key` was defined, if it was.
    func location(of key: String) -> SourceLocation? {
        if let large { return large[key] }
        return small.first { $0.key == key }?.location
    }
}
