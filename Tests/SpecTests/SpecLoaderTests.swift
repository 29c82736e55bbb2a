import Foundation
import TestSupport
import Testing
@testable import Spec

func source(_ path: String, _ text: String) -> SpecSource {
    SpecSource(path: path, bytes: Array(text.utf8))
}

private let header = "version: 1\nproxy:\n  host: proxy.example.com\n"

@Test func exampleFileLoadsWithEveryField() throws {
    let url = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../examples/users.yaml")
    let loaded = try SpecLoader.load([SpecSource(path: "examples/users.yaml", bytes: Array(try Data(contentsOf: url)))])
    let state = loaded.state
    #expect(state.proxy == ProxyEndpoint(host: "proxy.example.com", port: 443, tlsDomain: "www.example.com"))
    #expect(state.timeZone.identifier == "Europe/Moscow")
    #expect(state.users.map(\.name) == ["alice", "bob", "carol", "dave", "erin", "frank", "grace"])
    let alice = try #require(state.user(named: "alice"))
    #expect(alice.dataLimit == .bytes(100 << 30) && alice.reset == .monthly && alice.maxConnections == 8)
    #expect(alice.expire == ISO8601DateFormatter().date(from: "2027-01-01T20:59:59Z"))
    #expect(state.user(named: "dave")?.secret == "0123456789abcdef0123456789abcdef")
    #expect(state.user(named: "erin")?.onHold == SpecDuration(seconds: 30 * 86_400))
    #expect(state.user(named: "grace")?.dataLimit == .bytes(50 << 30))
    #expect(loaded.warnings.count == 1 && loaded.warnings[0].message.hasPrefix("explicit secret"))
    #expect(!loaded.warnings[0].description.contains("0123456789abcdef"))
    let written = Set(try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isWhitespace).map(String.init))
    for field in RandomSpecWriter.scalarFields where !written.contains(field.rawValue + ":") {
        Issue.record("examples/users.yaml does not show `\(field.rawValue)`")
    }
}

/// examples/fleet/users.yaml shows the fleet sections and fields, and loads as its comments say.
@Test func fleetExampleLoadsWithEveryFleetField() throws {
    let url = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../examples/fleet/users.yaml")
    let text = try String(contentsOf: url, encoding: .utf8)
    let state = try SpecLoader.load([SpecSource(path: "examples/fleet/users.yaml", bytes: Array(text.utf8))]).state
    #expect(state.nodes.map(\.name) == ["eu-1", "eu-2", "us-1"] && state.plans.map(\.name) == ["basic", "pro"])
    #expect(state.user(named: "alice")?.placement == PlacementRequest(replicas: 2))
    #expect(state.user(named: "bob")?.placement == PlacementRequest(selector: .pinned(["eu-1"])))
    #expect(state.user(named: "carol")?.dataLimit == .bytes(1 << 40) && state.user(named: "carol")?.maxConnections == 16)
    #expect(state.user(named: "dave")?.placement == PlacementRequest(selector: .labels(["eu"]), replicas: 1))
    #expect(state.user(named: "erin")?.placement == PlacementRequest(replicas: 3) && state.user(named: "erin")?.plan == "basic")
    let written = Set(text.split(whereSeparator: { $0.isWhitespace || $0 == "{" || $0 == "," }).map(String.init))
    let keys = RootField.allCases.map(\.rawValue) + NodeField.allCases.map(\.rawValue) + ["plan", "replicas"]
    for key in keys where !written.contains(key + ":") {
        Issue.record("examples/fleet/users.yaml does not show `\(key)`")
    }
}

@Test func defaultsAreMergedAndUserKeysWin() throws {
    let text = header + """
        defaults: { data_limit: 5 GB, reset: weekly, note: shared, disabled: true, expire: 2030-01-01 }
        users:
          a: {}
          b: { data_limit: unlimited, disabled: false, reset: none }
          c: { on_hold: 2w }
          d:
        """
    let state = try SpecLoader.load([source("users.yaml", text)]).state
    let a = try #require(state.user(named: "a"))
    #expect(a.dataLimit == .bytes(5_000_000_000) && a.reset == .weekly && a.note == "shared" && a.disabled)
    let b = try #require(state.user(named: "b"))
    #expect(b.dataLimit == .unlimited && b.reset == ResetPeriod.none && !b.disabled && b.note == "shared")
    let c = try #require(state.user(named: "c"))
    #expect(c.onHold == SpecDuration(seconds: 1_209_600) && c.expire == nil, "a user's on_hold replaces a default expire")
    #expect(state.user(named: "d")?.expire != nil)
}

