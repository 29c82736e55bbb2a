import Foundation

/// Paths and helpers shared by the tests.
enum Fixtures {
    /// The repository root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// telemt's `/metrics` sample: the shared fixture beside the repository when it is there, else
    /// the byte-identical copy kept with the tests (a clean clone has only the copy).
    static func telemtMetricsSample() throws -> String {
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/fixtures/telemt/metrics.sample.prom")
        let copy = root.appendingPathComponent("Tests/TelemtStandIn/metrics.sample.prom")
        return try String(contentsOf: FileManager.default.fileExists(atPath: shared.path) ? shared : copy, encoding: .utf8)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("statssink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// telemt-shaped metrics text for the given users (HELP/TYPE block first, as telemt prints).
    static func telemtMetrics(uptime: Double, users: [(String, UInt64, UInt64)], version: String = "3.4.25") -> String {
        var text = """
            # HELP telemt_build_info Build information
            # TYPE telemt_build_info gauge
            telemt_build_info{version="\(version)"} 1
            # HELP telemt_uptime_seconds Proxy uptime
            # TYPE telemt_uptime_seconds gauge
            telemt_uptime_seconds \(uptime)
            # TYPE telemt_user_octets_from_client counter
            # TYPE telemt_user_octets_to_client counter
            # TYPE telemt_user_connections_current gauge

            """
        for (user, from, to) in users {
            text += "telemt_user_connections_current{user=\"\(user)\"} 1\n"
            text += "telemt_user_octets_from_client{user=\"\(user)\"} \(from)\n"
            text += "telemt_user_octets_to_client{user=\"\(user)\"} \(to)\n"
        }
        return text
    }
}
