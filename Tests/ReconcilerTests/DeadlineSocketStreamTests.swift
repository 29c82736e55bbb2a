import Foundation
import Testing
import TestSupport
@testable import Reconciler

/// A remote that accepts the connection and then never answers must time out, not hang,
/// on every network transport; the cache stays usable afterwards.
@Suite("Deadlines on hanging remotes", .serialized)
struct DeadlineSocketStreamTests {
    static let schemes = ["git", "http", "ssh"]

    @Test(arguments: schemes)
    func hangingRemoteTimesOutAndTheCacheStaysUsable(scheme: String) async throws {
        let repo = try TestRepository()
        let id = try repo.commitAndPush(["users.yaml": "a\n"])
        let hanging = try LoopbackServer.hanging()
        let keys = try TemporaryDirectory("keys")
        var configuration = repo.configuration(url: "\(scheme)://127.0.0.1:\(hanging.port)/remote.git")
        if scheme == "ssh" {
            try Shell.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.path("key").path])
            try Data().write(to: keys.path("known_hosts"))
            configuration.authentication = .ssh(privateKey: keys.path("key"), knownHosts: keys.path("known_hosts"))
        }
        configuration.timeout = .seconds(2)
        configuration.idleTimeout = .milliseconds(700)
        // Timed on the source's own queue: getting back onto the cooperative pool, which other
        // suites' blocking test helpers keep busy at the start of a run, is not the fetch's time.
        let (result, elapsed) = try await GitSource(configuration).timedFetch()
        guard case .failure(let error) = result else { Issue.record("a hanging remote was fetched"); return }
        guard case .timedOut(_, _, let seconds) = error else { Issue.record("\(error)"); return }
        #expect(seconds == 2)
        #expect(elapsed < .seconds(10))
        #expect(error.description.contains("stopped answering"))
        configuration.url = repo.remote.path
        configuration.authentication = .none
        #expect(try await GitSource(configuration).fetch().desiredCommit == id)
        withExtendedLifetime(hanging) {}
    }

    @Test func durationConversionsAreExact() {
        #expect(Duration.milliseconds(1500).nanoseconds == 1_500_000_000)
        #expect(Duration.seconds(-1).nanoseconds == 0)
        #expect(Duration.seconds(2).seconds == 2)
    }
}
