import Foundation
import Spec
import StatsSink

/// The fleet's shared store (`store: postgres://…`) in a tick: every scrape recorded locally is also
/// recorded there (through the spool while it does not answer), and quotas add the other nodes'
/// usage read from it (the last value read while it does not answer). The tick never fails because
/// of it: its failures are notes, `fleet store` in ``TickReport/unreachable``, the status and `/readyz`.
extension TickRun {
    /// What recording into the fleet store did in this tick.
    struct FleetRecording {
        var error: String?
        /// Whether the store was asked anything (and so whether it answered, when `error` is nil).
        var contacted = false
        var spooled = 0
        var replayed = 0
        var lost = 0
    }

    /// Records `recorded` (this tick's scrape, as the local store classified it) into the fleet store
    /// after any spooled scrapes, or spools it when the store does not answer. A tick that sends nothing
    /// (`plan`, no scrape, nothing spooled) asks the store for this node's last scrape, so that every
    /// tick's report says whether the store answers.
    func shareWithFleet(_ recorded: (snapshot: TelemtSnapshot, result: RecordResult)?, state: StateDirectory, report: inout TickReport) async {
        guard let fleet = engine.fleetStore, let settings = configuration.fleetStore else { return }
        let spool = FleetSpool(stateDirectory: state.path), directory = state.path
        var recording = FleetRecording()
        if write {
            do {
                let recorder = try await BlockingWork.run { () throws -> RecorderInstance in try RecorderInstance.load(directory: directory) }
                recording = await send(recorded, to: fleet, spool: spool, recorder: recorder)
            } catch {
                recording.error = "\(error)"
            }
        }
        if !recording.contacted, recording.error == nil { recording = await ping(fleet, spool: spool) }
        if write, recording.error == nil { await pruneFleet(fleet, report: &report) }
        let memory = engine.fleetMemory
        var usage = await BlockingWork.run { [directory = state.path] in memory.usage(stateDirectory: directory) }
        if recording.error != nil { usage.unreachableSince = usage.unreachableSince ?? now }
        if recording.error == nil, recording.contacted { usage.unreachableSince = nil }
        let health = FleetStoreHealth(store: settings.url, unreachableSince: usage.unreachableSince, othersAsOf: usage.asOf,
                                      spooled: recording.spooled, error: recording.error)
        engine.fleetMemory.recorded(at: now, failed: recording.error != nil, spooled: recording.spooled)
        await keep(usage, health: health, state: state)
        if recording.lost > 0 {
            report.notes.append("the fleet spool is full (\(FleetSpool.limit) scrapes, each the last before a telemt restart): "
                + "\(recording.lost) dropped with their traffic")
        }
        var noted = health
        noted.replayed = recording.replayed
        if let note = noted.note { report.notes.append(note) }
        if recording.error != nil { report.unreachable.append("fleet store") }
    }

    /// Spools the scrape when the spool is not empty or the store refuses it, then replays the spool.
    private func send(_ recorded: (snapshot: TelemtSnapshot, result: RecordResult)?, to fleet: any StatsStore, spool: FleetSpool,
                      recorder: RecorderInstance) async -> FleetRecording {
        var recording = FleetRecording()
        let (node, takeOver) = (configuration.node, engine.takeOverNode)
        if let (snapshot, result) = recorded, result.kind != .duplicate {
            if await BlockingWork.run({ spool.entries().isEmpty }) {
                recording.contacted = true
                do {
                    _ = try await FleetCall.run(timeout: engine.fleetStoreTimeout) { try await fleet.record(snapshot, node: node, recorder: recorder, takeOver: takeOver) }
                    return recording
                } catch {
                    recording.error = "\(error)"
                }
            }
            let continued = result.kind == .continued
            do {
                recording.lost = try await BlockingWork.run { () throws -> Int in try spool.add(snapshot, continued: continued).lost }
            } catch {
                recording.error = "\(error)"
            }
        }
        if recording.error == nil { await replay(spool, into: fleet, recorder: recorder, recording: &recording) }
        recording.spooled = await BlockingWork.run { spool.entries().count }
        return recording
    }

    /// Applies `retention.*` to the shared store at most once an hour per host (every host does, so
    /// the store is pruned while any of them runs; the store's own lock keeps hosts from colliding).
    /// A failure is a note: the next hour tries again.
    private func pruneFleet(_ fleet: any StatsStore, report: inout TickReport) async {
        guard engine.fleetPruning.isDue(at: now) else { return }
        let (retention, now) = (configuration.retention, now)
        do {
            _ = try await FleetCall.run(timeout: engine.fleetStoreTimeout * 6) { try await retention.apply(to: fleet, now: now) }
            engine.fleetPruning.pruned(at: now)
        } catch {
            report.notes.append("the fleet store was not pruned (\(error)); the next hour tries again")
            engine.fleetPruning.pruned(at: now)
        }
    }

    /// Asks the store for this node's last scrape: whether it answers.
    private func ping(_ fleet: any StatsStore, spool: FleetSpool) async -> FleetRecording {
        var recording = FleetRecording()
        recording.contacted = true
        let node = configuration.node
        do {
            _ = try await FleetCall.run(timeout: engine.fleetStoreTimeout) { try await fleet.lastScrape(node: node) }
        } catch {
            recording.error = "\(error)"
        }
        recording.spooled = await BlockingWork.run { spool.entries().count }
        return recording
    }

