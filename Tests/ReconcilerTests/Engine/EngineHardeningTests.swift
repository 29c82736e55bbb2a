import Foundation
import Spec
import StatsSink
import Testing
import TelemtRender
import TestSupport
@testable import Reconciler

/// Hostile inputs to the engine: secrets written any way TOML allows stay out of the config diff,
/// files behind symbolic links or edited in place are read again, and nothing the memo does not
/// know about (traffic recorded meanwhile, a deleted status or store, another engine setting) is
/// answered from it.
@Suite(.serialized)
struct EngineHardeningTests {
    static func usedMemo(_ report: TickReport) -> Bool { report.steps.contains { $0.name == "memo" } }
    static let secret = "0123456789abcdef0123456789abcdef"

    // MARK: ConfigDiff masking

    static func leaks(_ old: String, _ new: String = "[access.users]\nalice = \"fedcba9876543210fedcba9876543210\"\n") -> [String] {
        ConfigDiff(old: Array(old.utf8), new: Array(new.utf8)).lines.filter { $0.contains(secret) }
    }

    @Test func aHeaderWithSpacesStillMasksSecrets() {
        #expect(Self.leaks("[ access.users ]\nalice = \"\(Self.secret)\"\n").isEmpty)
    }

    @Test func aQuotedHeaderStillMasksSecrets() {
        #expect(Self.leaks("[access.\"users\"]\nalice = \"\(Self.secret)\"\n").isEmpty)
        #expect(Self.leaks("[\"access\".'users']\nalice = \"\(Self.secret)\"\n").isEmpty)
    }

    @Test func aMultiLineStringIsMasked() {
        #expect(Self.leaks("[access.users]\nalice = \"\"\"\n\(Self.secret)\"\"\"\n").isEmpty)
    }

    @Test func dottedAndInlineFormsAreMasked() {
        #expect(Self.leaks("[access]\nusers.alice = \"\(Self.secret)\"\n").isEmpty)
        #expect(Self.leaks("[access]\nusers = { alice = \"\(Self.secret)\" }\n").isEmpty)
        #expect(Self.leaks("access.users.alice = \"\(Self.secret)\"\n").isEmpty)
    }

    @Test func aCommentedOutSecretIsMasked() {
        #expect(Self.leaks("[access.users]\n# alice = \"\(Self.secret)\"\nbob = \"\(Self.secret.uppercased())\"\n").isEmpty)
    }

    @Test func degenerateInputsGiveADiffThatSaysWhetherTheyDiffer() {
        for (old, new) in [("", ""), ("", "[a]"), ("[a]\n[b]\n[c]", "[a]\n[b]"), ("x = 1", "x = 2"), ("\r\n\r\n", "\n"), ("[access.users]", "")] {
            #expect(ConfigDiff(old: Array(old.utf8), new: Array(new.utf8)).isEmpty == (old == new), "\(old) → \(new)")
            #expect(ConfigDiff(old: nil, new: Array(new.utf8)).lines.isEmpty == false || new.isEmpty)
        }
    }

    /// End to end: no telemt.toml in the repository, so the template is the host's own config,
    /// whose `[ access.users ]` header (valid TOML) the validator accepts; `plan` prints its secret.
    @Test func planMasksTheHostsSecretsUnderASpacedHeader() async throws {
        let host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
        try host.push(["telemt.toml": nil], message: "no template")
        let own = EngineHarness.template + "\n[ access.users ]\nlegacy = \"\(Self.secret)\"\n"
        try host.telemt.writeConfig(own)
        let report = await host.plan()
        #expect(report.plan?.config != nil, "\(report.outcome)")
        #expect(report.plan?.config?.lines.contains { $0.contains(Self.secret) } == false, "\(report.plan?.config?.lines.filter { $0.contains(Self.secret) } ?? [])")
    }

    // MARK: DecodedFileCache identity

