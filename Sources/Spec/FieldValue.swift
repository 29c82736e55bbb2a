/// A user field's value after its text was checked against the field's ``SpecFieldKind``.
enum FieldValue: Equatable {
    case integer(Int)
    case text(String)
    case boolean(Bool)
    case limit(DataLimit)
    case expiry(ExpiryValue)
    case duration(SpecDuration)

    var integer: Int? { if case .integer(let value) = self { value } else { nil } }
    var text: String? { if case .text(let value) = self { value } else { nil } }
    var boolean: Bool? { if case .boolean(let value) = self { value } else { nil } }
    var limit: DataLimit? { if case .limit(let value) = self { value } else { nil } }
    var expiry: ExpiryValue? { if case .expiry(let value) = self { value } else { nil } }
    var duration: SpecDuration? { if case .duration(let value) = self { value } else { nil } }
}
