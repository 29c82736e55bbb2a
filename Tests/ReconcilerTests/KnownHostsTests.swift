import Crypto
import Foundation
import TestSupport
import Testing
@testable import Reconciler

@Suite("known_hosts parsing and matching")
struct KnownHostsTests {
    private let keyA = Self.blob(type: "ssh-ed25519", body: Array(repeating: 1, count: 32))
    private let keyB = Self.blob(type: "ssh-ed25519", body: Array(repeating: 2, count: 32))
    private let rsa = Self.blob(type: "ssh-rsa", body: Array(repeating: 3, count: 64))

    static func blob(type: String, body: [UInt8]) -> [UInt8] {
        let name = Array(type.utf8)
        let length = UInt32(name.count)
        return [UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
            + name + body
    }

    private func line(_ hosts: String, _ key: [UInt8], marker: String = "") -> String {
        "\(marker)\(hosts) \(KnownHosts.keyType(of: key)) \(Data(key).base64EncodedString())\n"
    }

    @Test func plainBracketedAndWildcardEntries() {
        let file = KnownHosts(text: "# comment\n" + line("git.example.com,10.0.0.1", keyA) + line("[h]:2222", keyB)
                                + line("*.corp.example", rsa))
        #expect(file.check(host: "git.example.com", key: keyA) == .trusted)
        #expect(file.check(host: "10.0.0.1", key: keyA) == .trusted)
        #expect(file.check(host: "git.example.com", key: keyB) == .changed)
        #expect(file.check(host: "[h]:2222", key: keyB) == .trusted)
        #expect(file.check(host: "h", key: keyB) == .unknown)
        #expect(file.check(host: "a.corp.example", key: rsa) == .trusted)
        #expect(file.check(host: "other.example", key: keyA) == .unknown)
        #expect(file.check(host: "git.example.com", key: rsa) == .unknown)
    }

    @Test func negationAndRevocation() {
        let file = KnownHosts(text: line("*.example,!bad.example", keyA) + line("good.example", keyB, marker: "@revoked "))
        #expect(file.check(host: "ok.example", key: keyA) == .trusted)
        #expect(file.check(host: "bad.example", key: keyA) == .unknown)
        #expect(file.check(host: "good.example", key: keyB) == .revoked)
    }

    @Test func hashedEntriesMatchOnlyTheirHost() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<200 {
            let host = "[h\(UInt16.random(in: 0...9999, using: &generator))]:\(Int.random(in: 1...65535, using: &generator))"
            let salt = (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(host.utf8), using: SymmetricKey(data: salt))
            let pattern = "|1|\(Data(salt).base64EncodedString())|\(Data(mac).base64EncodedString())"
            let file = KnownHosts(text: line(pattern, keyA))
            #expect(file.check(host: host, key: keyA) == .trusted)
            #expect(file.check(host: host + "0", key: keyA) == .unknown)
        }
    }

    @Test func globMatchesLikeAReferenceImplementation() {
        var generator = SeededGenerator(seed: 7)
        let alphabet: [Character] = ["a", "b", "*", "?"]
        for _ in 0..<2000 {
            let pattern = String((0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let text = String((0..<Int.random(in: 0...6, using: &generator)).map { _ in "ab".randomElement(using: &generator)! })
            #expect(KnownHosts.glob(Array(pattern.utf8), Array(text.utf8)) == Self.referenceGlob(Array(pattern), Array(text)),
                    "\(pattern) vs \(text)")
        }
    }

    /// Exponential but obviously correct.
    static func referenceGlob(_ pattern: [Character], _ text: [Character]) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        if first == "*" {
            return (0...text.count).contains { referenceGlob(Array(pattern.dropFirst()), Array(text.dropFirst($0))) }
        }
        guard let head = text.first, first == "?" || first == head else { return false }
        return referenceGlob(Array(pattern.dropFirst()), Array(text.dropFirst()))
    }

    @Test func fingerprintMatchesSSHKeygen() throws {
        let directory = try TemporaryDirectory("fp")
        let key = directory.path("k")
        try Shell.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.path])
        let publicLine = try String(contentsOf: key.appendingPathExtension("pub"), encoding: .utf8).split(separator: " ")
        let blob = [UInt8](try #require(Data(base64Encoded: String(publicLine[1]))))
        let expected = try Shell.run(["ssh-keygen", "-l", "-f", key.appendingPathExtension("pub").path]).split(separator: " ")[1]
        #expect(KnownHosts.fingerprint(of: blob) == String(expected))
        #expect(KnownHosts.keyType(of: blob) == "ssh-ed25519")
        #expect(KnownHosts.keyType(of: [0, 0, 0]) == "unknown")
    }

    /// Garbage lines are skipped: a valid line after them still matches, and garbage never makes an
    /// unknown host trusted or a listed host's other key acceptable.
    @Test func garbageLinesAreSkippedAndNeverTrustAnything() {
        var generator = SeededGenerator(seed: 99)
        for round in 0..<500 {
            let bytes = (0..<Int.random(in: 0...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let file = KnownHosts(text: String(decoding: bytes, as: UTF8.self) + "\n" + line("git.example.com", keyA))
            #expect(file.check(host: "git.example.com", key: keyA) == .trusted, "round \(round)")
            #expect(file.check(host: "git.example.com", key: keyB) == .changed, "round \(round)")
            #expect(file.check(host: "unknown-\(round).invalid", key: keyA) == .unknown, "round \(round)")
            #expect(file.check(host: "unknown-\(round).invalid", key: bytes) == .unknown, "round \(round)")
        }
    }
}
