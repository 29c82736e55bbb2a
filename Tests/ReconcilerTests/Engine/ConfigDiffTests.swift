import Foundation
import Testing
import TestSupport
@testable import Reconciler

/// The config diff: read without elision it rebuilds both texts (masked), it never shows a secret,
/// and elided runs account for every unchanged line.
struct ConfigDiffTests {
    /// A config of `users` with a few tables, as the renderer writes it.
    static func config(_ users: [(name: String, secret: String, conns: Int)], port: Int) -> [UInt8] {
        var text = "[general]\nuse_middle_proxy = false\n\n[server]\nport = \(port)\n\n[access.users]\n"
        for user in users { text += "\(user.name) = \"\(user.secret)\"\n" }
        text += "\n[access.user_max_tcp_conns]\n"
        for user in users { text += "\(user.name) = \(user.conns)\n" }
        return Array(text.utf8)
    }

    /// The masked lines a reader should see, by an independent rule: values under `[access.users]`.
    static func masked(_ bytes: [UInt8]) -> [String] {
        var inUsers = false
        return String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n").map { line in
            if line.hasPrefix("[") { inUsers = line == "[access.users]" }
            guard inUsers, !line.hasPrefix("["), let equals = line.firstIndex(of: "=") else { return line }
            return String(line[..<equals]) + "= \"<secret>\""
        }
    }

    static func randomUsers(_ random: inout SeededGenerator, count: Int) -> [(name: String, secret: String, conns: Int)] {
        (0..<count).map { index in
            ("u\(String(index, radix: 36))", (0..<32).map { _ in String(Int.random(in: 0..<16, using: &random), radix: 16) }.joined(),
             Int.random(in: 1...9, using: &random))
        }
    }

    @Test func readWithoutElisionTheDiffRebuildsBothTexts() {
        var random = SeededGenerator(seed: 8)
        for _ in 0..<60 {
            var users = Self.randomUsers(&random, count: Int.random(in: 0...40, using: &random))
            let old = Self.config(users, port: 443)
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let index = Int.random(in: 0...users.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: users.insert(("new\(index)", String(repeating: "a", count: 32), 2), at: index)
                case 1 where index < users.count: users.remove(at: index)
                case 2 where index < users.count: users[index].secret = String(repeating: "b", count: 32)
                default: if index < users.count { users[index].conns += 1 }
                }
            }
            let new = Self.config(users, port: Bool.random(using: &random) ? 443 : 8443)
            let diff = ConfigDiff(old: old, new: new, context: 1_000_000, maxLines: 1_000_000)
            guard old != new else {
                #expect(diff.lines.isEmpty)
                continue
            }
            let oldSide = diff.lines.filter { $0.hasPrefix("  ") || $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
            let newSide = diff.lines.filter { $0.hasPrefix("  ") || $0.hasPrefix("+ ") }.map { String($0.dropFirst(2)) }
            #expect(oldSide == Self.masked(old))
            #expect(newSide == Self.masked(new))
            #expect(diff.isEmpty == (old == new))
            for user in users { #expect(!diff.lines.contains { $0.contains(user.secret) }) }
        }
    }

    @Test func elidedRunsCountEveryUnchangedLine() {
        var random = SeededGenerator(seed: 9)
        var users = Self.randomUsers(&random, count: 500)
        let old = Self.config(users, port: 443)
        users.append(("zz", String(repeating: "c", count: 32), 3))
        users.remove(at: 10)
        let new = Self.config(users, port: 443)
        let diff = ConfigDiff(old: old, new: new)
        let elided = diff.lines.compactMap { line -> Int? in
            guard line.hasPrefix("@@ "), line.hasSuffix(" unchanged lines @@") else { return nil }
            return Int(line.dropFirst(3).prefix { $0.isNumber })
        }
        let shownOld = diff.lines.filter { $0.hasPrefix("  ") || $0.hasPrefix("- ") }.count
        #expect(elided.reduce(0, +) + shownOld == Self.masked(old).count)
        #expect(diff.lines.filter { $0.hasPrefix("+ ") } == ["+ zz = \"<secret>\"", "+ zz = 3"])
        #expect(diff.lines.filter { $0.hasPrefix("- ") }.count == 2)
        #expect(diff.lines.count < 30)
    }

    @Test func aLongDiffIsCutAndSaysSo() {
        var random = SeededGenerator(seed: 10)
        let diff = ConfigDiff(old: nil, new: Self.config(Self.randomUsers(&random, count: 3_000), port: 443), maxLines: 100)
        #expect(diff.lines.count == 101)
        #expect(diff.lines.last == "@@ diff cut at 100 lines @@")
        #expect(ConfigDiff(old: Self.config([], port: 1), new: Self.config([], port: 1)).lines.isEmpty)
    }
}
