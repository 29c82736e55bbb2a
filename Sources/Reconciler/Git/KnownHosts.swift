import Crypto
import Foundation

/// An OpenSSH known_hosts file: plain, bracketed (`[host]:port`), wildcard, negated and hashed (`|1|`)
/// host patterns, and `@revoked` markers. `@cert-authority` lines are not supported and are skipped.
struct KnownHosts {
    struct Entry {
        let revoked: Bool
        let patterns: [Substring]
        let key: [UInt8]
        let keyType: String
    }

    /// The outcome of checking a host's key.
    enum Verdict: Equatable {
        case trusted, unknown, changed, revoked
    }

    let entries: [Entry]

    /// Largest known_hosts file read.
    static let maxBytes = 4 << 20

    init(contentsOf url: URL) throws(GitSourceError) {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: Self.maxBytes) ?? Data()
        } catch {
            throw .knownHostsUnreadable(path: url.path, detail: "missing or not readable")
        }
        self.init(text: String(decoding: data, as: UTF8.self))
    }

    init(text: String) {
        entries = text.split(whereSeparator: \.isNewline).compactMap(Self.parse)
    }

    private static func parse(_ line: Substring) -> Entry? {
        var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = fields.first, !first.hasPrefix("#") else { return nil }
        var revoked = false
        if first.hasPrefix("@") {
            guard first == "@revoked" else { return nil }
            revoked = true
            fields.removeFirst()
        }
        guard fields.count >= 3, let key = Data(base64Encoded: String(fields[2])) else { return nil }
        return Entry(revoked: revoked, patterns: fields[0].split(separator: ","), key: [UInt8](key),
                     keyType: String(fields[1]))
    }

    /// Checks `key` (the SSH wire-format blob) for `host` (`name` or `[name]:port`).
    func check(host: String, key: [UInt8]) -> Verdict {
        let matching = entries.filter { Self.matches(host: host, patterns: $0.patterns) }
        if matching.contains(where: { $0.revoked && $0.key == key }) { return .revoked }
        let listed = matching.filter { !$0.revoked }
        if listed.contains(where: { $0.key == key }) { return .trusted }
        let offeredType = Self.keyType(of: key)
        return listed.contains(where: { $0.keyType == offeredType }) ? .changed : .unknown
    }

    static func matches(host: String, patterns: [Substring]) -> Bool {
        var matched = false
        for pattern in patterns {
            let negated = pattern.hasPrefix("!")
            let body = negated ? pattern.dropFirst() : pattern
            guard matchesOne(host: host, pattern: body) else { continue }
            if negated { return false }
            matched = true
        }
        return matched
    }

    private static func matchesOne(host: String, pattern: Substring) -> Bool {
        if pattern.hasPrefix("|1|") {
            let parts = pattern.split(separator: "|")
            guard parts.count == 3, let salt = Data(base64Encoded: String(parts[1])),
                  let hash = Data(base64Encoded: String(parts[2])) else { return false }
            let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(host.utf8), using: SymmetricKey(data: salt))
            return Data(mac) == hash
        }
        return glob(Array(pattern.lowercased().utf8), Array(host.lowercased().utf8))
    }

    /// `*` and `?` wildcards as in ssh_config patterns.
    static func glob(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
        var p = 0, t = 0, star = -1, mark = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = p
                mark = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }

    /// `SHA256:<base64 without padding>`, as `ssh-keygen -l` prints it.
    static func fingerprint(of key: [UInt8]) -> String {
        let digest = Data(SHA256.hash(data: key)).base64EncodedString()
        return "SHA256:" + digest.trimmingCharacters(in: CharacterSet(charactersIn: "="))
    }

    /// The key type named inside the wire-format blob (`ssh-ed25519`, …).
    static func keyType(of key: [UInt8]) -> String {
        guard key.count >= 4 else { return "unknown" }
        let length = key[0..<4].reduce(0) { $0 << 8 | Int($1) }
        guard length > 0, length <= 64, key.count >= 4 + length else { return "unknown" }
        return String(decoding: key[4..<(4 + length)], as: UTF8.self)
    }
}
