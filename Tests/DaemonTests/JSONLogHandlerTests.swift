import Daemon
import Foundation
import Logging
import Testing

/// `--log-format json`: one JSON object per line, the message and level as fields, metadata as
/// strings (the logger's and the call's, the call's winning).
struct JSONLogHandlerTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    @Test func aLineIsOneJSONObjectWithMetadataAsFields() throws {
        let lines = Lines()
        var logger = Logger(label: "telemt-gitops") { JSONLogHandler(label: $0, write: lines.append) }
        logger[metadataKey: "node"] = "eu-1"
        logger[metadataKey: "commit"] = "0000"
        logger.warning("tick failed; \"quoted\"\nsecond line", metadata: ["commit": "3f2a9c1e", "user": "alice"])
        logger.debug("not at info")
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(!line.contains("\n"), "one line per entry")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["message"] == "tick failed; \"quoted\"\nsecond line")
        #expect(object["level"] == "warning" && object["node"] == "eu-1" && object["commit"] == "3f2a9c1e" && object["user"] == "alice")
        #expect(object["logger"] == "telemt-gitops" && object["time"].map { ISO8601DateFormatter.fractional.date(from: $0) != nil } == true)
    }
}

extension ISO8601DateFormatter {
    static var fractional: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
