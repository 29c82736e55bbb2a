/// A TOML 1.0 value as ``TOMLDocument`` parses it.
///
/// Integers are 64-bit signed (TOML's range); date-times keep the form they were written in
/// (offset, local date-time, local date or local time, see ``TOMLDateTime``).
public enum TOMLValue: Sendable, Equatable {
    /// A basic, literal or multi-line string, escapes already resolved.
    case string(String)
    /// A decimal, hexadecimal, octal or binary integer.
    case integer(Int64)
    /// A float, including `inf` and `nan`.
    case float(Double)
    /// `true` or `false`.
    case boolean(Bool)
    /// An offset or local date-time, a local date or a local time.
    indirect case dateTime(TOMLDateTime)
    /// An array (TOML 1.0 allows mixed element types), or an array of tables.
    case array([TOMLValue])
    /// A table: `[header]`, dotted keys, an inline table or one element of `[[array]]`.
    case table(TOMLTable)

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is an integer.
    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The float, if this is a float.
    public var floatValue: Double? {
        if case .float(let value) = self { return value }
        return nil
    }

    /// The boolean, if this is a boolean.
    public var boolValue: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }

    /// The date-time, if this is a date-time of any form.
    public var dateTimeValue: TOMLDateTime? {
        if case .dateTime(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [TOMLValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The table, if this is a table.
    public var tableValue: TOMLTable? {
        if case .table(let value) = self { return value }
        return nil
    }

    /// A short name of the value's type for messages (`string`, `integer`, `table`, …).
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .dateTime: "date-time"
        case .array: "array"
        case .table: "table"
        }
    }
}
