import Foundation
import Spec
import TestSupport
import Testing

/// The JSON Schema and the loader accept exactly the same documents, over thousands of generated ones.
/// A few checks need knowledge a schema cannot carry (calendars, time zone names, host names, secrets
/// shared by two users, a decimal `1000.0` where YAML tells floats from integers and JSON does not, and
/// `proxy` that split files define once); documents with such values are generated too, and the loader
/// must refuse them.
@Suite struct SchemaAgreementTests {
    /// A value and whether only the loader can refuse it.
    struct Sample {
        var node: JSONNode
        var loaderOnly = false
    }

    static func pool(_ nodes: [JSONNode], loaderOnly: [JSONNode] = []) -> [Sample] {
        nodes.map { Sample(node: $0) } + loaderOnly.map { Sample(node: $0, loaderOnly: true) }
    }

    static let integers = pool([.int(0), .int(1), .int(-1), .int(8), .int(65_535), .int(65_536), .double(1.5),
                                .string("8"), .bool(true), .null], loaderOnly: [.double(1000)])
    static let sizes = pool([.string("50 GiB"), .string("0 GiB"), .string("0.0 KB"), .string("1.5"), .string("unlimited"),
                             .string("5 gib"), .string("0.1 B"), .int(0), .int(1_024), .double(1.5), .string("")], loaderOnly: [.double(2048)])
    static let dates = pool([.string("2027-01-01"), .string("2027-13-01"), .string("2027-01-01T12:00:00Z"),
                             .string("2027-01-01T12:00:00"), .string("01.02.2027"), .int(2027)],
                            loaderOnly: [.string("2027-02-30"), .string("1969-12-31")])
    static let durations = pool([.string("30d"), .string("0d"), .string("30"), .int(30), .string("1w")])
    static let booleans = pool([.bool(true), .bool(false), .string("yes"), .int(1), .null])
    static let texts = pool([.string("Marketing laptop"), .string(""), .int(5), .bool(true), .double(1.5)])
    static let resets = pool([.string("monthly"), .string("fortnightly"), .string("none")])
    static let secrets = pool([.string("0123456789abcdef0123456789ABCDEF"), .string("xyz")])
    static let hosts = pool([.string("proxy.example.com"), .string("1.2.3.4"), .string("")], loaderOnly: [.string("https://x.example")])
    static let domains = pool([.string("www.example.com"), .string("-bad"), .string(""), .int(5)])
    static let zones = pool([.string("UTC"), .string("Europe/Moscow")], loaderOnly: [.string("Europe/Moskow"), .string("UTC+3")])

    static let userFields: [(String, [Sample])] = [
        ("data_limit", sizes), ("reset", resets), ("max_connections", integers), ("max_unique_ips", integers),
        ("expire", dates), ("note", texts), ("disabled", booleans), ("rotate", integers), ("secret", secrets),
        ("on_hold", durations), ("data_limt", texts),
    ]

    /// Builds one document; `loaderOnly` is set when it holds a value only the loader can refuse.
    struct Generator {
        var random: SeededGenerator
        var loaderOnly = false
        var secretsUsed = 0

        mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

        mutating func pick(_ samples: [Sample]) -> JSONNode {
            let sample = samples[Int(random.next() % UInt64(samples.count))]
            loaderOnly = loaderOnly || sample.loaderOnly
            return sample.node
        }

        mutating func user(fields: Int) -> JSONNode {
            var members: [(String, JSONNode)] = []
            for _ in 0..<fields {
                let (key, samples) = SchemaAgreementTests.userFields[Int(random.next() % UInt64(SchemaAgreementTests.userFields.count))]
                guard !members.contains(where: { $0.0 == key }) else { continue }
                let value = pick(samples)
                if key == "secret", case .string(let text) = value, text.count == 32 { secretsUsed += 1 }
                members.append((key, value))
            }
            return .object(members)
        }

        mutating func proxy() -> JSONNode {
            guard chance(92) else { return chance(50) ? .null : .string("proxy.example.com") }
            var members: [(String, JSONNode)] = []
            if chance(92) { members.append(("host", pick(SchemaAgreementTests.hosts))) }
            if chance(40) { members.append(("port", pick(SchemaAgreementTests.integers))) }
            if chance(30) { members.append(("tls_domain", pick(SchemaAgreementTests.domains))) }
            if chance(3) { members.append(("hots", .string("x"))) }
            return .object(members)
        }

        mutating func document() -> JSONNode {
            var root: [(String, JSONNode)] = []
            if chance(95) { root.append(("version", chance(90) ? .int(1) : pick(SchemaAgreementTests.integers))) }
            if chance(95) { root.append(("proxy", proxy())) } else { loaderOnly = true }
            if chance(30) { root.append(("timezone", pick(SchemaAgreementTests.zones))) }
            if chance(25) { root.append(("defaults", chance(80) ? user(fields: 2) : .null)) }
            if chance(96) {
                var users: [(String, JSONNode)] = []
                for name in ["alice", "bob", "bad name", "carol"] where chance(name == "bad name" ? 4 : 60) {
                    users.append((name, chance(10) ? .null : user(fields: Int(random.next() % 4))))
                }
                root.append(("users", .object(users)))
            }
            if chance(3) { root.append(("usres", .object([]))) }
            loaderOnly = loaderOnly || secretsUsed > 1
            return .object(root)
        }
    }

    @Test func theSchemaAndTheLoaderAgreeOnEveryGeneratedDocument() throws {
        let validator = try JSONSchemaValidator(SpecSchema.jsonSchema())
        var random = SeededGenerator(seed: 0x5C_4E_3A)
        var disagreements: [String] = []
        var (accepted, rejected, loaderOnly) = (0, 0, 0)
        for _ in 0..<4_000 {
            var generator = Generator(random: random)
            let document = generator.document()
            random = generator.random
            let text = document.text
            var reason = ""
            do {
                _ = try SpecLoader.load([SpecSource(path: "users.yaml", bytes: Array(text.utf8))])
            } catch {
                reason = error.errors.map(\.message).joined(separator: "; ")
            }
            let loads = reason.isEmpty
            let valid = validator.accepts(document)
            if generator.loaderOnly, valid {
                loaderOnly += 1
                if loads { disagreements.append("loader accepts a value it must refuse: \(text)") }
                continue
            }
            if loads != valid { disagreements.append("loader \(loads ? "accepts" : "refuses (\(reason))"), schema \(valid ? "accepts" : "refuses"): \(text)") }
            if loads { accepted += 1 } else { rejected += 1 }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, e.g.\n\(disagreements.prefix(40).joined(separator: "\n"))")
        #expect(accepted > 100 && rejected > 1_000 && loaderOnly > 50, "accepted \(accepted), rejected \(rejected), loader-only \(loaderOnly)")
    }
}
