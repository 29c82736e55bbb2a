import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

extension DaemonProcesses {
    /// `telemt-gitops run` as a real process against slow clients and odd settings.
    @Suite(.serialized)
    struct RunHostileTests {
        static func users(_ lines: [String]) -> String {
            "version: 1\nproxy: { host: p.example.com }\nusers:\n" + lines.map { "  \($0)\n" }.joined()
        }

        /// A connection to the daemon that sent `bytes` and then stops (a slow or truncated request).
        final class StalledClient {
            struct Failure: Error { let description: String }
            let fd: Int32

            init(port: Int, bytes: String) throws {
                fd = try LoopbackHTTP.connect(port: port, timeout: 30)
                let data = Array(bytes.utf8)
                guard send(fd, data, data.count, Int32(MSG_NOSIGNAL)) == data.count else { throw Failure(description: "send") }
            }

            deinit { close(fd) }

            /// Whether the daemon closed the connection (read returns end of file, or a reset).
            var closedByServer: Bool {
                var poll = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard Glibc.poll(&poll, 1, 0) > 0 else { return false }
                var byte: UInt8 = 0
                return recv(fd, &byte, 1, Int32(MSG_PEEK)) <= 0
            }
        }

        /// A webhook whose body never arrives (Content-Length larger than what was sent) while the tick
        /// hangs on a remote: SIGTERM still ends the daemon within its bound (10 s for the group), not
        /// when the fetch's own deadline ends the tick.
        @Test func sigtermWithAStalledWebhookAndAHungFetchExitsWithinTheBound() throws {
            let hanging = try LoopbackServer.hanging()
            defer { withExtendedLifetime(hanging) {} }
            let host = try DaemonHost(users: Self.users(["alice: {}"]), settings: ["interval: 1h"],
                                      remoteURL: "git://127.0.0.1:\(hanging.port)/remote.git")
            try host.start()
            #expect(host.wait(timeout: 10) { (try? host.get("/healthz", timeout: 1))?.status == 200 } != nil)
            let stalled = try StalledClient(port: host.port, bytes: "POST /hooks/git HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
                                            "X-Hub-Signature-256: sha256=00\r\nContent-Length: 1000\r\n\r\n{\"ref\":")
            defer { withExtendedLifetime(stalled) {} }
            usleep(300_000)
            let stop = Date()
            host.signal(SIGTERM)
            let status = host.waitForExit(timeout: 40)
            let took = Date().timeIntervalSince(stop)
            #expect(status == 0, "\(host.log.suffix(2_000))")
            #expect(took < 12, "SIGTERM took \(took) s with a stalled request and a hung fetch: \(host.log.suffix(2_000))")
        }

        /// A request that stops halfway (a slowloris, a Content-Length larger than the body) does not hold
        /// a connection, a descriptor and its buffers for ever: the listener closes it after a while.
        @Test func aStalledRequestIsClosedByTheListener() throws {
            let host = try DaemonHost(users: Self.users(["alice: {}"]), settings: ["interval: 1h"])
            try host.start()
            try host.waitUntilReady()
            let partialHead = try StalledClient(port: host.port, bytes: "GET /healthz HTTP/1.1\r\nHost: x\r\n")
            let partialBody = try StalledClient(port: host.port, bytes: "POST /hooks/git HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{}")
            let closed = host.wait(timeout: 40) { partialHead.closedByServer && partialBody.closedByServer }
            #expect(closed != nil, "stalled connections are still open after 40 s")
            #expect(try host.get("/healthz").status == 200)
            host.signal(SIGTERM)
            #expect(host.waitForExit(timeout: 12) == 0)
        }

        /// The same chat listed twice (or once as `-100`, once as `-0100`) is one chat: each event reaches
        /// it once, not once per listing.
        @Test func aChatListedTwiceGetsEachEventOnce() throws {
            let telegram = try TelegramStandIn(token: "42:TOKEN")
            defer { telegram.stop() }
            let host = try DaemonHost(users: Self.users(["alice: {}", "bob: {}"]), settings: [
                "interval: 1h", "notify:", "  language: en",
                "  telegram: { token_file: TOKEN_FILE, chats: [-100, \"-100\", \"-0100\"], api_url: \(telegram.baseURL) }",
            ])
            try host.scratch.write("bot.token", "42:TOKEN\n")
            let config = try host.scratch.read("config.yaml").replacingOccurrences(of: "TOKEN_FILE", with: host.scratch.file("bot.token"))
            try host.scratch.write("config.yaml", config)
            try host.start()
            try host.waitUntilReady()
            try host.push(Self.users(["alice: {}", "bob: { disabled: true }"]))
            host.signal(SIGHUP)
            #expect(host.wait(timeout: 10) { !telegram.messages.isEmpty } != nil, "\(host.log.suffix(2_000))")
            usleep(2_000_000)
            let texts = telegram.messages.compactMap { $0["text"] as? String }
            #expect(texts == ["bob is disabled on n1."], "\(texts)")
            host.signal(SIGTERM)
            #expect(host.waitForExit(timeout: 10) == 0)
        }
    }
}