@Test func filesAreMergedAndSectionsDefinedOnce() throws {
    let files = [
        source("users/a.yaml", header + "timezone: Asia/Tokyo\nusers:\n  alice: {}\n"),
        source("users/b.yaml", "version: 1\ndefaults: { max_connections: 2 }\nusers:\n  bob: { max_connections: 4 }\n"),
        source("users/c.yaml", "version: 1\nusers:\n  carol:\n"),
    ]
    let state = try SpecLoader.load(files).state
    #expect(state.users.map(\.name) == ["alice", "bob", "carol"])
    #expect(state.timeZone.identifier == "Asia/Tokyo")
    #expect(state.user(named: "alice")?.maxConnections == 2, "defaults apply to the users of every file")
    #expect(state.user(named: "bob")?.maxConnections == 4)
    #expect(state.user(named: "alice")?.location == SourceLocation(file: "users/a.yaml", line: 6, column: 3))
}

@Test func duplicatesAcrossFilesNameBothPlaces() throws {
    let files = [
        source("users/a.yaml", header + "users:\n  alice: {}\n"),
        source("users/b.yaml", header + "timezone: UTC\nusers:\n  alice: { note: again }\n"),
        source("users/c.yaml", "version: 1\ntimezone: UTC\n"),
    ]
    let error = try #require(throws: SpecValidationError.self) { try SpecLoader.load(files) }
    let lines = error.diagnostics.map(\.description)
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix("users/b.yaml:2:1: error: `proxy` is already defined at users/a.yaml:2:1"))
    #expect(lines[1].hasPrefix("users/b.yaml:6:3: error: user `alice` is also defined at users/a.yaml:5:3"))
    #expect(lines[2].hasPrefix("users/c.yaml:2:1: error: `timezone` is already defined at users/b.yaml:4:1"))
}

@Test func duplicateSecretsAcrossFilesAreAnError() throws {
    let secret = "00112233445566778899aabbccddeeff"
    let files = [
        source("a.yaml", header + "users:\n  alice: { secret: \(secret) }\n"),
        source("b.yaml", "version: 1\nusers:\n  bob: { secret: \(secret.uppercased()) }\n"),
    ]
    let error = try #require(throws: SpecValidationError.self) { try SpecLoader.load(files) }
    #expect(error.errors.count == 1)
    #expect(error.errors.first?.location == SourceLocation(file: "b.yaml", line: 3, column: 18))
    #expect(error.diagnostics.count == 3, "both explicit-secret warnings travel with the error")
    #expect(!error.description.lowercased().contains(secret), "a secret never appears in messages")
}

@Test func errorsAreSortedByFileThenPosition() throws {
    let files = [
        source("z.yaml", header + "users:\n  b: { rotate: x }\n  a: { reset: y }\n"),
        source("a.yaml", "version: 1\nusers:\n  c: { disabled: maybe }\n"),
    ]
    let error = try #require(throws: SpecValidationError.self) { try SpecLoader.load(files) }
    #expect(error.diagnostics.map(\.location.description) == ["z.yaml:5:16", "z.yaml:6:15", "a.yaml:3:18"])
    #expect(error.description.hasSuffix("3 errors. Fix the lines above and run `telemt-gitops validate` again."))
}

@Test func noSourcesIsAnError() {
    #expect(throws: SpecValidationError.self) { try SpecLoader.load([]) }
}

@Test func oversizedFileIsRefusedWithoutParsing() throws {
    let big = SpecSource(path: "users.yaml", bytes: [UInt8](repeating: UInt8(ascii: "#"), count: SpecLoader.maximumFileSize + 1))
    let error = try #require(throws: SpecValidationError.self) { try SpecLoader.load([big]) }
    #expect(error.errors.count == 1 && error.errors[0].message.contains("more than"))
}

