/// A user (or `defaults:`) as written: only the fields present and valid.
struct PartialUser {
    var name: String
    /// Where the name (or the `defaults` key) is.
    var location: SourceLocation
    /// Where `secret:`'s value is, for the duplicate-secret error.
    var secretLocation: SourceLocation?
    /// The fields set, in file order: a short list (users set a few fields), small for 100k users.
    private var fields: [(field: UserField, value: FieldValue)] = []

    init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }

    /// The value of `field`, if the user set it.
    subscript(field: UserField) -> FieldValue? {
        fields.first { $0.field == field }?.value
    }

    /// Sets a field; the parser has already refused duplicate keys.
    mutating func set(_ field: UserField, to value: FieldValue) {
        fields.removeAll { $0.field == field }
        fields.append((field, value))
    }
}
