/// Strict fast reading of chosen `[header]` tables (see ``TOMLCapturedTable``).
///
/// Why the result is still a proof that the source is valid TOML: the capture reader accepts a
/// subset of what ``parseKeyValue(into:scope:)`` accepts (single simple keys, scalar values), ends
/// each line with the same ``consumeLineEnd()``, and everything outside captured tables goes
/// through the general parser unchanged. What the general parser would additionally check for
/// these entries is done here: duplicate keys (by sorting, see ``finishCaptures()``), and that
/// nothing else defines keys inside a captured table (a later `[header.sub]` or dotted key would
/// add entries to the builder's table, which abandons the capture). Keys with non-ASCII bytes are
/// refused, so comparing bytes is the same as comparing Swift strings.
extension TOMLParser {
    /// The capture slot for the section just opened, if its header is one to capture.
    func captureSlot(for section: TOMLSection) -> Int? {
        guard !section.isArrayElement else { return nil }
        return capturePaths.firstIndex(of: section.path)
    }

    /// Reads the body of a captured table up to the next header or the end. Returns the start of
    /// the line where it stopped; sets ``captureAbandoned`` at the first entry it cannot read strictly.
    mutating func captureBody(slot: Int, table: Int) throws(TOMLParseError) -> Int {
        var captured = TOMLCapturedTable(builderTable: table)
        let scope = sections.count - 1
        var lineStart = pos
        while true {
            skipSpaces()
            guard pos < bytes.count else { break }
            switch bytes[pos] {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "#"):
                try consumeLineEnd()
            case UInt8(ascii: "["):
                captures[slot] = captured
                return lineStart
            default:
                let start = pos
                guard let entry = strictEntry() else {
                    captureAbandoned = true
                    return lineStart
                }
                try consumeLineEnd()
                sections[scope].bodyEnd = pos
                sections[scope].entryOffsets.append(start)
                captured.entries.append(entry)
            }
            lineStart = pos
        }
        captures[slot] = captured
        return lineStart
    }

    /// `key = value` in the strict form, or `nil`.
    private mutating func strictEntry() -> TOMLCapturedTable.Entry? {
        guard let key = strictKey() else { return nil }
        skipSpaces()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "=") else { return nil }
        pos += 1
        skipSpaces()
        guard let value = strictValue() else { return nil }
        return TOMLCapturedTable.Entry(key: key, value: value)
    }

    private mutating func strictKey() -> Range<Int>? {
        let quote = bytes[pos]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            let start = pos
            while pos < bytes.count, TOMLEncoding.isBareKeyByte(bytes[pos]) { pos += 1 }
            return pos > start ? start..<pos : nil
        }
        pos += 1
        let start = pos
        while pos < bytes.count, bytes[pos] != quote {
            let byte = bytes[pos]
            guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
            pos += 1
        }
        guard pos < bytes.count, pos > start else { return nil }
        pos += 1
        return start..<(pos - 1)
    }

    private mutating func strictValue() -> TOMLCapturedTable.Value? {
        guard pos < bytes.count else { return nil }
        switch bytes[pos] {
        case UInt8(ascii: "\""):
            return strictString()
        case UInt8(ascii: "t") where startsWith("true"):
            pos += 4
            return endsToken() ? .boolean(true) : nil
        case UInt8(ascii: "f") where startsWith("false"):
            pos += 5
            return endsToken() ? .boolean(false) : nil
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return strictInteger()
        default:
            return nil
        }
    }

    private mutating func strictString() -> TOMLCapturedTable.Value? {
        pos += 1
        let start = pos
        while pos < bytes.count {
            let byte = bytes[pos]
            if byte == UInt8(ascii: "\"") {
                // `""` followed by a third quote opens a multi-line string.
                if pos == start, pos + 1 < bytes.count, bytes[pos + 1] == UInt8(ascii: "\"") { return nil }
                pos += 1
                return .string(start..<(pos - 1))
            }
            guard byte >= 0x20, byte != 0x7F, byte != UInt8(ascii: "\\") else { return nil }
            pos += 1
        }
        return nil
    }

    private mutating func strictInteger() -> TOMLCapturedTable.Value? {
        let start = pos
        var value: Int64 = 0
        while pos < bytes.count, Self.isDigit(bytes[pos]), pos - start < 18 {
            value = value * 10 + Int64(bytes[pos] - UInt8(ascii: "0"))
            pos += 1
        }
        guard endsToken(), pos - start == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        return .integer(value)
    }

    /// `true` if no number, date or key byte follows (so the general parser would end the token here).
    private func endsToken() -> Bool {
        pos >= bytes.count || !Self.isTokenByte(bytes[pos])
    }

    /// After the whole document: sorts each capture by key, and abandons the capture if a key is
    /// duplicated or if anything was added to a captured table through the general parser.
    mutating func finishCaptures() {
        for slot in captures.indices {
            guard var captured = captures[slot] else { continue }
            captures[slot] = nil
            if !builder.isEmpty(captured.builderTable) || !Self.sortUnique(&captured.entries, in: bytes) {
                captureAbandoned = true
                return
            }
            captures[slot] = captured
        }
    }

    /// Sorts entries by key bytes; `false` if two keys are equal.
    static func sortUnique(_ entries: inout [TOMLCapturedTable.Entry], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func order(_ lhs: Range<Int>, _ rhs: Range<Int>) -> Int {
            TOMLEncoding.compareBytes(bytes, lhs, rhs)
        }
        var sorted = true
        for index in entries.indices.dropFirst() where order(entries[index - 1].key, entries[index].key) >= 0 {
            sorted = false
            break
        }
        if sorted { return true }
        entries.sort { order($0.key, $1.key) < 0 }
        for index in entries.indices.dropFirst() where order(entries[index - 1].key, entries[index].key) == 0 {
            return false
        }
        return true
    }
}
