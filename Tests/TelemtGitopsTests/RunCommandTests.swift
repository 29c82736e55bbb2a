import Foundation
import Testing
import TestSupport

/// The suites that start `telemt-gitops run` as real processes, one at a time: each starts daemons,
/// telemt stand-ins and git, and several at once on two cores would time the machine, not the daemon.
@Suite(.serialized) enum DaemonProcesses {}

extension DaemonProcesses {
    /// `telemt-gitops run` as a real process against a real git remote and the telemt stand-in.
    @Suite(.serialized)
    struct RunCommandTests {
        static func users(_ names: [String], extra: String = "") -> String {
            "version: 1\nproxy: { host: p.example.com }\nusers:\n" + names.map { "  \($0): {}\n" }.joined() + extra
        }

        @Test func aSignedWebhookAppliesAPushWithinASecondAndAnUnsignedOneChangesNothing() throws {
            let host = try DaemonHost(users: Self.users(["alice"]), settings: ["interval: 1h"])
            try host.start()
            try host.waitUntilReady()
            #expect(host.configUsers() == ["alice"])

            let bob = try host.push(Self.users(["alice", "bob"]))
            let sent = Date()
            let answer = try host.webhook(commit: bob)
            #expect(answer.status == 202, "\(answer.text)")
            let took = host.wait(timeout: 5) { host.configUsers().contains("bob") }
            #expect(took != nil && Date().timeIntervalSince(sent) < 1.0, "push to config on disk took \(took ?? -1) s: \(host.log.suffix(2_000))")

            let carol = try host.push(Self.users(["alice", "bob", "carol"]))
            #expect(try host.webhook(commit: carol, secret: nil).status == 401)
            #expect(try host.webhook(commit: carol, secret: "wrong").status == 403)
            #expect(try host.webhook(commit: carol, ref: "refs/heads/dev").status == 200)
            usleep(1_500_000)
            #expect(!host.configUsers().contains("carol"), "an unsigned, wrongly signed or other-branch webhook applied nothing")

            host.signal(SIGHUP)
            #expect(host.wait(timeout: 5) { host.configUsers().contains("carol") } != nil, "SIGHUP forces a tick")
            let metrics = try host.get("/metrics").text
            #expect(metrics.contains(#"telemt_gitops_webhooks_total{result="accepted"} 1"#))
            #expect(metrics.contains(#"telemt_gitops_webhooks_total{result="unsigned"} 1"#))
            host.signal(SIGTERM)
            #expect(host.waitForExit(timeout: 10) == 0)
        }

        @Test func theNextExpiryWakesTheDaemonWithoutWaitingForTheInterval() throws {
            let expire = ISO8601DateFormatter().string(from: Date().addingTimeInterval(5))
            let host = try DaemonHost(users: Self.users(["alice"], extra: "  dave: { expire: \(expire) }\n"), settings: ["interval: 1h"])
            try host.start()
            try host.waitUntilReady()
            #expect(host.configUsers() == ["alice", "dave"])
            let disabled = { ((try? String(contentsOf: host.telemt.configURL, encoding: .utf8)) ?? "").contains("\ndave = false\n") }
            #expect(!disabled())
            #expect(host.wait(timeout: 12) { disabled() } != nil, "dave expired on time: \(host.log.suffix(3_000))")
            #expect(host.log.contains("trigger=state change"))
            host.signal(SIGTERM)
            #expect(host.waitForExit(timeout: 10) == 0)
        }

        @Test func aSecondDaemonOnTheSameStateDirectoryRefusesToStart() throws {
            let host = try DaemonHost(users: Self.users(["alice"]), settings: ["interval: 1h"])
            try host.start()
            try host.waitUntilReady()
            let second = try CLI.run(["run", "--config", host.scratch.file("config.yaml"), "--listen", "127.0.0.1:0"])
            #expect(second.status == 1 && second.stderr.contains("runs as a daemon on this state directory"), "\(second.stderr)")
            host.signal(SIGTERM)
            #expect(host.waitForExit(timeout: 10) == 0)
        }

        /// SIGTERM at random points of busy ticks: the daemon exits 0 within the bound, and telemt's
        /// config holds exactly the users of one revision, never a mix or a torn file.
        @Test func sigtermMidTickExitsCleanlyAndLeavesOldOrNew() throws {
            let a = Self.users((0..<300).map { "a\($0)" }), b = Self.users((0..<300).map { "b\($0)" })
            let host = try DaemonHost(users: a, settings: ["interval: 1h", "max_removal: 100%"])
            let sets: [Set<String>] = [Set((0..<300).map { "a\($0)" }), Set((0..<300).map { "b\($0)" })]
            var random = SeededGenerator(seed: 11)
            for round in 0..<6 {
                try host.start()
                try host.waitUntilReady()
                let commit = try host.push(round % 2 == 0 ? b : a)
                _ = try host.webhook(commit: commit)
                usleep(UInt32.random(in: 0...300_000, using: &random))
                let stop = Date()
                host.signal(SIGTERM)
                let status = host.waitForExit(timeout: 8)
                #expect(status == 0, "round \(round): \(host.log.suffix(1_500))")
                #expect(Date().timeIntervalSince(stop) < 8)
                #expect(sets.contains(host.configUsers()), "round \(round): config.toml holds one revision's users")
            }
        }

        /// A remote that accepts and never answers: /healthz keeps answering quickly while the tick waits
        /// on the fetch, /readyz says why it is not ready, and SIGTERM still exits within the bound.
        @Test func healthAnswersWhileTheRemoteHangsAndShutdownDoesNotWaitForIt() throws {
            let hanging = try LoopbackServer.hanging()
            defer { withExtendedLifetime(hanging) {} }
            let host = try DaemonHost(users: Self.users(["alice"]), settings: ["interval: 1h"],
                                      remoteURL: "git://127.0.0.1:\(hanging.port)/remote.git")
            try host.start()
            #expect(host.wait(timeout: 10) { (try? host.get("/healthz", timeout: 1))?.status == 200 } != nil)
            usleep(500_000)
            var slowest = 0.0
            for _ in 0..<20 {
                let start = Date()
                let response = try host.get("/healthz", timeout: 2)
                slowest = max(slowest, Date().timeIntervalSince(start))
                #expect(response.status == 200)
                usleep(50_000)
            }
            #expect(slowest < 0.1, "slowest /healthz took \(slowest) s")
            let ready = try host.get("/readyz")
            #expect(ready.status == 503 && ready.text.contains("no tick"))
            let stop = Date()
            host.signal(SIGTERM)
            #expect(host.waitForExit(timeout: 12) == 0)
            #expect(Date().timeIntervalSince(stop) < 8, "shutdown waited \(Date().timeIntervalSince(stop)) s for a hung fetch")
            #expect(host.configUsers() == ["alice"])
        }
    }
}