@Test func errorCountIsBounded() throws {
    let users = (0..<1_500).map { "  u\($0): { reset: never }" }.joined(separator: "\n")
    let error = try #require(throws: SpecValidationError.self) {
        try SpecLoader.load([source("users.yaml", header + "users:\n" + users + "\n")])
    }
    #expect(error.diagnostics.count == DiagnosticLog.errorLimit + 1)
    #expect(error.diagnostics.last?.message.contains("too many errors") == true)
}

/// Property: random garbage never crashes the loader and never yields a state with errors hidden.
@Test func garbageNeverCrashes() {
    var random = SeededGenerator(seed: 99)
    let alphabet = Array("version: 1\nproxy: {}[]-,&*!|>'\"#%@`\t users alice data_limit 5 GiB".utf8)
    for _ in 0..<500 {
        let length = Int(random.next() % 200)
        let bytes = (0..<length).map { _ in
            random.next() % 10 == 0 ? UInt8(truncatingIfNeeded: random.next()) : alphabet[Int(random.next() % UInt64(alphabet.count))]
        }
        do {
            let loaded = try SpecLoader.load([SpecSource(path: "g.yaml", bytes: bytes)])
            #expect(loaded.warnings.allSatisfy { $0.severity == .warning })
        } catch {
            #expect(!error.errors.isEmpty)
        }
    }
}

@Test func untrustedTextInMessagesIsClippedAndHasNoControlCharacters() throws {
    let longValue = String(repeating: "9", count: 5_000) + " parsecs"
    let text = header + "users:\n  alice: { data_limit: \(longValue), \"evil\\e[31mkey\": 1 }\n"
    let error = try #require(throws: SpecValidationError.self) { try SpecLoader.load([source("users.yaml", text)]) }
    #expect(error.errors.count == 2)
    for diagnostic in error.diagnostics {
        #expect(diagnostic.description.utf8.count < 400)
        #expect(!diagnostic.description.unicodeScalars.contains { $0.value < 0x20 })
    }
}

@Test func timeZoneDefaultsToUTC() throws {
    let state = try SpecLoader.load([source("users.yaml", header)]).state
    #expect(state.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 0)) == 0)
    #expect(state.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_720_000_000)) == 0)
}

@Test func cachedDefinitionsFollowTheTable() {
    #expect(UserField.allCases.allSatisfy { $0.cachedDefinition == $0.definition })
}

@Test func deepNestingIsRefusedBeforeParsing() throws {
    let depth = 200_000
    let text = header + "users:\n  alice: { note: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + " }\n"
    let error = try #require(throws: SpecValidationError.self) { try SpecLoader.load([source("users.yaml", text)]) }
    #expect(error.errors.count == 1)
    // The `{` of alice's mapping is the first level, so the bracket beyond the limit is `[` number 1000.
    let column = "  alice: { note: ".count + NestingGuard.maximumDepth
    #expect(error.errors.first?.location == SourceLocation(file: "users.yaml", line: 5, column: column))
}

@Test func nestingJustBelowTheLimitIsParsed() throws {
    let depth = NestingGuard.maximumDepth - 2
    let text = header + "users:\n  alice: { note: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + " }\n"
    let error = try #require(throws: SpecValidationError.self) { try SpecLoader.load([source("users.yaml", text)]) }
    #expect(error.errors.count == 1)
    #expect(error.errors.first?.message.contains("expected text, found a list") == true)
}

@Test func manyUnknownKeysStayCheap() throws {
    let keys = (0..<5_000).map { "    \(String(repeating: "k", count: 100))\($0): 1" }.joined(separator: "\n")
    let text = header + "users:\n  alice:\n" + keys + "\n"
    let error = try #require(throws: SpecValidationError.self) { try SpecLoader.load([source("users.yaml", text)]) }
    #expect(error.diagnostics.count == DiagnosticLog.errorLimit + 1)
}

@Test func anExpiryTheRendererCannotWriteIsAnErrorAtItsPosition() throws {
    let text = header + "users:\n  a: { expire: 0000-01-01 }\n  b: { expire: 1582-10-10 }\n  c: { expire: 9999-12-31 }\n"
    let error = try #require(throws: SpecValidationError.self) { try SpecLoader.load([source("users.yaml", text)]) }
    #expect(error.errors.map(\.location.description) == ["users.yaml:5:16", "users.yaml:6:16"])
    #expect(error.errors.allSatisfy { $0.message.contains("outside 1970 to 9999") })
}
