/// Finds the entries of an earlier list by name while walking a later one that is mostly in the same
/// order (the applied users against the desired ones): a position check first, a dictionary (built
/// on the first miss) only where the lists differ. At 100,000 users it saves hashing every name.
struct AlignedLookup<Entry> {
    private let entries: [Entry]
    private let name: (Entry) -> String
    private var index: [String: Int]?
    private var offset = 0

    init(_ entries: [Entry], name: @escaping (Entry) -> String) {
        self.entries = entries
        self.name = name
    }

    /// The entry named `key`, expected near `position` of the later list.
    mutating func find(_ key: String, near position: Int) -> Entry? {
        let guess = position + offset
        if guess >= 0, guess < entries.count, name(entries[guess]) == key { return entries[guess] }
        if index == nil {
            index = Dictionary(entries.enumerated().map { (name($0.element), $0.offset) }, uniquingKeysWith: { first, _ in first })
        }
        guard let found = index?[key] else { return nil }
        offset = found - position
        return entries[found]
    }
}