    @Test func aSymlinkedFileIsReadAgainWhenItsTargetChanges() throws {
        let dir = try TemporaryDirectory("review-link")
        let target = dir.path("config.toml").path, link = dir.path("link.toml").path
        try Data("a = 1\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "config.toml")
        let cache = DecodedFileCache()
        let read = { cache.value(link) { FileManager.default.contents(atPath: link).map { DiskConfig(bytes: Array($0)) } }?.bytes }
        #expect(read() == Array("a = 1\n".utf8))
        try Data("b = 22\n".utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
        #expect(read() == Array("b = 22\n".utf8), "the cache answers with the old target's bytes")
    }

    @Test func anInPlaceEditWithTheSameSizeAndMtimeIsReadAgain() throws {
        let dir = try TemporaryDirectory("review-inplace")
        let path = dir.path("config.toml").path
        try Data("alice = \"\(Self.secret)\"\n".utf8).write(to: URL(fileURLWithPath: path))
        let cache = DecodedFileCache()
        let read = { cache.value(path) { FileManager.default.contents(atPath: path).map { DiskConfig(bytes: Array($0)) } }?.sha256 }
        let before = read()
        try Shell.run(["touch", "-r", path, path + ".ref"])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data("alice = \"ffffffffffffffffffffffffffffffff\"\n".utf8))
        try handle.close()
        try Shell.run(["touch", "-r", path + ".ref", path])
        #expect(read() != before, "same inode, size and mtime: the cache keeps the old hash (ctime did change)")
    }

    /// End to end: telemt.config is a symlink (which AtomicFileWriter supports); an edit of the
    /// target by hand is never seen as drift.
    @Test func driftBehindASymlinkedConfigIsDetected() async throws {
        let host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
        let link = host.telemt.configURL.deletingLastPathComponent().appendingPathComponent("link.toml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "config.toml")
        let engine = try host.engine(["telemt.config": link])
        let first = await engine.tick()
        #expect(first.outcome == .applied)
        host.clock.set(host.clock.current.addingTimeInterval(5))
        try host.telemt.writeConfig(host.configText + "\n# edited by hand\n")
        let edited = await engine.tick()
        #expect(edited.drift != nil && !host.configText.contains("edited by hand"),
                "memo: \(Self.usedMemo(edited)), drift: \(edited.drift.map { "\($0)" } ?? "none")")
    }

    // MARK: applied.tsv

    @Test func aCorruptNumberIsNotReadAsMissing() throws {
        let user = UserSnapshot(name: "alice", limit: 1 << 30, reset: "monthly", maxConnections: 8, maxUniqueIPs: nil, expire: nil,
                                disabled: false, onHold: nil, rotate: 0, secretDigest: nil)
        let record = AppliedRecord(revision: "r", configSHA256: "s", keyFingerprint: "k", at: Date(timeIntervalSince1970: 1),
                                   users: [user], evaluations: [])
        let text = String(decoding: record.encoded(), as: UTF8.self).replacingOccurrences(of: "\t1073741824\t", with: "\t1073741824x\t")
        let read = AppliedRecord(encoded: Array(text.utf8))
        #expect(read == nil || read?.users.first?.limit != nil, "a damaged limit reads as unlimited: \(String(describing: read?.users.first))")
    }

    // MARK: the tick memo

    /// An observer whose systemInfo (asked by writeConfig, after the usage was read) first runs a hook.
    final class RacingTelemt: TelemtObserver, @unchecked Sendable {
        let live: LiveTelemt
        private let lock = NSLock()
        private var hook: (@Sendable () -> Void)?
        init(_ live: LiveTelemt) { self.live = live }
        func arm(_ body: @escaping @Sendable () -> Void) { lock.withLock { hook = body } }
        func scrape() throws -> TelemtSnapshot { try live.scrape() }
        /// The hook runs once telemt shows the config just written (so it knows the new users).
        func systemInfo() throws -> TelemtSystemInfo? {
            let info = try live.systemInfo()
            guard let info, let written = try? TelemtStandIn.sha256(of: configURL), info.configHash.lowercased() == written,
                  (try? String(contentsOf: configURL, encoding: .utf8))?.contains("[access.users]\nalice") == true else { return info }
            let body = lock.withLock { () -> (@Sendable () -> Void)? in defer { hook = nil }; return hook }
            body?()
            return info
        }
        var configURL: URL = URL(fileURLWithPath: "/nonexistent")
    }

    /// `telemt-gitops scrape` (cron) records alice's traffic while a full tick is between reading the
    /// usage and taking the usage version for its memo: the memo carries the new version with the old
    /// evaluations, so the next tick skips and alice (over her 1 GiB) stays active.
    @Test func trafficRecordedDuringAFullTickIsJudgedByTheNextTick() async throws {
        let host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
        let configuration = try host.configuration()
        let clock = host.clock
        let scraper = TelemtScraper(metrics: try MetricsScraper(url: configuration.telemt.metrics, clock: clock),
                                    api: try TelemtAPIClient(baseURL: configuration.telemt.api!))
        let racing = RacingTelemt(LiveTelemt(scraper: scraper))
        let engine = ReconcileEngine(configuration: configuration, telemt: racing, clock: { clock.current })
        nonisolated(unsafe) let telemt = host.telemt
        racing.configURL = telemt.configURL
        racing.arm {
            // telemt reloads within its poll: wait until it knows alice.
            for _ in 0..<50 where (try? telemt.connect("alice"))?.status != 200 { usleep(100_000) }
            _ = try? telemt.traffic("alice", from: 2 << 30, to: 0)
            clock.set(clock.current.addingTimeInterval(1))
            let done = DispatchSemaphore(value: 0)
            Task {
                defer { done.signal() }
                do {
                    let store = try SQLiteStatsStore(path: configuration.storePath)
                    let recording = TrafficRecording(store: store, node: configuration.node, directory: configuration.stateDirectory,
                                                     retention: RetentionPolicy(), takeOver: false)
                    _ = try await recording.record(try racing.live.scrape())
                } catch { Issue.record("the other process's scrape failed: \(error)") }
            }
            done.wait()
        }
        let first = await engine.tick()
        #expect(first.outcome == .applied)
        clock.set(clock.current.addingTimeInterval(5))
        let fresh = await (try host.engine()).plan()
        let second = await engine.tick()
        #expect(fresh.plan?.changes.map(\.line).contains { $0.contains("alice") && $0.contains("limited") } == true, "\(fresh.plan?.changes.map(\.line) ?? [])")
        #expect(!Self.usedMemo(second) && second.outcome == .applied,
                "memo: \(Self.usedMemo(second)), outcome \(second.outcome); a fresh engine's plan: \(fresh.plan?.changes.map(\.line) ?? [])")
    }

