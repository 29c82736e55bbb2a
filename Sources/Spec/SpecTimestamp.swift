public import Foundation

/// RFC 3339 timestamps as options take them (`render --now`), read by the same rules as `expire:`
/// and refused with the same explanations.
public enum SpecTimestamp {
    /// Why a text is not a timestamp, and what to write instead.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong.
        public var message: String
        /// What to write instead.
        public var hint: String

        /// `message (hint)`.
        public var description: String { "\(message) (\(hint))" }
    }

    /// The instant `text` names: a full RFC 3339 timestamp with an offset, such as `2027-01-01T00:00:00Z`.
    public static func instant(_ text: String) throws(Problem) -> Date {
        let value: ExpiryValue
        do {
            value = try ExpiryValue(parsing: text)
        } catch {
            throw Problem(message: error.message, hint: error.hint ?? "write it like `2027-01-01T00:00:00Z`")
        }
        switch value {
        case .instant(let date):
            return date
        case .endOfDay:
            throw Problem(message: "`\(text.clipped)` is a date without a time",
                          hint: "write a timestamp like `\(text.trimmingSpaces)T00:00:00Z`")
        }
    }
}