    /// Hands the spooled scrapes to the store in order, each removed once recorded; stops at the first
    /// failure. A scrape older than the store's last one of this node is already counted there.
    private func replay(_ spool: FleetSpool, into fleet: any StatsStore, recorder: RecorderInstance, recording: inout FleetRecording) async {
        let (node, takeOver) = (configuration.node, engine.takeOverNode)
        let entries = await BlockingWork.run { spool.entries() }
        guard !entries.isEmpty else { return }
        recording.contacted = true
        do {
            let last = try await FleetCall.run(timeout: engine.fleetStoreTimeout) { try await fleet.lastScrape(node: node) }
            for entry in entries {
                let snapshot = await BlockingWork.run { spool.snapshot(entry) }
                if let snapshot, last.map({ snapshot.scrapedAt.timeIntervalSince($0.scrapedAt) > -0.001 }) ?? true {
                    _ = try await FleetCall.run(timeout: engine.fleetStoreTimeout) { try await fleet.record(snapshot, node: node, recorder: recorder, takeOver: takeOver) }
                    recording.replayed += 1
                }
                spool.remove(entry)
            }
        } catch {
            recording.error = "\(error)"
        }
    }

    /// The other nodes' usage in each user's current period, read from the fleet store, or the last
    /// value read when it does not answer (also when recording into it failed in this tick).
    func otherNodes(_ desired: DesiredState, state: StateDirectory) async -> OtherNodesUsage? {
        guard let fleet = engine.fleetStore, let settings = configuration.fleetStore else { return nil }
        let memory = engine.fleetMemory
        var usage = await BlockingWork.run { [directory = state.path] in memory.usage(stateDirectory: directory) }
        var error: String?
        let recording = memory.recording(at: now)
        if recording?.failed == true {
            error = memory.health?.error
        } else {
            do {
                usage = try await readOtherNodes(fleet, desired: desired)
            } catch let failure {
                error = "\(failure)"
                usage.unreachableSince = usage.unreachableSince ?? now
            }
        }
        let spooled = await BlockingWork.run { [directory = state.path] in recording?.spooled ?? FleetSpool(stateDirectory: directory).entries().count }
        let health = FleetStoreHealth(store: settings.url, unreachableSince: usage.unreachableSince, othersAsOf: usage.asOf,
                                      spooled: spooled, error: error)
        await keep(usage, health: health, state: state)
        return usage
    }

    /// The fleet store's usage version (it changes with traffic recorded for any node) and what this
    /// engine remembers of it (the other nodes' usage as read, the outage): nil when the store does not
    /// answer, so a tick that cannot ask it judges in full. A first connection on another node without
    /// traffic there is seen at the next full tick.
    func fleetUsageVersion() async -> String? {
        guard let fleet = engine.fleetStore, engine.fleetMemory.recording(at: now)?.failed != true else { return nil }
        let node = configuration.node
        guard let shared = try? await FleetCall.run(timeout: engine.fleetStoreTimeout, { try await fleet.usageVersion(node: node) }) else { return nil }
        return shared + " " + engine.fleetMemory.version
    }

    /// Every node's usage minus this node's, per reset rule of the spec, and the earliest first connections.
    private func readOtherNodes(_ fleet: any StatsStore, desired: DesiredState) async throws -> OtherNodesUsage {
        var usage = OtherNodesUsage()
        usage.asOf = now
        let node = configuration.node
        for reset in Set(desired.users.map(\.reset)) {
            let interval = UsagePeriod.containing(now, reset: reset, timeZone: desired.timeZone).interval
            let all = try await FleetCall.run(timeout: engine.fleetStoreTimeout) { try await fleet.usage(in: interval, filter: .all) }
            let mine = try await FleetCall.run(timeout: engine.fleetStoreTimeout) { try await fleet.usage(in: interval, filter: UsageFilter(node: node)) }
            let own = Dictionary(uniqueKeysWithValues: mine.map { ($0.user, $0.total) })
            var others: [String: UInt64] = [:]
            for entry in all where entry.total > own[entry.user, default: 0] { others[entry.user] = entry.total - own[entry.user, default: 0] }
            usage.periods[reset] = OtherNodesUsage.Period(interval: interval, bytes: others)
        }
        usage.firstSeen = try await FleetCall.run(timeout: engine.fleetStoreTimeout) { try await fleet.firstSeen(node: nil) }
        return usage
    }

    /// Adds the other nodes' bytes in each user's current period to `used`, and takes a first connection
    /// on another node when it came earlier.
    static func add(_ others: OtherNodesUsage, to used: inout [String: UInt64], firstSeen: inout [String: Date], desired: DesiredState, now: Date) {
        var intervals: [ResetPeriod: DateInterval?] = [:]
        for user in desired.users {
            let interval = intervals[user.reset] ?? UsagePeriod.containing(now, reset: user.reset, timeZone: desired.timeZone).interval
            intervals[user.reset] = interval
            let bytes = others.bytes(user.name, reset: user.reset, interval: interval)
            let (sum, overflow) = used[user.name, default: 0].addingReportingOverflow(bytes)
            if bytes > 0 { used[user.name] = overflow ? .max : sum }
            if let other = others.firstSeen[user.name], other < firstSeen[user.name] ?? .distantFuture { firstSeen[user.name] = other }
        }
    }

    /// Remembers the usage and health, and writes the usage's state file when a writing tick changed it.
    private func keep(_ usage: OtherNodesUsage, health: FleetStoreHealth, state: StateDirectory) async {
        guard engine.fleetMemory.keep(usage, health: health), write else { return }
        let bytes = usage.encoded()
        if await BlockingWork.run({ (try? state.writeBytes(bytes, OtherNodesUsage.fileName)) != nil }) { engine.fleetMemory.persisted(usage) }
    }
}
