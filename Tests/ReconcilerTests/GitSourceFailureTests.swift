import Foundation
import Testing
@testable import Reconciler

@Suite("GitSource failures leave the cache usable")
struct GitSourceFailureTests {
    @Test func emptyRepositoryIsAClearErrorThenRecovers() async throws {
        let repo = try TestRepository()
        let source = try GitSource(repo.configuration())
        await #expect(throws: GitSourceError.emptyRemote(remote: repo.remote.path)) { try await source.fetch() }
        let id = try repo.commitAndPush(["users.yaml": "a\n"])
        #expect(try await source.fetch().desiredCommit == id)
    }

    @Test func deletedBranchNamesTheRefAndTheCacheKeepsServing() async throws {
        let repo = try TestRepository()
        let id = try repo.commitAndPush(["users.yaml": "a\n"])
        try repo.git("push", "-q", "origin", "HEAD:other")
        let source = try GitSource(repo.configuration())
        _ = try await source.fetch()
        try Shell.run(["git", "--git-dir", repo.remote.path, "update-ref", "-d", "refs/heads/main"])
        let error = try #require(await #expect(throws: GitSourceError.self) { try await source.fetch() })
        guard case .refNotFound(_, let ref, let available) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(ref == "refs/heads/main")
        #expect(available == ["refs/heads/other"])
        #expect(error.description.contains("deleted"))
        #expect(try await source.lastDesiredCommit() == id)
        #expect(try await source.read(id).commit == id)
    }

    @Test func repositoryWithoutUsersFileNamesTheCommit() async throws {
        let repo = try TestRepository()
        let id = try repo.commitAndPush(["README.md": "hi\n"])
        let source = try GitSource(repo.configuration())
        await #expect(throws: GitSourceError.noUsersFile(commit: id, subPath: "")) {
            _ = try await source.fetchAndRead()
        }
        let fixed = try repo.commitAndPush(["users.yaml": "a\n"])
        #expect(try await source.fetchAndRead().revision.commit == fixed)
    }

    @Test func hugeFileIsRefusedByHeaderBeforeLoading() async throws {
        let repo = try TestRepository()
        let big = String(repeating: "x", count: 300_000)
        let id = try repo.commitAndPush(["users.yaml": "a\n", "users/big.yaml": big])
        var configuration = repo.configuration()
        configuration.limits.maxFileBytes = 100_000
        let source = try GitSource(configuration)
        let fetch = try await source.fetch()
        await #expect(throws: GitSourceError.fileTooLarge(commit: id, path: "users/big.yaml", bytes: 300_000,
                                                           limitBytes: 100_000)) {
            _ = try await source.read(fetch.desiredCommit)
        }
        let fixed = try repo.commitAndPush(["users/big.yaml": nil])
        #expect(try await source.fetchAndRead().revision.commit == fixed)
    }

    @Test func fetchLargerThanTheLimitIsAbortedAndRetriable() async throws {
        let repo = try TestRepository()
        var random = SystemRandomNumberGenerator()
        let noise = (0..<400_000).map { _ in String(UInt8.random(in: 0...255, using: &random), radix: 16) }.joined()
        try repo.commitAndPush(["users.yaml": "a\n", "blob.bin": noise])
        var configuration = repo.configuration(url: "file://" + repo.remote.path)
        configuration.limits.maxFetchBytes = 50_000
        let limited = try GitSource(configuration)
        await #expect(throws: GitSourceError.fetchTooLarge(remote: "file://" + repo.remote.path, limitBytes: 50_000)) {
            _ = try await limited.fetch()
        }
        configuration.limits.maxFetchBytes = 64 << 20
        #expect(try await GitSource(configuration).fetch().downloaded)
    }

    @Test func symlinkedUsersFileIsRefused() async throws {
        let repo = try TestRepository()
        try repo.commit(["target.yaml": "a\n"])
        try FileManager.default.createSymbolicLink(atPath: repo.work.appendingPathComponent("users.yaml").path,
                                                   withDestinationPath: "target.yaml")
        let id = try repo.commitAndPush([:])
        let source = try GitSource(repo.configuration())
        await #expect(throws: GitSourceError.unexpectedEntry(commit: id, path: "users.yaml", found: "symbolic link",
                                                              expected: "file")) {
            _ = try await source.fetchAndRead()
        }
    }

    @Test func invalidConfigurationIsRefusedUpFront() throws {
        let cache = URL(fileURLWithPath: "/tmp/unused")
        #expect(throws: GitSourceError.self) { try GitSource(.init(url: "/r", ref: .branch("a..b"), cacheDirectory: cache)) }
        #expect(throws: GitSourceError.self) { try GitSource(.init(url: "/r", subPath: "../x", cacheDirectory: cache)) }
        #expect(throws: GitSourceError.self) { try GitSource(.init(url: "/r", ref: .branch("-x"), cacheDirectory: cache)) }
    }
}
