import Crypto
import Foundation
import Spec
import TelemtRender

/// What a tick of a fleet's host works with: its view, its record and what the heartbeats changed.
struct FleetTick: Sendable {
    var view: FleetView
    /// The record with this tick's heartbeats taken in; saved once the config is applied.
    var record: FleetRecord
    /// Nodes that went down or came back this tick, in words.
    var notes: [String]
    /// The users moving onto or off this node since the placement last applied.
    var moves: [PlacementMove]
    /// Every node's committed status file, as read this tick (empty when they could not be read).
    var statusFiles: [DesiredFile] = []
    /// This node's users' usage on the other nodes from their status files (empty with a fleet store).
    var others: [String: UInt64] = [:]

    /// What the tick depends on besides the revision: the down nodes and the other nodes' usage
    /// (a memo holds only while both are the same).
    var stamp: String {
        guard !others.isEmpty else { return view.stamp }
        var hasher = SHA256()
        for (user, bytes) in others.sorted(by: { $0.key < $1.key }) { hasher.update(data: Array("\(user)=\(bytes);".utf8)) }
        return view.stamp + " others:" + Hex.encode(hasher.finalize().prefix(8))
    }
}

extension TickRun {
    /// This node's part of a fleet spec (nil for a spec without `nodes:`): the heartbeats in the
    /// committed status files judged, every user placed, this node's users kept.
    func fleetTick(_ desired: DesiredState, input: DesiredInput, state: StateDirectory) async throws(EngineError) -> FleetTick? {
        guard !desired.nodes.isEmpty else { return nil }
        guard desired.node(named: configuration.node) != nil else {
            throw EngineError.unknownNode(configuration.node, nodes: desired.nodes.map(\.name))
        }
        var record = loadFleetRecord(state)
        var notes: [String] = []
        let files = await committedStatusFiles(input, notes: &notes)
        if let heartbeats = await heartbeats(files: files, notes: &notes) {
            judge(&record, heartbeats: heartbeats, desired: desired, notes: &notes)
        }
        let availability = record.availability
        let down = Dictionary(uniqueKeysWithValues: availability.down.map { ($0, availability.downSince[$0]) })
        guard let view = try FleetView.make(desired, node: configuration.node, down: down) else { return nil }
        var moves: [PlacementMove] = []
        if let placed = record.placed, !placed.matches(view.placement, revision: input.revision) {
            let mine = configuration.node
            moves = placed.placement.moves(to: view.placement, downSince: availability.downSince)
                .filter { $0.from.contains(mine) || $0.to.contains(mine) }
        }
        record.placed = PlacedFleet(view.placement, revision: input.revision)
        var tick = FleetTick(view: view, record: record, notes: notes, moves: moves, statusFiles: files ?? [])
        if engine.fleetStore == nil, let files {
            tick.others = FleetUsage.others(files, node: configuration.node, fleet: Set(desired.nodes.map(\.name)), users: view.local.users, now: now,
                                            timeZone: desired.timeZone, cache: engine.cache.statuses)
        }
        return tick
    }

    /// Takes this tick's heartbeats into `record`'s availability (afresh after a pause or a clock
    /// stepped back), leaving out those too far ahead of this host's clock.
    private func judge(_ record: inout FleetRecord, heartbeats: [String: Date], desired: DesiredState, notes: inout [String]) {
        let settings = configuration.fleet
        if let seen = record.observedAt, now.timeIntervalSince(seen) > settings.downAfter || now < seen {
            record.availability = NodeAvailability(downAfter: settings.downAfter, upAfter: settings.upAfter)
            notes.append("this host did not look at the fleet's heartbeats since \(StatusText.instant(seen)): it judges every node afresh")
        }
        record.observedAt = now
        let (taken, ahead) = FleetHeartbeats.plausible(heartbeats, now: now, tolerance: settings.downAfter)
        notes += ahead
        let actions = record.availability.observe(heartbeats: taken, nodes: desired.nodes.map(\.name), now: now)
        notes += actions.map { Self.note($0, timeZone: desired.timeZone, now: now, downAfter: settings.downAfter) }
    }

    /// The fleet record in the state directory, or a fresh one (with this host's `fleet.*` settings).
    func loadFleetRecord(_ state: StateDirectory) -> FleetRecord {
        let settings = configuration.fleet
        let path = state.file(FleetRecord.fileName)
        let fresh = FleetRecord(availability: NodeAvailability(downAfter: settings.downAfter, upAfter: settings.upAfter))
        guard let stored = engine.files.value(path, decode: { FileManager.default.contents(atPath: path).flatMap { FleetRecord(json: Array($0)) } }),
              stored.availability.downAfter == settings.downAfter, stored.availability.upAfter == settings.upAfter else { return fresh }
        return stored
    }

