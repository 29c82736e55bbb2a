extension UserField {
    /// The field whose key is `key`; the same answer as `init(rawValue:)`, but one length test and at most
    /// one comparison instead of a search through every key (this runs for every key of every user).
    init?(key: String) {
        let candidate: UserField
        switch key.utf8.count {
        case 4: candidate = key.utf8.first == UInt8(ascii: "p") ? .plan : .note
        case 5: candidate = key.utf8.first == UInt8(ascii: "n") ? .nodes : .reset
        case 6:
            switch key.utf8.first {
            case UInt8(ascii: "e"): candidate = .expire
            case UInt8(ascii: "r"): candidate = .rotate
            default: candidate = .secret
            }
        case 7: candidate = .onHold
        case 8: candidate = key.utf8.first == UInt8(ascii: "r") ? .replicas : .disabled
        case 10: candidate = .dataLimit
        case 14: candidate = .maxUniqueIPs
        case 15: candidate = .maxConnections
        default: return nil
        }
        guard key == candidate.rawValue else { return nil }
        self = candidate
    }
}
