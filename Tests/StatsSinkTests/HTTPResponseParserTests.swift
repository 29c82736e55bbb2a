import Testing
@testable import StatsSink

struct HTTPResponseParserTests {
    let parser = HTTPResponseParser(maxBodyBytes: 64)

    func body(_ text: String, atEOF: Bool = true) throws(ScrapeError.Reason) -> String? {
        try parser.body(of: Array(text.utf8), atEOF: atEOF).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func framesBodies() throws {
        #expect(try body("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef", atEOF: false) == "abc")
        #expect(try body("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab", atEOF: false) == nil)
        #expect(try body("HTTP/1.0 200 OK\r\n\r\nuntil close") == "until close")
        #expect(try body("HTTP/1.0 200 OK\r\n\r\nmore to come", atEOF: false) == nil)
        #expect(try body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n") == "abc0123456789")
    }

    @Test(arguments: [
        ("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", ScrapeError.Reason.httpStatus(404)),
        ("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab", .closedEarly),
        ("", .closedEarly),
        ("HTTP/1.1 200 OK\r\nContent-Le", .malformedHTTP("the connection closed inside the headers")),
        ("SSH-2.0-OpenSSH\r\n\r\n", .malformedHTTP("invalid status line")),
        ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc", .malformedHTTP("invalid Content-Length")),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", .malformedHTTP("invalid Content-Length")),
        ("HTTP/1.1 200 OK\r\nno colon\r\n\r\n", .malformedHTTP("invalid header line")),
        ("HTTP/1.1 200 OK\r\nContent-Length: 65\r\n\r\n", .tooLarge(limit: 64)),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n", .malformedHTTP("invalid chunk size")),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", .malformedHTTP("chunk not followed by CRLF")),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n41\r\n", .tooLarge(limit: 64)),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", .closedEarly),
    ])
    func rejects(text: String, reason: ScrapeError.Reason) {
        #expect(throws: reason) { try body(text) }
    }

    @Test func boundsHeaders() {
        let long = "HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 70_000)
        #expect(throws: ScrapeError.Reason.malformedHTTP("headers longer than 64 KiB")) { try body(long, atEOF: false) }
    }
}
