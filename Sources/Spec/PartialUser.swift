/// A user (or `defaults:`) as written: only the fields present and valid.
///
/// Each field has its own optional property rather than a list of tagged values: a user is read and resolved
/// without a heap allocation per user or a search per field, which matters at 100,000 users.
struct PartialUser {
    var name: String
    /// Where the name (or the `defaults` key) is.
    var location: SourceLocation
    /// Where `secret:`'s value is, for the duplicate-secret error.
    var secretLocation: SourceLocation?
    var dataLimit: DataLimit?
    var reset: ResetPeriod?
    var maxConnections: Int?
    var maxUniqueIPs: Int?
    var expire: ExpiryValue?
    var note: String?
    var disabled: Bool?
    var rotate: Int?
    var secret: String?
    var onHold: SpecDuration?
    /// `plan:`, `nodes:` and `replicas:` at their values' locations (cross-references are checked after merging).
    var plan: ParsedDocument.Located<String>?
    var nodes: ParsedDocument.Located<ParsedPlacement>?
    var replicas: ParsedDocument.Located<Int>?

    init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }

    /// Whether the user sets the end of their access (`expire` or `on_hold`).
    var setsEnd: Bool { expire != nil || onHold != nil }

    /// Sets a field from its converted value; a value of another kind than the field's is ignored
    /// (``SpecFieldKind/convert(_:)`` returns the field's kind).
    mutating func set(_ field: UserField, to value: FieldValue, at location: SourceLocation) {
        switch field {
        case .dataLimit: dataLimit = value.limit
        case .reset: reset = value.text.flatMap(ResetPeriod.init(rawValue:))
        case .maxConnections: maxConnections = value.integer
        case .maxUniqueIPs: maxUniqueIPs = value.integer
        case .expire: expire = value.expiry
        case .note: note = value.text
        case .disabled: disabled = value.boolean
        case .rotate: rotate = value.integer
        case .secret: secret = value.text
        case .onHold: onHold = value.duration
        case .plan: plan = value.text.map { ParsedDocument.Located(value: $0, location: location) }
        case .replicas: replicas = value.integer.map { ParsedDocument.Located(value: $0, location: location) }
        case .nodes: break  // not a scalar: read by the parser into `nodes`
        }
    }
}
