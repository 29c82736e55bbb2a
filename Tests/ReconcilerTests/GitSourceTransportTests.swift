import Foundation
import Testing
import TestSupport
@testable import Reconciler

/// Fetch, read and status push over real transports started on loopback by the tests.
@Suite("Transports: git://, ssh://, http://", .serialized)
struct GitSourceTransportTests {
    @Test func gitDaemonFetchesAndAcceptsStatusPush() async throws {
        let repo = try TestRepository()
        let id = try repo.commitAndPush(["users.yaml": "a\n"])
        let daemon = try LoopbackServer.gitDaemon(base: repo.directory.url)
        let source = try GitSource(repo.configuration(url: "git://127.0.0.1:\(daemon.port)/remote.git"))
        let (fetch, revision) = try await source.fetchAndRead()
        #expect(fetch.desiredCommit == id)
        #expect(revision.userFiles[0].bytes == Array("a\n".utf8))
        let pushed = try await source.writeStatus(node: "n1", contents: Array("ok\n".utf8))
        guard case .pushed(let commit, _, _) = pushed else { Issue.record("\(pushed)"); return }
        #expect(try repo.remoteTip() == commit.hex)
        withExtendedLifetime(daemon) {}
    }

    @Test func sshWithDeployKeyAndKnownHostsFetchesAndPushes() async throws {
        let repo = try TestRepository()
        let id = try repo.commitAndPush(["users.yaml": "a\n"])
        let ssh = try SSHServer(scratch: repo.directory.url)
        var configuration = repo.configuration(url: ssh.url(for: repo.remote))
        configuration.authentication = .ssh(privateKey: ssh.deployKey,
                                            knownHosts: try ssh.writeKnownHosts("other.example ssh-ed25519 AAAA\n" + ssh.knownHostsLine))
        let source = try GitSource(configuration)
        #expect(try await source.fetchAndRead().revision.commit == id)
        let pushed = try await source.writeStatus(node: "n1", contents: Array("ok\n".utf8))
        guard case .pushed(let commit, _, _) = pushed else { Issue.record("\(pushed)"); return }
        #expect(try repo.remoteTip() == commit.hex)
    }

    @Test func hashedKnownHostsEntryIsAccepted() async throws {
        let repo = try TestRepository()
        let id = try repo.commitAndPush(["users.yaml": "a\n"])
        let ssh = try SSHServer(scratch: repo.directory.url)
        let knownHosts = try ssh.writeKnownHosts(ssh.knownHostsLine, name: "hashed")
        try Shell.run(["ssh-keygen", "-H", "-f", knownHosts.path])
        #expect(try String(contentsOf: knownHosts, encoding: .utf8).hasPrefix("|1|"))
        var configuration = repo.configuration(url: ssh.url(for: repo.remote))
        configuration.authentication = .ssh(privateKey: ssh.deployKey, knownHosts: knownHosts)
        #expect(try await GitSource(configuration).fetch().desiredCommit == id)
    }

