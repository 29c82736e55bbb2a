import Foundation
import Testing
import TestSupport

extension DaemonProcesses {
    /// Notifications of `run` end to end: the engine queues them in the store, the daemon delivers them
    /// to a loopback Telegram stand-in — exactly one message per event, also when the stand-in was down,
    /// answered 429, and the daemon was SIGKILLed and restarted in between.
    @Suite(.serialized)
    struct RunNotificationTests {
        static func users(_ lines: [String]) -> String {
            "version: 1\nproxy: { host: p.example.com }\nusers:\n" + lines.map { "  \($0)\n" }.joined()
        }

        @Test func everyEventIsDeliveredOnceAcrossAnOutageA429AndAKill() throws {
            let telegram = try TelegramStandIn(token: "42:TOKEN")
            defer { telegram.stop() }
            let host = try DaemonHost(users: Self.users(["alice: {}", "bob: {}", "carol: {}"]), settings: [
                "interval: 1h", "notify:", "  language: en", "  telegram: { token_file: TOKEN_FILE, chats: [-100], api_url: \(telegram.baseURL) }",
            ])
            try host.scratch.write("bot.token", "42:TOKEN\n")
            let config = try host.scratch.read("config.yaml").replacingOccurrences(of: "TOKEN_FILE", with: host.scratch.file("bot.token"))
            try host.scratch.write("config.yaml", config)
            try host.start()
            try host.waitUntilReady()

            try telegram.set(mode: "down")
            try host.push(Self.users(["alice: {}", "bob: { disabled: true }", "carol: {}"]))
            host.signal(SIGHUP)
            #expect(host.wait(timeout: 5) { host.log.contains("notification not delivered") } != nil, "\(host.log.suffix(2_000))")
            host.signal(SIGKILL)
            _ = host.waitForExit(timeout: 5)

            try telegram.set(mode: "429:1")
            try host.start()
            try host.waitUntilReady()
            try host.push(Self.users(["alice: {}", "bob: { disabled: true }", "carol: { disabled: true }"]))
            host.signal(SIGHUP)
            #expect(host.wait(timeout: 20) { telegram.messages.count >= 2 } != nil, "\(host.log.suffix(3_000))")
            // Killed between events, once the delivery is recorded: a kill in the few milliseconds
            // between Telegram's answer and the record sends that one message again (at least once).
            #expect(host.wait(timeout: 10) { host.log.contains("notification delivered") && (try? host.get("/metrics").text)?
                .contains("telemt_gitops_outbox_depth 0") == true } != nil)
            host.signal(SIGKILL)
            _ = host.waitForExit(timeout: 5)
            try host.start()
            try host.waitUntilReady()
            usleep(1_500_000)
            let texts = telegram.messages.compactMap { $0["text"] as? String }
            #expect(texts == ["bob is disabled on n1.", "carol is disabled on n1."], "\(texts)")
            #expect(telegram.throttled == 1)
            #expect(telegram.messages.allSatisfy { ($0["link_preview_options"] as? [String: Any])?["is_disabled"] as? Bool == true })
            #expect(!host.log.contains("42:TOKEN"), "the bot token never reaches a log")
            let metrics = try host.get("/metrics").text
            #expect(metrics.contains("telemt_gitops_outbox_depth 0"), "\(metrics)")
            host.signal(SIGTERM)
            #expect(host.waitForExit(timeout: 10) == 0)
        }
    }
}
