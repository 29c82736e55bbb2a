import Foundation
import Testing
@testable import Reconciler

private let usersYAML = "version: 1\nproxy: { host: proxy.example.com }\nusers:\n  alice: {}\n"

@Suite("GitSource over file and path remotes")
struct GitSourceTests {
    @Test func firstFetchReadsUsersTemplateAndStatus() async throws {
        let repo = try TestRepository()
        let id = try repo.commitAndPush([
            "users.yaml": usersYAML, "telemt.toml": "[general]\n", "status/n1.yaml": "node: n1\n",
            "README.md": "not read\n",
        ], message: "Add alice\n\nlonger body")
        let source = try GitSource(repo.configuration())
        let (fetch, revision) = try await source.fetchAndRead()
        #expect(fetch.change == .initial(id))
        #expect(fetch.desiredCommit == id)
        #expect(fetch.downloaded)
        #expect(revision.commit == id)
        #expect(revision.subject == "Add alice")
        #expect(revision.author == "Admin <admin@example.com>")
        #expect(revision.userFiles == [DesiredFile(path: "users.yaml", bytes: Array(usersYAML.utf8))])
        #expect(revision.telemtTemplate?.bytes == Array("[general]\n".utf8))
        #expect(revision.statusFiles.map(\.path) == ["status/n1.yaml"])
        #expect(!revision.files.contains { $0.path == "README.md" })
    }

    @Test func fileURLAndSplitUsersDirectoryAreSorted() async throws {
        let repo = try TestRepository()
        try repo.commitAndPush(["users/zeta.yaml": "b: 1\n", "users/alpha.yaml": "a: 1\n", "users/notes.txt": "x"])
        let source = try GitSource(repo.configuration(url: "file://" + repo.remote.path))
        let (_, revision) = try await source.fetchAndRead()
        #expect(revision.userFiles.map(\.path) == ["users/alpha.yaml", "users/zeta.yaml"])
        #expect(revision.telemtTemplate == nil)
    }

    @Test func nothingNewDownloadsNothingAndKeepsTheTip() async throws {
        let repo = try TestRepository()
        let id = try repo.commitAndPush(["users.yaml": usersYAML])
        let source = try GitSource(repo.configuration())
        _ = try await source.fetch()
        let again = try await source.fetch()
        #expect(again.change == .unchanged(id))
        #expect(!again.downloaded)
        #expect(!again.desiredChanged)
    }

    @Test func advanceIsReportedAndTheNewContentRead() async throws {
        let repo = try TestRepository()
        let first = try repo.commitAndPush(["users.yaml": usersYAML])
        let source = try GitSource(repo.configuration())
        _ = try await source.fetch()
        let second = try repo.commitAndPush(["users.yaml": usersYAML + "  bob: {}\n"])
        let (fetch, revision) = try await source.fetchAndRead()
        #expect(fetch.change == .advanced(from: first, to: second))
        #expect(fetch.desiredChanged)
        #expect(String(decoding: revision.userFiles[0].bytes, as: UTF8.self).contains("bob"))
    }

    @Test func forcePushIsFollowedAndReportedAsRewritten() async throws {
        let repo = try TestRepository()
        try repo.commitAndPush(["users.yaml": usersYAML])
        let old = try repo.commitAndPush(["users.yaml": usersYAML + "  bob: {}\n"])
        let source = try GitSource(repo.configuration())
        _ = try await source.fetch()
        try repo.git("reset", "-q", "--hard", "HEAD~1")
        let new = try repo.commit(["users.yaml": usersYAML + "  carol: {}\n"])
        try repo.push(force: true)
        let fetch = try await source.fetch()
        #expect(fetch.change == .rewritten(from: old, to: new))
        #expect(fetch.change.description == "history rewritten: \(old.short) → \(new.short)")
        let revision = try await source.read(fetch.desiredCommit)
        #expect(String(decoding: revision.userFiles[0].bytes, as: UTF8.self).contains("carol"))
    }

    @Test func subPathSelectsAMonorepoDirectory() async throws {
        let repo = try TestRepository()
        try repo.commitAndPush(["users.yaml": "root\n", "deploy/proxy/users.yaml": "nested\n",
                                "deploy/proxy/status/a.yaml": "s\n"])
        var configuration = repo.configuration()
        configuration.subPath = "deploy/proxy/"
        let (_, revision) = try await GitSource(configuration).fetchAndRead()
        #expect(revision.subPath == "deploy/proxy")
        #expect(revision.userFiles.map { String(decoding: $0.bytes, as: UTF8.self) } == ["nested\n"])
        #expect(revision.statusFiles.map(\.path) == ["status/a.yaml"])
    }

    @Test func tagsAndPinnedCommitsResolve() async throws {
        let repo = try TestRepository()
        let tagged = try repo.commitAndPush(["users.yaml": "v1\n"])
        try repo.git("tag", "-a", "-m", "release", "v1")
        try repo.git("push", "-q", "origin", "v1")
        let pinned = try repo.commitAndPush(["users.yaml": "v2\n"])
        try repo.commitAndPush(["users.yaml": "v3\n"])
        var configuration = repo.configuration(cache: "tag.git")
        configuration.ref = .tag("v1")
        #expect(try await GitSource(configuration).fetch().desiredCommit == tagged)
        configuration = repo.configuration(cache: "pin.git")
        configuration.ref = .commit(pinned)
        let (fetch, revision) = try await GitSource(configuration).fetchAndRead()
        #expect(fetch.desiredCommit == pinned)
        #expect(revision.userFiles[0].bytes == Array("v2\n".utf8))
    }
}
