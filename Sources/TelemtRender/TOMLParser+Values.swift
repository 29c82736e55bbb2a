extension TOMLParser {
    /// Any value at `pos`.
    mutating func parseValue() throws(TOMLParseError) -> TOMLTableBuilder.Node {
        guard pos < bytes.count else {
            throw error(.expectedValue, at: pos, "expected a value after '='", "write a value, e.g. \"text\", 1 or true")
        }
        try charge(container: bytes[pos] == UInt8(ascii: "["), at: pos)
        switch bytes[pos] {
        case UInt8(ascii: "\""):
            return .value(.string(startsWith(#"""""#) ? try parseMultilineBasicString() : try parseBasicString()))
        case UInt8(ascii: "'"):
            return .value(.string(startsWith("'''") ? try parseMultilineLiteralString() : try parseLiteralString()))
        case UInt8(ascii: "t") where startsWith("true"):
            pos += 4
            return .value(.boolean(true))
        case UInt8(ascii: "f") where startsWith("false"):
            pos += 5
            return .value(.boolean(false))
        case UInt8(ascii: "["):
            return try parseArray()
        case UInt8(ascii: "{"):
            return try parseInlineTable()
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "i"), UInt8(ascii: "n"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .value(try parseNumberOrDate())
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "#"):
            throw error(.expectedValue, at: pos, "expected a value after '='", "write a value on the same line as its key")
        default:
            throw error(.expectedValue, at: pos, "expected a value, found \(describeByte(at: pos))",
                        "quote strings: key = \"text\"")
        }
    }

    private mutating func enterNesting() throws(TOMLParseError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw error(.tooDeeplyNested, at: pos, "arrays and inline tables are nested more than \(Self.maximumDepth) deep",
                        "flatten the value")
        }
    }

    private mutating func parseArray() throws(TOMLParseError) -> TOMLTableBuilder.Node {
        let open = pos
        try enterNesting()
        pos += 1
        var elements: [TOMLTableBuilder.Node] = []
        while true {
            try skipTrivia()
            guard pos < bytes.count else {
                throw error(.unterminatedArray, at: open, "array is not closed", "add the closing ]")
            }
            if bytes[pos] == UInt8(ascii: "]") { break }
            elements.append(try parseValue())
            try skipTrivia()
            guard pos < bytes.count else {
                throw error(.unterminatedArray, at: open, "array is not closed", "add the closing ]")
            }
            if bytes[pos] == UInt8(ascii: ",") {
                pos += 1
            } else if bytes[pos] != UInt8(ascii: "]") {
                throw error(.unterminatedArray, at: pos, "expected ',' or ']' in the array, found \(describeByte(at: pos))",
                            "separate array elements with commas")
            }
        }
        pos += 1
        depth -= 1
        return .array(elements)
    }

    private mutating func parseInlineTable() throws(TOMLParseError) -> TOMLTableBuilder.Node {
        let open = pos
        try enterNesting()
        pos += 1
        let scope = nextInlineScope
        nextInlineScope -= 1
        let table = builder.newTable(origin: .dotted, scope: scope)
        skipSpaces()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
            return closeInlineTable(table)
        }
        while true {
            try parseInlineEntry(into: table, scope: scope, open: open)
            skipSpaces()
            guard pos < bytes.count else {
                throw error(.unterminatedInlineTable, at: open, "inline table is not closed", "add the closing } on the same line")
            }
            switch bytes[pos] {
            case UInt8(ascii: "}"):
                return closeInlineTable(table)
            case UInt8(ascii: ","):
                pos += 1
                skipSpaces()
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
                    throw error(.trailingCommaInInlineTable, at: pos, "trailing comma in an inline table",
                                "remove the comma before }")
                }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw error(.newlineInInlineTable, at: pos, "inline tables must be on one line",
                            "put the inline table on one line, or use a [table]")
            default:
                throw error(.unterminatedInlineTable, at: pos, "expected ',' or '}' in the inline table, found \(describeByte(at: pos))",
                            "separate entries with commas")
            }
        }
    }

    private mutating func parseInlineEntry(into table: Int, scope: Int, open: Int) throws(TOMLParseError) {
        guard pos < bytes.count, bytes[pos] != UInt8(ascii: "\n"), bytes[pos] != UInt8(ascii: "\r") else {
            throw error(.newlineInInlineTable, at: pos, "inline tables must be on one line",
                        "put the inline table on one line, or use a [table]")
        }
        let start = pos
        let path = try parseKeyPath()
        skipSpaces()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "=") else {
            throw error(.expectedEquals, at: pos, "expected '=' after the key", "write key = value")
        }
        pos += 1
        skipSpaces()
        let node = try parseValue()
        do {
            try builder.insert(path, node, into: table, scope: scope)
        } catch {
            throw self.error(error.code, at: start, error.message, error.hint)
        }
        try checkContainers(at: start)
    }

    private mutating func closeInlineTable(_ table: Int) -> TOMLTableBuilder.Node {
        pos += 1
        depth -= 1
        builder.freeze(table)
        return .table(table)
    }
}
