import Foundation
import Spec
import TelemtRender
import TestSupport
import Testing
@testable import Reconciler

/// parse(render(spec)) gives back the spec's users, secrets and limits; rendering is deterministic
/// and idempotent — for random specs written as YAML text.
@Suite struct RenderPipelinePropertyTests {
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let key = try! MasterKey(bytes: (0..<32).map { UInt8($0 &* 7) })
    static let now = ISO8601DateFormatter().date(from: "2026-11-22T12:00:00Z")!
    static let template = DesiredFile(path: "telemt.toml", bytes: Array("[general]\nuse_middle_proxy = true\n\n[access]\n".utf8))

    static func randomSpec(_ rng: inout SeededGenerator) -> String {
        var yaml = "version: 1\nproxy: { host: p.example.com }\ntimezone: Europe/Berlin\nusers:\n"
        let alphabet = Array("abcxyzABC019_.-")
        var names = Set<String>()
        while names.count < Int.random(in: 1...40, using: &rng) {
            names.insert(String((0..<Int.random(in: 1...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }))
        }
        for name in names.sorted() {
            yaml += "  \"\(name)\":\n    note: n\n"
            if Bool.random(using: &rng) { yaml += "    max_connections: \(Int.random(in: 0...64, using: &rng))\n" }
            if Bool.random(using: &rng) { yaml += "    max_unique_ips: \(Int.random(in: 0...9, using: &rng))\n" }
            if Int.random(in: 0..<4, using: &rng) == 0 { yaml += "    disabled: true\n" }
            if Bool.random(using: &rng) { yaml += "    rotate: \(Int.random(in: 0...5, using: &rng))\n" }
            if Bool.random(using: &rng) {
                yaml += "    expire: 20\(Int.random(in: 25...28, using: &rng))-0\(Int.random(in: 1...9, using: &rng))-1\(Int.random(in: 0...9, using: &rng))\n"
            }
        }
        return yaml
    }

    @Test func renderingRoundTripsAndIsStable() throws {
        var rng = SeededGenerator(seed: 0x7e1e)
        for _ in 0..<150 {
            let files = DesiredFiles(users: [SpecSource(path: "users.yaml", bytes: Array(Self.randomSpec(&rng).utf8))])
            let pipeline = RenderPipeline(now: Self.now)
            let first = try pipeline.run(files: files, template: Self.template, key: Self.key)
            let spec = first.checked.state
            let readBack = try ManagedTables.read(from: String(decoding: first.bytes, as: UTF8.self))
            let deriver = SecretDeriver(key: Self.key)
            #expect(readBack.map(\.name) == spec.users.map(\.name).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            for user in readBack {
                let specUser = try #require(spec.user(named: user.name))
                #expect(user.secret == deriver.secret(for: specUser))
                #expect(user.maxTCPConnections == specUser.maxConnections)
                #expect(user.maxUniqueIPs == specUser.maxUniqueIPs)
                #expect(user.expiration == specUser.expire)
                #expect(user.enabled == (!specUser.disabled && (specUser.expire.map { $0 > Self.now } ?? true)))
            }
            let again = try pipeline.run(files: files, template: Self.template, key: Self.key)
            #expect(again.bytes == first.bytes)
            let onItself = try pipeline.run(files: files, template: DesiredFile(path: "config.toml", bytes: first.bytes), key: Self.key)
            #expect(onItself.bytes == first.bytes)
        }
    }
}