    /// `checked` with only this node's users (and a warning when its links' domain is not served); when
    /// writing, this tick's judgement of the nodes saved at once, with the placement last applied (the
    /// new one is saved once the config is applied).
    func narrow(_ checked: inout CheckedDesiredState, to fleet: FleetTick?, state: StateDirectory) throws(EngineError) {
        guard let fleet else { return }
        checked.state = fleet.view.local
        if let warning = Self.domainWarning(fleet.view.node, template: checked.template) { checked.warnings.append(warning) }
        guard write else { return }
        var judged = fleet.record
        judged.placed = loadFleetRecord(state).placed
        try saveFleetRecord(judged, state: state)
    }

    /// How old the status of a host whose newest revision fails may get: a fleet's host (one with a
    /// fleet record) keeps its heartbeat fresh, since it still serves its last good config and the
    /// other nodes would otherwise take it for down (with a revision every node refuses, all of them).
    func failedStatusHeartbeat(_ state: StateDirectory) -> TimeInterval {
        FileManager.default.fileExists(atPath: state.file(FleetRecord.fileName)) ? configuration.fleet.statusHeartbeat : 3_600
    }

    /// Saves the record after the config was applied, when it changed.
    func saveFleetRecord(_ record: FleetRecord, state: StateDirectory) throws(EngineError) {
        guard loadFleetRecord(state) != record else { return }
        try state.writeBytes(record.json, FleetRecord.fileName)
        engine.files.remember(state.file(FleetRecord.fileName), record)
    }

    /// Every node's newest heartbeat: its last scrape recorded in the fleet store when there is one,
    /// else the `heartbeat:` of its committed status file; nil when they cannot be read.
    private func heartbeats(files: [DesiredFile]?, notes: inout [String]) async -> [String: Date]? {
        guard let store = engine.fleetStore else { return files.map(FleetHeartbeats.read) }
        do {
            let beats = try await FleetCall.run(timeout: engine.fleetStoreTimeout) { try await store.heartbeats() }
            return Dictionary(beats.map { ($0.node, $0.lastScrape) }, uniquingKeysWith: { max($0, $1) })
        } catch {
            notes.append("the fleet store's heartbeats could not be read (\(error)); every node keeps its availability until they can")
            return nil
        }
    }

    /// Every node's committed status file; nil when they cannot be read (then nobody's availability
    /// changes this tick).
    private func committedStatusFiles(_ input: DesiredInput, notes: inout [String]) async -> [DesiredFile]? {
        guard let source = input.source else { return input.files.status }
        do {
            return try await source.fleetStatusFiles()
        } catch {
            notes.append("the nodes' status files could not be read (\(error)); every node keeps its availability until they can")
            return nil
        }
    }

    static func note(_ action: AvailabilityAction, timeZone: TimeZone, now: Date, downAfter: TimeInterval) -> String {
        switch action {
        case .markDown(let node, let since?):
            "node \(node) is down since \(PlacementMove.clock(since, timeZone: timeZone, now: now)) (no heartbeat for \(SpecDurationWords.string(Int64(downAfter)))): its placed users move to their next nodes"
        case .markDown(let node, nil):
            "node \(node) has no heartbeat yet: it gets placed users once its status file is committed"
        case .markUp(let node, nil):
            "node \(node) sent its first heartbeat: it gets its placed users"
        case .markUp(let node, _):
            "node \(node) is back: its placed users return to it"
        }
    }
}

extension TickRun {
    /// The users' usage on the other nodes, from their status files (see ``FleetUsage``), added to
    /// `observations`; what was added, by user, so the status can show this node's own part (nil: not a
    /// fleet, or a fleet with a shared store).
    func addingOtherNodes(_ observations: inout [String: UserObservation], fleet: FleetTick?, desired: DesiredState) -> [String: UInt64]? {
        // With a fleet store, its usage (exact, every node's) is added by `observe`, and the status shows
        // the sum the node enforced (a limited user at least its limit), as for one node.
        guard let fleet, engine.fleetStore == nil else { return nil }
        let others = fleet.others
        for (user, bytes) in others {
            guard var observation = observations[user] else { continue }
            let (sum, overflow) = observation.periodUsage.addingReportingOverflow(bytes)
            observation.periodUsage = overflow ? .max : sum
            observations[user] = observation
        }
        return others
    }
}

extension TickRun {
    /// This node's links carry its `tls_domain` (the proxy's unless the node sets one): a warning when
    /// the template's `[censorship]` masks as another domain (neither `tls_domain` nor in `tls_domains`).
    static func domainWarning(_ node: NodeSpec, template: DesiredFile?) -> String? {
        guard let domain = node.endpoint.tlsDomain?.lowercased(), let template,
              let document = try? TemplateValidator.document(template.bytes) else { return nil }
        let served = ([document[["censorship", "tls_domain"]]?.stringValue]
            + (document[["censorship", "tls_domains"]]?.arrayValue ?? []).map(\.stringValue)).compactMap { $0?.lowercased() }
        guard !served.isEmpty, !served.contains(domain) else { return nil }
        return "node \(node.name)'s links carry tls_domain \(domain) but \(template.path) masks as \(served.joined(separator: ", ")): "
            + "they will not connect on this node; set the node's tls_domain to one of those, or add it to [censorship] tls_domains"
    }
}
