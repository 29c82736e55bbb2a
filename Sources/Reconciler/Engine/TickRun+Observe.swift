import Foundation
import Spec
import StatsSink
import TelemtRender

extension TickRun {
    /// Refuses a revision that removes all users or more than `max_removal` of them (unless allowed):
    /// a setting of the host, so a pull request cannot lift its own guard.
    func guardRemoval(applied: AppliedRecord?, desired: DesiredState) throws(EngineError) {
        guard let applied, !applied.users.isEmpty, !engine.allowMassRemoval else { return }
        let kept = Set(desired.users.map(\.name))
        let removed = applied.users.filter { !kept.contains($0.name) }.count
        let share = Double(removed) / Double(applied.users.count)
        guard share > configuration.maxRemoval else { return }
        throw EngineError(.massRemoval, "this revision removes \(removed) of \(applied.users.count) users (\(Int((share * 100).rounded())) %), more than max_removal \(Int((configuration.maxRemoval * 100).rounded())) %",
                          hint: "if that is intended, run once with --allow-mass-removal or raise max_removal on the host")
    }

    /// The engine's store, opened (and migrated) off the cooperative pool the first time.
    func openStore(_ state: StateDirectory) async throws(EngineError) -> SQLiteStatsStore {
        let (stores, path) = (engine.stores, configuration.storePath)
        do {
            return try await BlockingWork.run { try stores.open(path) }
        } catch {
            throw EngineError(.store, path: configuration.storePath, wrapping: error)
        }
    }

    /// Scrapes telemt and records the traffic (pruning the store at most once an hour), then into the
    /// fleet store when there is one; a failure is a note, and states use the traffic recorded so far.
    func scrapeAndRecord(_ store: SQLiteStatsStore, state: StateDirectory, report: inout TickReport) async -> TelemtSnapshot? {
        var recorded: (snapshot: TelemtSnapshot, result: RecordResult)?
        let snapshot = await scrapeAndRecordLocally(store, state: state, report: &report, recorded: &recorded)
        await shareWithFleet(recorded, state: state, report: &report)
        return snapshot
    }

    private func scrapeAndRecordLocally(_ store: SQLiteStatsStore, state: StateDirectory, report: inout TickReport,
                                        recorded: inout (snapshot: TelemtSnapshot, result: RecordResult)?) async -> TelemtSnapshot? {
        guard let telemt = engine.telemt else { return nil }
        do {
            let snapshot = try await BlockingWork.run { try telemt.scrape() }
            if write {
                let recording = TrafficRecording(store: store, node: configuration.node, directory: state.path,
                                                 retention: configuration.retention, takeOver: engine.takeOverNode)
                let prune = engine.pruning.isDue(at: snapshot.scrapedAt)
                let result = try await recording.record(snapshot, prune: prune)
                report.recordedBytes = result.recorded.totalBytes
                recorded = (snapshot, result.recorded)
                if result.pruned != nil { engine.pruning.pruned(at: snapshot.scrapedAt) }
            }
            if snapshot.api == nil, snapshot.userSeries?.suppressed == true || (snapshot.userSeries?.statsSuppressed ?? 0) > 0 {
                report.notes.append("telemt left users out of /metrics (more than 4,096, or suppressed): their traffic is not counted; set telemt.api (--api)")
            }
            return snapshot
        } catch {
            report.notes.append("telemt was not scraped (\(error)); states use the traffic recorded so far")
            report.unreachable.append("telemt")
            return nil
        }
    }

    /// Each user's usage in its current period and first connection on this node; for a plan, plus what
    /// the scrape just read would record.
    func observe(_ store: SQLiteStatsStore, desired: DesiredState, pending snapshot: TelemtSnapshot?) async throws(EngineError) -> [String: UserObservation] {
        do {
            var first = try await store.firstSeen(node: configuration.node)
            var used: [String: UInt64] = [:]
            if !write, let snapshot {
                for delta in try await store.pendingDeltas(snapshot, node: configuration.node) where delta.total > 0 {
                    let (sum, overflow) = used[delta.user, default: 0].addingReportingOverflow(delta.total)
                    used[delta.user] = overflow ? .max : sum
                    if first[delta.user] == nil { first[delta.user] = snapshot.scrapedAt }
                }
            }
            for reset in Set(desired.users.map(\.reset)) {
                let period = UsagePeriod.containing(now, reset: reset, timeZone: desired.timeZone)
                let names = Set(desired.users.filter { $0.reset == reset }.map(\.name))
                for usage in try await store.usage(in: period.interval, filter: UsageFilter(node: configuration.node)) where names.contains(usage.user) {
                    let (sum, overflow) = used[usage.user, default: 0].addingReportingOverflow(usage.total)
                    used[usage.user] = overflow ? .max : sum
                }
            }
            if let others = await otherNodes(desired, state: try StateDirectory(configuration.stateDirectory)) {
                Self.add(others, to: &used, firstSeen: &first, desired: desired, now: now)
            }
            return Dictionary(uniqueKeysWithValues: desired.users.map { ($0.name, UserObservation(periodUsage: used[$0.name] ?? 0, firstConnection: first[$0.name])) })
        } catch {
            throw EngineError(.store, path: configuration.storePath, wrapping: error)
        }
    }
}
