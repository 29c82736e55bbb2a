import Foundation
import Spec
import StatsSink
import TelemtRender

/// The rendered config of a tick and what went into it.
struct RenderedTick {
    var bytes: [UInt8]
    var sha256: String
    var users: [TelemtUser]
}

extension TickRun {
    /// The config of this tick. When the revision, the config on disk and every user's connection
    /// state are the ones last applied, the rendered bytes are the file on disk: nothing is derived
    /// or rendered again (a tick with nothing to do costs no HMAC and no TOML).
    func renderOrReuse(_ desired: DesiredState, template: DesiredFile?, evaluations: [UserEvaluation], key: MasterKey,
                       applied: AppliedRecord?, revision: String, disk: DiskConfig?) throws(EngineError) -> RenderedTick {
        if let applied, let disk, applied.revision == revision, applied.keyFingerprint == key.fingerprint,
           disk.sha256 == applied.configSHA256, Self.cutOff(evaluations) == Self.cutOff(applied),
           desired.nodes.isEmpty || Self.sameUsers(applied, desired) {
            return RenderedTick(bytes: disk.bytes, sha256: applied.configSHA256, users: [])
        }
        return try render(desired, template: template, evaluations: evaluations, key: key)
    }

    /// Whether `desired` has the users last applied (in a fleet, the same revision can place other users here).
    static func sameUsers(_ applied: AppliedRecord, _ desired: DesiredState) -> Bool {
        applied.users.count == desired.users.count && zip(applied.users, desired.users).allSatisfy { $0.name == $1.name }
    }

    /// The stand-in a fleet's node renders while no user is placed on it: telemt refuses an empty
    /// `[access.users]` (and would keep serving its old users), so one disabled user that nobody has
    /// a link for takes their place.
    static let idleUser = "telemt-gitops-idle"

    static func cutOff(_ evaluations: [UserEvaluation]) -> Set<String> {
        Set(evaluations.lazy.filter { !$0.state.allowsConnections }.map(\.user))
    }

    static func cutOff(_ applied: AppliedRecord) -> Set<String> {
        Set(applied.evaluations.lazy.filter { UserState(rawValue: $0.state)?.allowsConnections == false }.map(\.user))
    }

    func render(_ desired: DesiredState, template: DesiredFile?, evaluations: [UserEvaluation], key: MasterKey) throws(EngineError) -> RenderedTick {
        guard let template else { throw EngineError(.invalidRevision, "there is no telemt template") }
        let cutOff = Self.cutOff(evaluations)
        do {
            var users = try ConfigBuilder(now: now).users(of: desired, deriver: SecretDeriver(key: key), cutOff: cutOff)
            if users.isEmpty, !desired.nodes.isEmpty {
                let secret = SecretDeriver(key: key).secret(for: UserSpec(name: Self.idleUser, rotate: 1))
                users = [TelemtUser(name: Self.idleUser, secret: secret, enabled: false)]
            }
            let bytes = try ConfigRenderer().render(template: template.bytes, users: users)
            return RenderedTick(bytes: bytes, sha256: Self.sha256(bytes), users: users)
        } catch {
            throw EngineError(.invalidRevision, path: template.path, "\(error)", hint: "fix it in a new commit; the last good config keeps serving")
        }
    }

    /// The rendered config, or the config on disk when it is the same to telemt (the same values in
    /// the managed tables, in another order or layout, and every other byte equal; see
    /// ``ManagedTables/equivalent(_:_:)``): then nothing is written, diffed or reported as drift.
    func keepingEquivalentDisk(_ rendered: RenderedTick, disk: DiskConfig?) -> RenderedTick {
        guard let disk, disk.bytes != rendered.bytes, ConfigSections(disk.bytes).rest == ConfigSections(rendered.bytes).rest,
              ManagedTables.equivalent(disk.bytes, rendered.bytes)
        else { return rendered }
        return RenderedTick(bytes: disk.bytes, sha256: disk.sha256, users: rendered.users)
    }

    /// The domain diff: the applied users and their last states against the desired ones; `baseline`
    /// stands for the applied users when nothing was applied (see ``ObservedBaseline``).
    func domainChanges(applied: AppliedRecord?, baseline: [UserSnapshot]? = nil, desired: DesiredState,
                       observations: [String: UserObservation], evaluations: [UserEvaluation]) -> [DomainChange] {
        let states = Dictionary((applied?.evaluations ?? []).compactMap { record in UserState(rawValue: record.state).map { (record.user, $0) } },
                                uniquingKeysWith: { a, _ in a })
        return PlanBuilder(machine: engine.machine, now: now)
            .changes(applied: applied?.users ?? baseline, states: states, desired: desired, observations: observations, evaluations: evaluations)
    }

    func plan(_ input: DesiredInput, applied: AppliedRecord?, desired: DesiredState, changes: [DomainChange],
              disk: [UInt8]?, rendered: RenderedTick, warnings: [String]) -> Plan {
        var notes = warnings
        if desired.users.count > 4_096, engine.telemt != nil, configuration.telemt.api == nil {
            notes.append("\(desired.users.count) users on this node: telemt labels only 4,096 in /metrics, so the traffic of the others is not counted; set telemt.api (--api)")
        }
        return Plan(node: configuration.node, revision: input.revision, appliedRevision: applied?.revision, changes: changes,
                    config: disk == rendered.bytes ? nil : ConfigDiff(old: disk, new: rendered.bytes), warnings: notes)
    }

    func events(applied: AppliedRecord?, evaluations: [UserEvaluation], zone: TimeZone) -> [UserEvent] {
        var before = AlignedLookup(applied?.evaluations ?? [], name: \.user)
        return evaluations.enumerated().flatMap { position, current in
            engine.machine.events(from: before.find(current.user, near: position)?.evaluation(timeZone: zone), to: current)
        }
    }

    /// Drift: the config on disk is not the one last written (nor the one a killed tick was writing).
    func drift(disk: DiskConfig?, applied: AppliedRecord?, state: StateDirectory) -> DriftReport? {
        guard let applied, let disk else { return nil }
        guard disk.sha256 != applied.configSHA256, disk.sha256 != state.read(PendingWrite.self, "pending.json")?.configSHA256 else { return nil }
        let written = FileManager.default.contents(atPath: state.lastGood).map { Array($0) } ?? []
        return DriftReport.compare(disk: disk.bytes, written: written)
    }
}
