import Foundation
import TestSupport
import Testing
@testable import TelemtRender

/// Seeded random user sets and templates: rendering is deterministic, idempotent, and reads back.
@Suite struct ConfigRendererPropertyTests {
    static let nameBytes = Array("abcXYZ019_.-".utf8)
    static let specialNames = ["true", "false", "inf", "nan", "-", ".", "..", "1979-05-27", "0x10", "1e5", "a.b.c", "_"]

    static func randomUsers(_ generator: inout SeededGenerator) -> [TelemtUser] {
        var names = Set<String>()
        let count = Int.random(in: 1...40, using: &generator)
        while names.count < count {
            if Bool.random(using: &generator), let special = specialNames.randomElement(using: &generator) {
                names.insert(special)
            } else {
                let length = Int.random(in: 1...12, using: &generator)
                names.insert(String(decoding: (0..<length).map { _ in nameBytes.randomElement(using: &generator)! }, as: UTF8.self))
            }
        }
        return names.shuffled(using: &generator).map { name in
            TelemtUser(
                name: name,
                secret: String((0..<32).map { _ in "0123456789abcdef".randomElement(using: &generator)! }),
                enabled: Int.random(in: 0..<4, using: &generator) > 0,
                maxTCPConnections: Bool.random(using: &generator) ? Int.random(in: 0...10_000, using: &generator) : nil,
                maxUniqueIPs: Bool.random(using: &generator) ? Int.random(in: 0...64, using: &generator) : nil,
                expiration: Bool.random(using: &generator)
                    ? Date(timeIntervalSince1970: Double.random(in: 0...4_102_444_800, using: &generator)) : nil,
                dataQuota: Bool.random(using: &generator) ? UInt64.random(in: 0...UInt64(Int64.max), using: &generator) : nil)
        }
    }

    static let templates = [
        "",
        "[server]\nport = 443",
        "[access]\nreplay_window_secs = 120\n\n# next\n[censorship]\ntls_domain = \"a.example\"\n",
        "[access.user_enabled]\nx = false\n\n[access.users]\n# sample\nx = \"00000000000000000000000000000000\"\n",
    ]

    @Test func renderIsDeterministicIdempotentAndReadsBack() throws {
        var generator = SeededGenerator(seed: 2_024)
        for iteration in 0..<300 {
            let users = Self.randomUsers(&generator)
            let template = try Self.templates.randomElement(using: &generator) ?? TestSupport.golden("config.example.toml")
            let policy: ConfigDataQuotaPolicy = iteration.isMultiple(of: 2) ? .omit : .render
            let renderer = ConfigRenderer(dataQuotaPolicy: policy)
            let once = try renderer.render(template: template, users: users)
            #expect(try renderer.render(template: template, users: users.shuffled(using: &generator)) == once)
            #expect(try renderer.render(template: once, users: users) == once)
            let observed = try ManagedTables.read(from: once)
            #expect(observed == (try renderer.normalized(users)))
            #expect(observed.count == users.count)
            if policy == .render {
                #expect(observed.map(\.dataQuota) == users.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }.map(\.dataQuota))
            }
        }
    }

    @Test func goldenTemplateRoundTrips() throws {
        var generator = SeededGenerator(seed: 99)
        let template = try TestSupport.golden("config.example.toml")
        for _ in 0..<50 {
            let users = Self.randomUsers(&generator)
            let rendered = try ConfigRenderer().render(template: template, users: users)
            #expect(try ConfigRendererTests.outsideManagedTables(rendered) == ConfigRendererTests.outsideManagedTables(template))
            #expect(try ManagedTables.read(from: rendered) == ConfigRenderer().normalized(users))
        }
    }
}
