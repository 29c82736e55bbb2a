import TelemtRender

/// How the config on disk differs from what the engine last wrote: per user, which managed tables
/// changed (an edit by hand, a writable telemt API). Secrets are never part of the report.
public struct DriftReport: Sendable, Equatable {
    /// `alice: users, user_enabled` — one entry per user that differs.
    public var users: [String]
    /// Whether the difference is outside the managed tables only.
    public var outsideManagedTables: Bool

    /// One line for output and the status file.
    public var summary: String {
        if users.isEmpty { return "config.toml was edited outside the managed tables (kept: the host's own settings)" }
        let shown = users.prefix(10).joined(separator: "; ")
        return "config.toml was changed outside telemt-gitops: \(shown)\(users.count > 10 ? "; and \(users.count - 10) more" : ""); healed"
    }

    /// Compares the managed tables of `disk` with those of `written`; nil when they are the same to
    /// telemt (equal bytes, or the same values in another order or layout).
    static func compare(disk: [UInt8], written: [UInt8]) -> DriftReport? {
        guard disk != written, !ManagedTables.equivalent(disk, written) else { return nil }
        let read = { (bytes: [UInt8]) in (try? ManagedTables.read(from: String(decoding: bytes, as: UTF8.self))) ?? [] }
        let before = Dictionary(read(written).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(read(disk).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var users: [String] = []
        for name in Set(before.keys).union(after.keys).sorted() {
            switch (before[name], after[name]) {
            case (nil, .some): users.append("\(name) added")
            case (.some, nil): users.append("\(name) removed")
            case (let old?, let new?) where old != new: users.append("\(name): " + tables(old, new).joined(separator: ", "))
            default: break
            }
        }
        return DriftReport(users: users, outsideManagedTables: users.isEmpty)
    }

    private static func tables(_ old: TelemtUser, _ new: TelemtUser) -> [String] {
        var names: [String] = []
        if old.secret != new.secret { names.append("users") }
        if old.enabled != new.enabled { names.append("user_enabled") }
        if old.maxTCPConnections != new.maxTCPConnections { names.append("user_max_tcp_conns") }
        if old.maxUniqueIPs != new.maxUniqueIPs { names.append("user_max_unique_ips") }
        if old.expiration != new.expiration { names.append("user_expirations") }
        if old.dataQuota != new.dataQuota { names.append("user_data_quota") }
        return names
    }
}