    @Test func wrongKnownHostsEntryIsRefusedNamingHostAndFingerprint() async throws {
        let repo = try TestRepository()
        try repo.commitAndPush(["users.yaml": "a\n"])
        let ssh = try SSHServer(scratch: repo.directory.url)
        let otherKey = repo.directory.path("other_host_key")
        try Shell.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey.path])
        let otherPublic = try String(contentsOf: otherKey.appendingPathExtension("pub"), encoding: .utf8).split(separator: " ")
        let knownHosts = try ssh.writeKnownHosts("[127.0.0.1]:\(ssh.port) \(otherPublic[0]) \(otherPublic[1])\n")
        var configuration = repo.configuration(url: ssh.url(for: repo.remote))
        configuration.authentication = .ssh(privateKey: ssh.deployKey, knownHosts: knownHosts)
        let source = try GitSource(configuration)
        let expectedFingerprint = try Shell.run(["ssh-keygen", "-l", "-f", ssh.directory.appendingPathComponent("host_ed25519.pub").path])
            .split(separator: " ")[1]
        let error = try #require(await #expect(throws: GitSourceError.self) { try await source.fetch() })
        #expect(error == .hostKeyChanged(host: "[127.0.0.1]:\(ssh.port)", keyType: "ssh-ed25519",
                                         fingerprint: String(expectedFingerprint), knownHosts: knownHosts.path))
        #expect(error.description.contains(String(expectedFingerprint)))
        let unknown = try ssh.writeKnownHosts("[127.0.0.1]:1 \(otherPublic[0]) \(otherPublic[1])\n", name: "unknown")
        configuration.authentication = .ssh(privateKey: ssh.deployKey, knownHosts: unknown)
        await #expect(throws: GitSourceError.hostKeyUnknown(host: "[127.0.0.1]:\(ssh.port)", keyType: "ssh-ed25519",
                                                             fingerprint: String(expectedFingerprint), knownHosts: unknown.path)) {
            try await GitSource(configuration).fetch()
        }
    }

    @Test func sshRejectedKeyIsBoundedAndNamesNoSecret() async throws {
        let repo = try TestRepository()
        try repo.commitAndPush(["users.yaml": "a\n"])
        let ssh = try SSHServer(scratch: repo.directory.url)
        let stranger = repo.directory.path("stranger")
        try Shell.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.path])
        var configuration = repo.configuration(url: ssh.url(for: repo.remote))
        configuration.authentication = .ssh(privateKey: stranger, knownHosts: try ssh.writeKnownHosts(ssh.knownHostsLine))
        let error = try #require(await #expect(throws: GitSourceError.self) { try await GitSource(configuration).fetch() })
        guard case .authenticationRejected(_, let attempts, _) = error else { Issue.record("\(error)"); return }
        #expect(attempts <= configuration.maxAuthAttempts)
    }

    @Test func httpSmartTransportWithRotatedTokenFile() async throws {
        let repo = try TestRepository()
        let id = try repo.commitAndPush(["users.yaml": "a\n"])
        let http = try HTTPBackend.start(root: repo.directory.url, basicAuth: "deploy:s3cret-token", scratch: repo.directory.url)
        let configuration = try repo.tokenConfiguration(url: "http://127.0.0.1:\(http.port)/remote.git", token: "wrong-token")
        let tokenFile = repo.directory.path("token")
        let source = try GitSource(configuration)
        let error = try #require(await #expect(throws: GitSourceError.self) { try await source.fetch() })
        guard case .authenticationRejected(_, let attempts, _) = error else { Issue.record("\(error)"); return }
        #expect(attempts == configuration.maxAuthAttempts)
        #expect(!error.description.contains("wrong-token"))
        try Data("s3cret-token\n".utf8).write(to: tokenFile)
        #expect(try await source.fetchAndRead().revision.commit == id)
        let pushed = try await source.writeStatus(node: "n1", contents: Array("ok\n".utf8))
        guard case .pushed(let commit, _, _) = pushed else { Issue.record("\(pushed)"); return }
        #expect(try repo.remoteTip() == commit.hex)
    }

    @Test func httpUserPasswordFileAndRedactedURL() async throws {
        let repo = try TestRepository()
        let id = try repo.commitAndPush(["users.yaml": "a\n"])
        let http = try HTTPBackend.start(root: repo.directory.url, basicAuth: "bot:pw", scratch: repo.directory.url)
        let file = repo.directory.path("credentials")
        try Data("bot:pw\n".utf8).write(to: file)
        var configuration = repo.configuration(url: "http://127.0.0.1:\(http.port)/remote.git")
        configuration.authentication = .httpUserPassword(file: file)
        configuration.allowInsecureTransport = true
        #expect(try await GitSource(configuration).fetch().desiredCommit == id)
        configuration = repo.configuration(url: "http://bot:hunter2@127.0.0.1:\(http.port)/missing.git", cache: "c2.git")
        configuration.allowInsecureTransport = true
        let error = try #require(await #expect(throws: GitSourceError.self) { try await GitSource(configuration).fetch() })
        #expect(!error.description.contains("hunter2"))
    }
}
