import Foundation
import Testing
import TestSupport
@testable import Spec

/// A large users.yaml parsed in pieces gives exactly what the whole file gives: the same users
/// (with their positions), the same warnings, and for a broken file the same errors.
struct SpecChunksTests {
    /// About `count` users in the plain layout, with the shapes a real file has: comments, blank
    /// lines, quoted names, block scalars, explicit secrets (a warning), flow mappings.
    static func spec(users count: Int, seed: UInt64, broken: Int? = nil) -> String {
        var random = SeededGenerator(seed: seed)
        var out = "version: 1\nproxy: { host: proxy.example.com }\ntimezone: Europe/Moscow\ndefaults: { data_limit: 50 GiB }\nusers:\n"
        for index in 0..<count {
            let name = Bool.random(using: &random) ? "user\(index)" : "\"user.\(index)\""
            switch Int.random(in: 0..<6, using: &random) {
            case 0: out += "  \(name): {}\n"
            case 1: out += "  # team \(index)\n\n  \(name):\n    data_limit: \(index % 90 + 1) GiB\n    reset: monthly\n"
            case 2: out += "  \(name):\n    note: |\n      line one of \(index)\n      line two\n    disabled: true\n"
            case 3: out += "  \(name): { max_connections: \(index % 9 + 1), expire: 2027-03-15 }\n"
            case 4: out += "  \(name):\n    secret: \(String(format: "ab%030x", index))\n"
            default: out += "  \(name):\n    on_hold: 30d\n"
            }
            if index == broken { out += "    data_limit: lots\n" }
        }
        return out
    }

    static func both(_ text: String) -> (chunked: (state: DesiredState?, log: DiagnosticLog)?, whole: (state: DesiredState?, log: DiagnosticLog)?) {
        let source = [SpecSource(path: "users.yaml", bytes: Array(text.utf8))]
        return (SpecLoader.attempt(source, cache: nil, chunked: true), SpecLoader.attempt(source, cache: nil, chunked: false))
    }

    @Test func piecesGiveTheUsersAndWarningsOfTheWholeFile() throws {
        let text = Self.spec(users: 20_000, seed: 3)
        #expect(text.utf8.count >= SpecChunks.minimumSize)
        let pieces = try #require(SpecChunks.split(SpecSource(path: "users.yaml", bytes: Array(text.utf8))))
        #expect(pieces.count == 20_000 / SpecChunks.usersPerChunk + 1 || pieces.count == 20_000 / SpecChunks.usersPerChunk)
        let (chunked, whole) = Self.both(text)
        let state = try #require(chunked?.state)
        #expect(state == whole?.state && state.users.count == 20_000)
        #expect(chunked?.log.sorted() == whole?.log.sorted() && whole?.log.sorted().isEmpty == false, "the explicit secrets warn alike")
        #expect(try SpecLoader.load([SpecSource(path: "users.yaml", bytes: Array(text.utf8))]).state == whole?.state)
    }

    @Test func aBrokenLargeFileReportsWhatTheWholeFileReports() {
        let text = Self.spec(users: 20_000, seed: 4, broken: 17_000)
        let source = SpecSource(path: "users.yaml", bytes: Array(text.utf8))
        #expect(throws: SpecValidationError.self) { try SpecLoader.load([source]) }
        do {
            _ = try SpecLoader.load([source])
        } catch {
            #expect(error.diagnostics == Self.both(text).whole?.log.sorted())
            #expect(error.diagnostics.contains { $0.severity == .error && $0.location.line > 40_000 })
        }
        let duplicate = Self.spec(users: 20_000, seed: 5) + "  user1: {}\n  user1: {}\n"
        #expect(throws: SpecValidationError.self) { try SpecLoader.load([SpecSource(path: "users.yaml", bytes: Array(duplicate.utf8))]) }
    }

    @Test func onlyThePlainLayoutIsCut() {
        let large = Self.spec(users: 20_000, seed: 6)
        let cut = { (text: String) in SpecChunks.split(SpecSource(path: "users.yaml", bytes: Array(text.utf8))) != nil }
        #expect(cut(large))
        #expect(!cut(Self.spec(users: 100, seed: 7)), "small files are parsed whole")
        #expect(!cut(large + "extra: 1\n"), "a section after users")
        #expect(!cut(large + "  anchored: &base {}\n  aliased: *base\n"), "anchors and aliases")
        #expect(!cut(large + "---\nversion: 1\n"), "a second document")
    }

    @Test func aCacheReparsesOnlyThePieceThatChanged() throws {
        let cache = SpecParseCache()
        let text = Self.spec(users: 20_000, seed: 8)
        let first = try SpecLoader.load([SpecSource(path: "users.yaml", bytes: Array(text.utf8))], cache: cache)
        let added = try SpecLoader.load([SpecSource(path: "users.yaml", bytes: Array((text + "  zz-new: {}\n").utf8))], cache: cache)
        #expect(added.state.users.count == first.state.users.count + 1)
        #expect(added.state.users.last?.name == "zz-new" || added.state.users.contains { $0.name == "zz-new" })
        #expect(cache.count == 20_000 / SpecChunks.usersPerChunk + 1 || cache.count == 20_000 / SpecChunks.usersPerChunk)
    }
}
