import Foundation
import TestSupport
import Testing
@testable import Spec

/// Writes random valid specs as YAML text, in varied styles, together with the users they must load as.
struct RandomSpecWriter {
    var random: SeededGenerator

    mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    mutating func number(below limit: UInt64) -> Int { Int(random.next() % limit) }

    /// One field as YAML text and the value it stands for, applied to `user`.
    mutating func field(_ field: UserField, into user: inout UserSpec) -> String {
        switch field {
        case .dataLimit:
            let unit = pick(DataLimit.units)
            let count = UInt64(number(below: 10_000))
            user.dataLimit = .bytes(count * unit.multiplier)
            return chance(50) ? "\(count)\(pick(["", " "]))\(unit.name)" : "\"\(count) \(unit.name)\""
        case .reset:
            user.reset = pick(ResetPeriod.allCases)
            return user.reset.rawValue
        case .maxConnections, .maxUniqueIPs, .rotate:
            let value = number(below: 100_000)
            if field == .maxConnections { user.maxConnections = value }
            if field == .maxUniqueIPs { user.maxUniqueIPs = value }
            if field == .rotate { user.rotate = value }
            return String(value)
        case .expire:
            let seconds = 1_700_000_000 + number(below: 400_000_000)
            let offset = (number(below: 49) - 24) * 1_800
            user.expire = Date(timeIntervalSince1970: TimeInterval(seconds))
            return Self.rfc3339(seconds: seconds, offset: offset)
        case .note:
            let note = String((0..<(1 + number(below: 30))).map { _ in pick(Array("abc XYZ:#-'\"\\é日 ")) })
                .trimmingCharacters(in: .whitespaces) + "x"
            user.note = note
            return "\"" + note.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .disabled:
            user.disabled = chance(50)
            return String(user.disabled)
        case .secret:
            let hex = (0..<2).map { _ in String(format: "%016llx", random.next()) }.joined()
            user.secret = hex
            return chance(50) ? hex.uppercased() : hex
        case .plan, .nodes, .replicas:
            preconditionFailure("fleet fields are written by FleetPropertyTests")
        case .onHold:
            let unit = pick(SpecDuration.units)
            let count = 1 + number(below: 500)
            user.onHold = SpecDuration(seconds: Int64(count) * unit.seconds)
            return "\(count)\(unit.name)"
        }
    }

    /// The fields written here: every user field but the fleet ones.
    static let scalarFields = UserField.allCases.filter { ![.plan, .nodes, .replicas].contains($0) }

    static func rfc3339(seconds: Int, offset: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: offset)
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// A whole document and the users it defines.
    mutating func document(users count: Int) -> (text: String, users: [UserSpec]) {
        var lines = ["version: 1", "proxy: { host: proxy.example.com, port: 8443 }", "users:"]
        var users: [UserSpec] = []
        for index in 0..<count {
            let name = "user-\(index).\(pick(["a", "B_c", "x-y"]))"
            var user = UserSpec(name: name)
            var fields = Self.scalarFields.filter { _ in chance(40) }
            if fields.contains(.expire) { fields.removeAll { $0 == .onHold } }
            let written = fields.map { "\($0.rawValue): \(field($0, into: &user))" }
            if written.isEmpty {
                lines.append("  \(name):\(pick(["", " {}", " ~"]))")
            } else if chance(50) {
                lines.append("  \(name): { \(written.joined(separator: ", ")) }")
            } else {
                lines.append("  \(name):")
                lines += written.map { "    " + $0 }
            }
            users.append(user)
        }
        return (lines.joined(separator: "\n") + "\n", users)
    }
}

/// Property: random valid specs load back to exactly the values they were written from.
@Test func randomSpecsLoadBackToTheirValues() throws {
    var writer = RandomSpecWriter(random: SeededGenerator(seed: 2_027))
    for iteration in 0..<200 {
        let (text, users) = writer.document(users: 1 + writer.number(below: 12))
        let loaded = try SpecLoader.load([source("users.yaml", text)])
        let comparable = loaded.state.users.map { user -> UserSpec in
            var copy = user
            copy.location = .unknown
            return copy
        }
        #expect(comparable == users.sorted { $0.name < $1.name }, "iteration \(iteration):\n\(text)")
        #expect(loaded.state.proxy.port == 8443)
        #expect(loaded.warnings.count == users.filter { $0.secret != nil }.count)
    }
}