    /// The status file deleted by hand is written again by a full tick, not by a memo tick.
    @Test func aDeletedStatusFileIsWrittenAgain() async throws {
        let host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
        let engine = try host.engine()
        _ = await engine.tick()
        host.clock.set(host.clock.current.addingTimeInterval(5))
        _ = await engine.tick()
        let path = host.scratch.path("state/status/eu-1.yaml").path
        #expect(FileManager.default.fileExists(atPath: path))
        try FileManager.default.removeItem(atPath: path)
        host.clock.set(host.clock.current.addingTimeInterval(5))
        let after = await engine.tick()
        #expect(FileManager.default.fileExists(atPath: path), "memo: \(Self.usedMemo(after)); status: \(after.statusWritten ?? "not written")")
    }

    /// A copy of the engine with another state machine shares the first one's memo.
    @Test func anEngineCopyWithAnotherMachineDoesNotReuseTheMemo() async throws {
        let users = """
            version: 1
            proxy: { host: proxy.example.com }
            users:
              alice: { expire: 2026-12-10 }

            """
        let host = try EngineHarness(users: users, start: ReconcileEngineTests.start)
        let a = try host.engine()
        _ = await a.tick()
        var b = a
        b.machine = UserStateMachine(thresholds: UsageThreshold.defaults, expiringWindow: 30 * 86_400)
        host.clock.set(host.clock.current.addingTimeInterval(5))
        let copy = await b.tick()
        var alone = try host.engine()
        alone.machine = b.machine
        let right = await alone.plan()
        #expect(copy.nextChange == right.nextChange, "memo: \(Self.usedMemo(copy)); \(String(describing: copy.nextChange)) vs \(String(describing: right.nextChange))")
    }

    /// The store file removed while the engine runs: the engine keeps recording into the unlinked file.
    @Test func aRemovedStoreIsOpenedAgain() async throws {
        let host = try EngineHarness(users: ReconcileEngineTests.users, start: ReconcileEngineTests.start)
        let engine = try host.engine()
        let store = try host.configuration().storePath
        _ = await engine.tick()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        try host.telemt.connect("bob")
        try host.telemt.traffic("bob", from: 1 << 20, to: 0)
        host.clock.set(host.clock.current.addingTimeInterval(5))
        _ = await engine.tick()
        #expect(FileManager.default.fileExists(atPath: store), "bob's traffic went into a deleted file")
    }
}

extension EngineHarness {
    func plan() async -> TickReport {
        guard let engine = try? engine() else { return TickReport(outcome: .unchanged) }
        return await engine.plan()
    }
}
