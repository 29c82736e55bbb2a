/// Reads an HTTP/1.x response as it arrives: status line, headers, then a body framed by
/// `Content-Length`, `Transfer-Encoding: chunked`, or the end of the connection. Bounded.
struct HTTPResponseParser {
    static let maxHeaderBytes = 64 << 10
    let maxBodyBytes: Int

    private enum Framing {
        case length(Int)
        case chunked
        case untilClose
    }

    /// The body when the response is complete, `nil` when more bytes are needed.
    /// Throws for a non-200 status, malformed framing, an oversized body, or an early close.
    func body(of data: [UInt8], atEOF: Bool) throws(ScrapeError.Reason) -> [UInt8]? {
        guard let headerEnd = Self.find([13, 10, 13, 10], in: data, limit: Self.maxHeaderBytes + 4) else {
            if data.count > Self.maxHeaderBytes { throw .malformedHTTP("headers longer than 64 KiB") }
            if atEOF { throw data.isEmpty ? .closedEarly : .malformedHTTP("the connection closed inside the headers") }
            return nil
        }
        let framing = try headers(String(decoding: data[..<headerEnd], as: UTF8.self))
        let bodyStart = headerEnd + 4
        switch framing {
        case .length(let length):
            guard length <= maxBodyBytes else { throw .tooLarge(limit: maxBodyBytes) }
            if data.count - bodyStart >= length { return Array(data[bodyStart..<bodyStart + length]) }
            if atEOF { throw .closedEarly }
            return nil
        case .untilClose:
            guard data.count - bodyStart <= maxBodyBytes else { throw .tooLarge(limit: maxBodyBytes) }
            return atEOF ? Array(data[bodyStart...]) : nil
        case .chunked:
            guard atEOF || data.suffix(4).elementsEqual([13, 10, 13, 10]) else { return nil }
            if let body = try dechunk(data, from: bodyStart) { return body }
            if atEOF { throw .closedEarly }
            return nil
        }
    }

    private func headers(_ text: String) throws(ScrapeError.Reason) -> Framing {
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        let status = lines[0].split(separator: " ", maxSplits: 2)
        guard status.count >= 2, status[0].hasPrefix("HTTP/1."), status[1].count == 3, let code = Int(status[1]) else {
            throw .malformedHTTP("invalid status line")
        }
        var length: Int?
        var chunked = false
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw .malformedHTTP("invalid header line") }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces
            if name == "transfer-encoding" {
                chunked = value.lowercased().contains("chunked")
            } else if name == "content-length" {
                guard let parsed = Int(value), parsed >= 0, length == nil || length == parsed else {
                    throw .malformedHTTP("invalid Content-Length")
                }
                length = parsed
            }
        }
        guard code == 200 else { throw .httpStatus(code) }
        if chunked { return .chunked }
        return length.map(Framing.length) ?? .untilClose
    }

    /// Decodes a chunked body; `nil` when it is not complete yet.
    private func dechunk(_ data: [UInt8], from start: Int) throws(ScrapeError.Reason) -> [UInt8]? {
        var body: [UInt8] = []
        var index = start
        while true {
            guard let lineEnd = Self.find([13, 10], in: data, from: index, limit: 1_024) else {
                if data.count - index > 1_024 { throw .malformedHTTP("invalid chunk size line") }
                return nil
            }
            let sizeText = String(decoding: data[index..<lineEnd], as: UTF8.self).prefix { $0 != ";" }.trimmingSpaces
            guard !sizeText.isEmpty, sizeText.count <= 16, let size = Int(sizeText, radix: 16) else {
                throw .malformedHTTP("invalid chunk size")
            }
            index = lineEnd + 2
            if size == 0 { return body }
            guard body.count + size <= maxBodyBytes else { throw .tooLarge(limit: maxBodyBytes) }
            guard data.count >= index + size + 2 else { return nil }
            guard data[index + size] == 13, data[index + size + 1] == 10 else { throw .malformedHTTP("chunk not followed by CRLF") }
            body.append(contentsOf: data[index..<index + size])
            index += size + 2
        }
    }

    /// The index of `needle` in `data` at or after `from`, looking no further than `limit` bytes.
    static func find(_ needle: [UInt8], in data: [UInt8], from: Int = 0, limit: Int) -> Int? {
        let last = min(data.count, from + limit) - needle.count
        guard last >= from else { return nil }
        for index in from...last where data[index] == needle[0] {
            if data[index..<index + needle.count].elementsEqual(needle) { return index }
        }
        return nil
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
