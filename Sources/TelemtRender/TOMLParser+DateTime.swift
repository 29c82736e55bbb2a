extension TOMLParser {
    /// An offset/local date-time, local date or local time starting at `pos`.
    mutating func parseDateTime() throws(TOMLParseError) -> TOMLDateTime {
        let start = pos
        var result = TOMLDateTime()
        if pos + 4 < bytes.count, bytes[pos + 4] == UInt8(ascii: "-") {
            let year = try fixedDigits(4, start: start)
            try expect(UInt8(ascii: "-"), start: start)
            let month = try fixedDigits(2, start: start)
            try expect(UInt8(ascii: "-"), start: start)
            let day = try fixedDigits(2, start: start)
            guard (1...12).contains(month), (1...TOMLDateTime.daysInMonth(year: year, month: month)).contains(day) else {
                throw dateError(start, "the date \(string(start..<pos)) does not exist")
            }
            (result.year, result.month, result.day) = (year, month, day)
            guard hasTimeAfterDate() else { return try finishDateTime(result, start: start) }
            pos += 1
        }
        try parseTime(into: &result, start: start)
        if result.year != nil { try parseOffset(into: &result, start: start) }
        return try finishDateTime(result, start: start)
    }

    private func hasTimeAfterDate() -> Bool {
        guard pos < bytes.count else { return false }
        let separator = bytes[pos]
        if separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") { return true }
        return separator == UInt8(ascii: " ") && pos + 3 < bytes.count
            && Self.isDigit(bytes[pos + 1]) && Self.isDigit(bytes[pos + 2]) && bytes[pos + 3] == UInt8(ascii: ":")
    }

    private mutating func parseTime(into result: inout TOMLDateTime, start: Int) throws(TOMLParseError) {
        let hour = try fixedDigits(2, start: start)
        try expect(UInt8(ascii: ":"), start: start)
        let minute = try fixedDigits(2, start: start)
        try expect(UInt8(ascii: ":"), start: start)
        let second = try fixedDigits(2, start: start)
        guard hour < 24, minute < 60, second <= 60 else {
            throw dateError(start, "the time in \(string(start..<pos)) does not exist")
        }
        (result.hour, result.minute, result.second) = (hour, minute, second)
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: ".") else { return }
        pos += 1
        var nanos = 0
        var count = 0
        while pos < bytes.count, Self.isDigit(bytes[pos]) {
            if count < 9 { nanos = nanos * 10 + Int(bytes[pos] - UInt8(ascii: "0")) }
            count += 1
            pos += 1
        }
        guard count > 0 else { throw dateError(start, "fractional seconds need at least one digit") }
        for _ in count..<max(count, 9) { nanos *= 10 }
        result.nanosecond = nanos
    }

    private mutating func parseOffset(into result: inout TOMLDateTime, start: Int) throws(TOMLParseError) {
        guard pos < bytes.count else { return }
        switch bytes[pos] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            pos += 1
            result.offsetMinutes = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = bytes[pos] == UInt8(ascii: "-") ? -1 : 1
            pos += 1
            let hours = try fixedDigits(2, start: start)
            try expect(UInt8(ascii: ":"), start: start)
            let minutes = try fixedDigits(2, start: start)
            guard hours < 24, minutes < 60 else { throw dateError(start, "the UTC offset is out of range") }
            result.offsetMinutes = sign * (hours * 60 + minutes)
        default:
            break
        }
    }

    private func finishDateTime(_ result: TOMLDateTime, start: Int) throws(TOMLParseError) -> TOMLDateTime {
        if pos < bytes.count, Self.isTokenByte(bytes[pos]) {
            throw dateError(start, "unexpected \(describeByte(at: pos)) in a date-time")
        }
        return result
    }

    private mutating func fixedDigits(_ count: Int, start: Int) throws(TOMLParseError) -> Int {
        var value = 0
        for _ in 0..<count {
            guard pos < bytes.count, Self.isDigit(bytes[pos]) else {
                throw dateError(start, "expected a digit, found \(describeByte(at: pos))")
            }
            value = value * 10 + Int(bytes[pos] - UInt8(ascii: "0"))
            pos += 1
        }
        return value
    }

    private mutating func expect(_ byte: UInt8, start: Int) throws(TOMLParseError) {
        guard pos < bytes.count, bytes[pos] == byte else {
            throw dateError(start, "expected '\(Character(Unicode.Scalar(byte)))', found \(describeByte(at: pos))")
        }
        pos += 1
    }

    private func dateError(_ start: Int, _ message: String) -> TOMLParseError {
        error(.invalidDateTime, at: start, message,
              "write RFC 3339: 2027-01-01T20:59:59Z, 2027-01-01T23:59:59+03:00, 2027-01-01 or 07:32:00")
    }
}
