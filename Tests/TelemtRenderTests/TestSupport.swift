import Foundation
import TelemtRender

/// Shared fixtures for the TelemtRender tests.
enum TestSupport {
    /// A file under `Golden/` (a copy of the resource bundle's folder).
    static func golden(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Golden", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
    }

    /// Writes a golden file into the source tree (when `UPDATE_GOLDEN=1`).
    static func updateGolden(_ name: String, _ text: String, filePath: String = #filePath) throws {
        let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
    }

    static var shouldUpdateGolden: Bool {
        ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
    }

    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text) ?? Date(timeIntervalSince1970: 0)
    }

    static func secret(_ seed: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<32).map { digits[($0 * 7 + seed * 13 + $0 * seed) % 16] })
    }

    /// Nine users covering every field, disabled users, dotted and odd names and expirations.
    static let users: [TelemtUser] = [
        TelemtUser(name: "alice", secret: secret(1), maxTCPConnections: 8, maxUniqueIPs: 3,
                   expiration: date("2027-01-01T20:59:59Z"), dataQuota: 107_374_182_400),
        TelemtUser(name: "bob", secret: secret(2), enabled: false),
        TelemtUser(name: "carol.smith", secret: secret(3), maxTCPConnections: 2),
        TelemtUser(name: "dave", secret: secret(4), maxUniqueIPs: 0, expiration: date("2026-03-31T21:00:00Z")),
        TelemtUser(name: "erin-2", secret: secret(5), enabled: false, expiration: date("2025-12-31T23:59:59Z"),
                   dataQuota: 53_687_091_200),
        TelemtUser(name: "Frank_Ops", secret: secret(6), maxTCPConnections: 100, maxUniqueIPs: 16),
        TelemtUser(name: "1979-05-27", secret: secret(7)),
        TelemtUser(name: "true", secret: secret(8), enabled: false, maxTCPConnections: 0),
        TelemtUser(name: "..", secret: secret(9), dataQuota: 1),
    ]
}
