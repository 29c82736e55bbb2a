extension ConfigRenderer {
    /// `users` sorted by name in UTF-8 byte order (``TOMLEncoding/precedesInByteOrder(_:_:)``).
    ///
    /// Sorts small keys instead of the users: the first 16 bytes of each name, zero-padded, as two
    /// big-endian integers. Zero-padded prefixes order like the names except on ties (a name and
    /// one it prefixes up to zero bytes, or a first difference past byte 16), which fall back to
    /// the full byte comparison, so the order is exactly the byte order.
    static func sortedByName(_ users: [TelemtUser]) -> [TelemtUser] {
        // Users from a desired state already come in this order (valid names are ASCII, where
        // String order is byte order): one pass instead of a sort.
        let sorted = zip(users, users.dropFirst()).allSatisfy { TOMLEncoding.precedesInByteOrder($0.name, $1.name) }
        if sorted { return users }
        struct Key {
            var high: UInt64
            var low: UInt64
            var index: Int
        }
        var keys: [Key] = []
        keys.reserveCapacity(users.count)
        for (index, user) in users.enumerated() {
            var high: UInt64 = 0
            var low: UInt64 = 0
            var position = 0
            for byte in user.name.utf8 {
                if position < 8 {
                    high |= UInt64(byte) << (56 - 8 * position)
                } else if position < 16 {
                    low |= UInt64(byte) << (56 - 8 * (position - 8))
                } else {
                    break
                }
                position += 1
            }
            keys.append(Key(high: high, low: low, index: index))
        }
        keys.sort { lhs, rhs in
            if lhs.high != rhs.high { return lhs.high < rhs.high }
            if lhs.low != rhs.low { return lhs.low < rhs.low }
            return TOMLEncoding.precedesInByteOrder(users[lhs.index].name, users[rhs.index].name)
        }
        return keys.map { users[$0.index] }
    }
}
