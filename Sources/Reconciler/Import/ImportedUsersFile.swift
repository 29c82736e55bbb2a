import Foundation
import TelemtRender

/// The text of an imported `users.yaml`: a header saying where it came from and that it holds
/// secrets, `proxy`, and one line per user, sorted by name (byte order, as telemt-gitops renders).
struct ImportedUsersFile {
    /// One user as imported.
    struct User: Equatable {
        var name: String
        var secret: String
        var maxConnections: Int?
        var maxUniqueIPs: Int?
        var expire: Date?
        var disabled: Bool
        var dataLimit: UInt64?

        /// `user` of telemt's tables, with its secret lowercased; a quota of 0 is left out.
        init(_ user: TelemtUser, secret: String) {
            name = user.name
            self.secret = secret
            maxConnections = user.maxTCPConnections
            maxUniqueIPs = user.maxUniqueIPs
            expire = user.expiration.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
            disabled = !user.enabled
            dataLimit = user.dataQuota.flatMap { $0 > 0 ? $0 : nil }
        }
    }

    var sourcePath: String
    var proxy: TelemtConfigImport.Proxy
    var timeZone: String?
    var users: [User]

    var bytes: [UInt8] {
        var lines = header + ["version: 1", "proxy:", "  host: \(Self.scalar(proxy.host))", "  port: \(proxy.port)"]
        if let domain = proxy.tlsDomain { lines.append("  tls_domain: \(Self.scalar(domain))") }
        if let timeZone { lines.append("timezone: \(Self.scalar(timeZone))") }
        lines.append(users.isEmpty ? "users: {}" : "users:")
        for user in users.sorted(by: { TOMLEncoding.precedesInByteOrder($0.name, $1.name) }) {
            lines.append("  \(Self.scalar(user.name)): { \(Self.fields(user).joined(separator: ", ")) }")
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    private var header: [String] {
        [
            "# Imported by `telemt-gitops import` from \(sourcePath.replacingOccurrences(of: "\n", with: " ")).",
            "#",
            "# Every user keeps the secret telemt had (`secret:`), so their links stay the same. This file",
            "# holds those secrets: keep the repository private. To move a user to a secret derived from",
            "# the host's master key, remove their `secret:` (this changes their link: send them the new one,",
            "# `telemt-gitops links NAME`). Users added without `secret:` get derived secrets from the start.",
        ]
    }

    private static func fields(_ user: User) -> [String] {
        // A secret of digits (and one `e`) would read as a number.
        let numeric = user.secret.allSatisfy { $0.isNumber || $0 == "e" } && user.secret.filter { $0 == "e" }.count <= 1
        var fields = ["secret: " + (numeric ? "\"\(user.secret)\"" : user.secret)]
        if let limit = user.dataLimit { fields.append("data_limit: \(size(limit))") }
        if let count = user.maxConnections { fields.append("max_connections: \(count)") }
        if let count = user.maxUniqueIPs { fields.append("max_unique_ips: \(count)") }
        if let expire = user.expire { fields.append("expire: \(timestamp(expire))") }
        if user.disabled { fields.append("disabled: true") }
        return fields
    }

    /// The largest unit that gives a whole number (`10 GiB`, `5 GB`), else bytes.
    static func size(_ bytes: UInt64) -> String {
        let units: [(String, UInt64)] = [("TiB", 1 << 40), ("TB", 1_000_000_000_000), ("GiB", 1 << 30), ("GB", 1_000_000_000),
                                         ("MiB", 1 << 20), ("MB", 1_000_000), ("KiB", 1 << 10), ("KB", 1_000)]
        guard let (unit, size) = units.first(where: { bytes % $0.1 == 0 }) else { return "\(bytes)" }
        return "\(bytes / size) \(unit)"
    }

    /// RFC 3339 in UTC with whole seconds, as telemt-gitops renders `[access.user_expirations]`.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// A plain scalar when YAML reads it as that text, else a double-quoted one.
    static func scalar(_ text: String) -> String {
        let plain = text.first.map { $0.isLetter || $0 == "_" } == true
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-/".contains($0)) }
            && !["true", "false", "null"].contains(text.lowercased())
        guard !plain else { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
