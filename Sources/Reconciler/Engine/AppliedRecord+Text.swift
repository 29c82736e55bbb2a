import Foundation

/// `applied.tsv`: a header of `key<TAB>value` lines, then one `user` line per user snapshot and one
/// `eval` line per evaluation, fields separated by tabs, `-` for a missing value; `%`, tab and line
/// breaks inside a field are percent-escaped. A last `end` line with both counts tells a whole file
/// from a cut one. A line format because 100,000 users through
/// `JSONEncoder` take a second; this takes a few dozen milliseconds each way.
extension AppliedRecord {
    static let fileName = "applied.tsv"
    private static let magic = "telemt-gitops applied 2"

    /// The record as the bytes of `applied.tsv`.
    func encoded() -> [UInt8] {
        var out = TabbedLines()
        out.line([Self.magic])
        out.line(["revision", revision])
        out.line(["config_sha256", configSHA256])
        out.line(["key_fingerprint", keyFingerprint ?? "-"])
        out.line(["at", String(at.timeIntervalSince1970)])
        for user in users {
            out.line(["user", user.name, opt(user.limit), user.reset, opt(user.maxConnections), opt(user.maxUniqueIPs), opt(user.expire),
                      flag(user.disabled), opt(user.onHold), String(user.rotate), user.secretDigest ?? "-", user.plan ?? "-"])
        }
        for value in evaluations {
            out.line(["eval", value.user, value.state, value.reset, opt(value.periodStart), opt(value.periodEnd), String(value.used),
                      opt(value.limit), opt(value.expire), opt(value.firstSeen), flag(value.expiringSoon)])
        }
        out.line(["end", String(users.count), String(evaluations.count)])
        return out.bytes
    }

    /// Reads `applied.tsv`; nil when it is not one (a missing or damaged file counts as nothing applied yet).
    init?(encoded bytes: [UInt8]) {
        var header: [String: String] = [:], users: [UserSnapshot] = [], evaluations: [Evaluation] = []
        var lines = TabbedLines.split(bytes)
        guard lines.first == [Self.magic], let end = lines.popLast(), end.count == 3, end[0] == "end" else { return nil }
        for fields in lines.dropFirst() {
            switch fields.first {
            case "user": guard let user = Self.user(fields) else { return nil }; users.append(user)
            case "eval": guard let value = Self.evaluation(fields) else { return nil }; evaluations.append(value)
            default: guard fields.count == 2 else { return nil }; header[fields[0]] = fields[1]
            }
        }
        guard end[1] == String(users.count), end[2] == String(evaluations.count),
              let revision = header["revision"], let sha = header["config_sha256"], let at = header["at"].flatMap(Double.init) else { return nil }
        self.init(revision: revision, configSHA256: sha, keyFingerprint: header["key_fingerprint"].flatMap { $0 == "-" ? nil : $0 },
                  at: Date(timeIntervalSince1970: at), users: users, evaluations: evaluations)
    }

    private static func user(_ f: [String]) -> UserSnapshot? {
        // The 12th field (the plan) is newer: a file without it has no plans.
        guard f.count == 11 || f.count == 12, let rotate = Int(f[9]), let disabled = bool(f[7]), let limit = optional(f[2], UInt64.init),
              let connections = optional(f[4], Int.init), let ips = optional(f[5], Int.init), let expire = optional(f[6], Double.init),
              let onHold = optional(f[8], Int64.init) else { return nil }
        return UserSnapshot(name: f[1], limit: limit, reset: f[3], maxConnections: connections, maxUniqueIPs: ips,
                            expire: expire, disabled: disabled, onHold: onHold, rotate: rotate,
                            secretDigest: f[10] == "-" ? nil : f[10], plan: f.count == 12 && f[11] != "-" ? f[11] : nil)
    }

    private static func evaluation(_ f: [String]) -> Evaluation? {
        guard f.count == 11, let used = UInt64(f[6]), let soon = bool(f[10]), let start = optional(f[4], Double.init),
              let end = optional(f[5], Double.init), let limit = optional(f[7], UInt64.init), let expire = optional(f[8], Double.init),
              let first = optional(f[9], Double.init) else { return nil }
        return Evaluation(user: f[1], state: f[2], reset: f[3], periodStart: start, periodEnd: end, used: used,
                          limit: limit, expire: expire, firstSeen: first, expiringSoon: soon)
    }

    /// `-` is none (`.some(nil)`); anything else must parse, or the whole line is refused (nil).
    private static func optional<T>(_ text: String, _ parse: (String) -> T?) -> T?? {
        if text == "-" { return .some(nil) }
        guard let value = parse(text) else { return nil }
        return .some(value)
    }

    private static func bool(_ text: String) -> Bool? { text == "1" ? true : text == "0" ? false : nil }
    private func flag(_ value: Bool) -> String { value ? "1" : "0" }
    private func opt<T: LosslessStringConvertible>(_ value: T?) -> String { value.map { String($0) } ?? "-" }
}
