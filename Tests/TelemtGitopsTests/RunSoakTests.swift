import Foundation
import Testing
import TestSupport

extension DaemonProcesses {
    /// A bounded soak of `run`: ticks every second plus SIGHUPs, telemt's traffic changing between them;
    /// after a warm-up, the daemon's resident memory and open descriptors stay flat.
    @Suite(.serialized)
    struct RunSoakTests {
        @Test func memoryAndDescriptorsStayFlatOverManyTicks() throws {
            let names = (0..<200).map { "u\($0)" }
            let users = "version: 1\nproxy: { host: p.example.com }\nusers:\n" + names.map { "  \($0): { data_limit: 100 GiB, reset: monthly }\n" }.joined()
            let host = try DaemonHost(users: users, settings: ["interval: 1s"])
            try host.start()
            try host.waitUntilReady()
            var bytes: UInt64 = 0
            var warm: (rssKB: Int, descriptors: Int)?
            let start = Date()
            var samples: [(Double, Int, Int)] = []
            while Date().timeIntervalSince(start) < 40 {
                for name in names.prefix(20) {
                    _ = try host.telemt.traffic(name, from: bytes + 1_000, to: bytes + 5_000)
                }
                bytes += 6_000
                host.signal(SIGHUP)
                usleep(250_000)
                let now = host.resources()
                samples.append((Date().timeIntervalSince(start), now.rssKB, now.descriptors))
                if warm == nil, Date().timeIntervalSince(start) > 12 { warm = now }
            }
            let end = host.resources()
            let ticks = try host.get("/metrics").text.split(separator: "\n")
                .filter { $0.hasPrefix("telemt_gitops_ticks_total") }.compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.reduce(0, +)
            let warmed = try #require(warm)
            print("soak: \(Int(ticks)) ticks in 40 s; resident \(warmed.rssKB) → \(end.rssKB) kB, descriptors \(warmed.descriptors) → \(end.descriptors)")
            #expect(ticks >= 100, "only \(ticks) ticks")
            #expect(end.descriptors <= warmed.descriptors + 2, "descriptors \(warmed.descriptors) → \(end.descriptors)")
            #expect(end.rssKB <= warmed.rssKB + 4_096, "resident memory \(warmed.rssKB) kB → \(end.rssKB) kB; samples \(samples.map { "\(Int($0.0))s:\($0.1)kB/\($0.2)fd" })")
            #expect(try host.get("/metrics").text.contains("telemt_gitops_recorded_bytes_total"))
            host.signal(SIGTERM)
            #expect(host.waitForExit(timeout: 10) == 0)
        }
    }
}
