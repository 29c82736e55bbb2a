import Foundation
import Synchronization
import TestSupport
import Testing
@testable import Reconciler

/// libgit2 blocks while a fetch waits for a silent server; that wait happens on each source's own
/// thread, so Swift's cooperative pool (as wide as the machine has cores) keeps running other work.
@Suite(.serialized)
struct GitSourceExecutorTests {
    /// A server that accepts connections and never answers.
    static func silentServer() throws -> LoopbackServer {
        try LoopbackServer { port in
            ["python3", "-c", """
             import socket, time
             s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
             s.bind(("127.0.0.1", \(port))); s.listen(64); held = []
             while True: held.append(s.accept())
             """]
        }
    }

    @Test func libgit2WorkRunsOnTheSourcesOwnQueueNotTheCooperativePool() async throws {
        let scratch = try TemporaryDirectory("executor")
        let options = GitSourceOptions(repository: "git://127.0.0.1:9/users.git", branch: "main", stateDirectory: scratch.path("state"))
        let source = try GitSource(try options.configuration())
        #expect(await source.runningExecutor() == "telemt-gitops.git")
        #expect(BlockingExecutor.current == nil, "the test itself runs on the cooperative pool")
    }

    @Test func aHangingFetchEndsAtItsDeadlineWhileOtherWorkGoesOn() async throws {
        let server = try Self.silentServer()
        let scratch = try TemporaryDirectory("executor")
        let options = GitSourceOptions(repository: "git://127.0.0.1:\(server.port)/users.git", branch: "main",
                                       stateDirectory: scratch.path("state"), timeoutSeconds: 20)
        let source = try GitSource(try options.configuration())
        let started = ContinuousClock.now
        let done = Mutex(false)
        let fetch = Task {
            defer { done.withLock { $0 = true } }
            _ = try await source.fetch()
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(await Task { (1...1_000).reduce(0, +) }.value == 500_500)
        #expect(!done.withLock { $0 }, "other work ran while the fetch was still waiting")
        await #expect(throws: GitSourceError.self) { try await fetch.value }
        // 20 s leave a machine busy with the whole suite (two cores, other tests blocking threads) time to run the other task first.
        #expect(ContinuousClock.now - started < .seconds(30), "the fetch ended at its deadline")
    }
}
