import TestSupport
import Testing
@testable import Reconciler

@Suite("Repository paths")
struct RepoPathTests {
    @Test func subPathsAreNormalised() throws {
        #expect(try RepoPath.normalizeSubPath("") == "")
        #expect(try RepoPath.normalizeSubPath("a//b/") == "a/b")
        #expect(throws: GitSourceError.self) { try RepoPath.normalizeSubPath("/etc") }
        #expect(throws: GitSourceError.self) { try RepoPath.normalizeSubPath("a/../b") }
        #expect(throws: GitSourceError.self) { try RepoPath.normalizeSubPath("./a") }
    }

    @Test func normalisedPathsNeverEscape() {
        var generator = SeededGenerator(seed: 1)
        let pieces = ["a", "..", ".", "/", "b", "//", "x.y"]
        for _ in 0..<3000 {
            let raw = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            guard let normal = try? RepoPath.normalizeSubPath(raw) else { continue }
            #expect(!normal.hasPrefix("/"))
            #expect(!normal.split(separator: "/").contains { $0 == ".." || $0 == "." || $0.isEmpty })
        }
    }

    @Test func nodeNames() {
        #expect(RepoPath.isValidNodeName("proxy-1.eu_west"))
        for bad in ["", ".", "..", "a/b", "a b", "é", String(repeating: "a", count: 65)] {
            #expect(!RepoPath.isValidNodeName(bad), "\(bad)")
        }
    }

    @Test func entryNames() {
        #expect(RepoPath.isSafeName("users.yaml"))
        for bad in ["", ".", "..", "a/b", "a\\b", "a\0b"] { #expect(!RepoPath.isSafeName(bad)) }
    }
}
