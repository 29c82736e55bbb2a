public import Foundation

/// The time zone names users.yaml and `usage --timezone` accept: IANA names (`Europe/Moscow`,
/// `Etc/GMT-3`) and `UTC`. Offsets written as zones (`UTC+3`, `GMT+03:00`) are refused, because
/// Foundation reads some of them and not others, and the `Etc/GMT` names invert the sign.
public enum TimeZoneName {
    /// Why `identifier` is not accepted, with what to write instead; `nil` when it is accepted.
    public static func problem(with identifier: String) -> (message: String, hint: String)? {
        if let offset = offsetHours(identifier) {
            let etc = offset == 0 ? "UTC" : "Etc/GMT\(offset > 0 ? "-" : "+")\(abs(offset))"
            let example = offset == 3 ? "`Europe/Moscow`" : "`Europe/Moscow` for UTC+3"
            return ("`\(identifier.clipped)` is an offset, not an IANA time zone name",
                    "write the zone's name, such as \(example), or `\(etc)` for a fixed offset; "
                        + "the sign of Etc/GMT names is inverted: `Etc/GMT-3` is 3 hours ahead of UTC")
        }
        guard TimeZone(identifier: identifier) != nil else {
            let hint = Suggestion.closest(to: identifier, among: known).map { "did you mean `\($0)`?" }
                ?? "use an IANA name such as `Europe/Moscow` or `UTC`"
            return ("unknown time zone `\(identifier.clipped)`", hint)
        }
        return nil
    }

    /// The zone `identifier` names, when ``problem(with:)`` finds nothing wrong with it.
    public static func zone(_ identifier: String) -> TimeZone? {
        problem(with: identifier) == nil ? TimeZone(identifier: identifier) : nil
    }

    private static var known: [String] { TimeZone.knownTimeZoneIdentifiers + ["UTC"] }

    /// The whole hours of `UTC+3`, `GMT-03:00`, `UTC+0300`, `utc+3` and the like; `nil` for anything else.
    static func offsetHours(_ identifier: String) -> Int? {
        let upper = identifier.uppercased()
        guard upper.hasPrefix("UTC") || upper.hasPrefix("GMT"), upper.count > 4 else { return nil }
        let rest = upper.dropFirst(3)
        guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
        let digits = rest.dropFirst().prefix { $0.isNumber }
        let tail = rest.dropFirst(1 + digits.count)
        guard (1...4).contains(digits.count), tail.isEmpty || tail.first == ":",
              let value = Int(digits.count > 2 ? String(digits.prefix(digits.count - 2)) : String(digits))
        else { return nil }
        return sign == "-" ? -value : value
    }
}
