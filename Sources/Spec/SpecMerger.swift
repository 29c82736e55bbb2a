import Foundation

/// Merges the parsed files into one ``DesiredState``: single definitions of `proxy`, `timezone` and
/// `defaults`, unique user names and secrets across files, defaults applied (user keys win).
struct SpecMerger {
    private var log: DiagnosticLog
    private let documents: [ParsedDocument]

    /// The merged state, or `nil` when anything is wrong (the reasons are in `log`).
    static func merge(_ documents: [ParsedDocument], log: inout DiagnosticLog) -> DesiredState? {
        var merger = SpecMerger(log: log, documents: documents)
        let state = merger.run()
        log = merger.log
        return state
    }

    private mutating func run() -> DesiredState? {
        let proxy = single("proxy", \.proxy, location: \.location)
        let timeZone = single("timezone", \.timeZone, location: \.location)
        let defaults = single("defaults", \.defaults, location: \.location)
        let nodeSection = single("nodes", \.nodes, location: \.location)
        let planSection = single("plans", \.plans, location: \.location)
        let complete = !documents.isEmpty && !documents.contains { $0.stoppedEarly }
        if proxy == nil, complete {
            log.error(at: SourceLocation(file: documents[0].file, line: 1, column: 1), "no file defines `proxy`",
                      hint: "add `proxy:` with at least `host: proxy.example.com`")
        }
        let zone = timeZone.flatMap { TimeZone(identifier: $0.value) } ?? TimeZone(identifier: "UTC") ?? .current
        let nodes = nodeSection.map { Self.nodes($0.value, proxy: proxy) }
        var fleet = FleetResolver(nodes: nodes, plans: planSection?.value, checks: complete)
        fleet.checkShared(defaults: defaults, log: &log)
        let users = resolveUsers(defaults: defaults, timeZone: zone, fleet: &fleet)
        guard !log.hasErrors, let proxy, let host = proxy.host else { return nil }
        let endpoint = ProxyEndpoint(host: host, port: proxy.port ?? 443, tlsDomain: proxy.tlsDomain)
        return DesiredState(version: 1, proxy: endpoint, timeZone: zone, users: users, timeZoneName: timeZone?.value ?? "UTC",
                            nodes: nodes ?? [], plans: planSection?.value.map(Self.plan) ?? [])
    }

    /// The nodes as written, with `proxy:`'s port and FakeTLS domain where a node sets none.
    private static func nodes(_ nodes: [ParsedDocument.Node], proxy: ParsedDocument.Proxy?) -> [NodeSpec] {
        nodes.map { node in
            let endpoint = ProxyEndpoint(host: node.host ?? "", port: node.port ?? proxy?.port ?? 443,
                                         tlsDomain: node.tlsDomain ?? proxy?.tlsDomain)
            return NodeSpec(name: node.name, endpoint: endpoint, weight: node.weight ?? 1, region: node.region,
                            labels: node.labels, location: node.location)
        }
    }

    private static func plan(_ plan: PartialUser) -> PlanSpec {
        PlanSpec(name: plan.name, dataLimit: plan.dataLimit, reset: plan.reset, maxConnections: plan.maxConnections,
                 maxUniqueIPs: plan.maxUniqueIPs, replicas: plan.replicas?.value, location: plan.location)
    }

    /// The one definition of a section across files; every further one is an error naming the first.
    private mutating func single<Value>(
        _ key: String, _ path: KeyPath<ParsedDocument, Value?>, location: KeyPath<Value, SourceLocation>
    ) -> Value? {
        var first: Value?
        for document in documents {
            guard let value = document[keyPath: path] else { continue }
            guard let existing = first else {
                first = value
                continue
            }
            log.error(at: value[keyPath: location],
                      "`\(key)` is already defined at \(existing[keyPath: location])",
                      hint: "define `\(key)` in one file only")
        }
        return first
    }

    private mutating func resolveUsers(defaults: PartialUser?, timeZone: TimeZone, fleet: inout FleetResolver) -> [UserSpec] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var names: [String: SourceLocation] = [:]
        var secrets: [String: (name: String, location: SourceLocation)] = [:]
        var expiries: [ExpiryValue: Date] = [:]
        var users: [UserSpec] = []
        users.reserveCapacity(documents.reduce(0) { $0 + $1.users.count })
        // Within one file the parser already refused duplicate names; only several files need the check.
        let checkNames = documents.count > 1
        let resolveFleet = !fleet.isEmpty || defaults?.plan != nil
        for document in documents {
            for partial in document.users {
                if checkNames, let first = names.updateValue(partial.location, forKey: partial.name) {
                    names[partial.name] = first
                    log.error(at: partial.location, "user `\(partial.name)` is also defined at \(first)",
                              hint: "keep one definition")
                    continue
                }
                var user = resolve(partial, defaults: defaults, calendar: calendar, expiries: &expiries)
                if resolveFleet || partial.nodes != nil || partial.replicas != nil || partial.plan != nil {
                    let plan = fleet.plan(for: partial, defaults: defaults, log: &log)
                    if let chosen = plan.plan { Self.apply(chosen, to: &user, partial: partial) }
                    user.plan = plan.name
                    user.placement = fleet.placement(for: partial, plan: plan, defaults: defaults, log: &log)
                }
                if let secret = user.secret, let location = partial.secretLocation {
                    if let first = secrets[secret] {
                        log.error(at: location, "user `\(user.name)` has the same secret as `\(first.name)` (\(first.location))",
                                  hint: "remove `secret:` from one of them to use a derived secret")
                    } else {
                        secrets[secret] = (user.name, location)
                    }
                }
                users.append(user)
            }
        }
        // Sorted here, in place, so that `DesiredState` finds them sorted instead of sorting a copy.
        users.sort { $0.name < $1.name }
        return users
    }

    /// The plan's limits where the user sets none of their own: the user's field, then the plan's, then `defaults:`.
    private static func apply(_ plan: PartialUser, to user: inout UserSpec, partial: PartialUser) {
        if partial.dataLimit == nil, let value = plan.dataLimit { user.dataLimit = value }
        if partial.reset == nil, let value = plan.reset { user.reset = value }
        if partial.maxConnections == nil, let value = plan.maxConnections { user.maxConnections = value }
        if partial.maxUniqueIPs == nil, let value = plan.maxUniqueIPs { user.maxUniqueIPs = value }
    }

    /// One user with defaults applied. A user's `expire` also overrides a default `on_hold`, and the reverse.
    private func resolve(
        _ user: PartialUser, defaults: PartialUser?, calendar: Calendar, expiries: inout [ExpiryValue: Date]
    ) -> UserSpec {
        let end = user.setsEnd ? nil : defaults
        var expire: Date?
        if let expiry = user.expire ?? end?.expire {
            if let known = expiries[expiry] {
                expire = known
            } else {
                expire = expiry.resolved(with: calendar)
                expiries[expiry] = expire
            }
        }
        return UserSpec(
            name: user.name,
            dataLimit: user.dataLimit ?? defaults?.dataLimit ?? .unlimited,
            reset: user.reset ?? defaults?.reset ?? .none,
            maxConnections: user.maxConnections ?? defaults?.maxConnections,
            maxUniqueIPs: user.maxUniqueIPs ?? defaults?.maxUniqueIPs,
            expire: expire,
            note: user.note ?? defaults?.note,
            disabled: user.disabled ?? defaults?.disabled ?? false,
            rotate: user.rotate ?? defaults?.rotate ?? 0,
            secret: user.secret ?? defaults?.secret,
            onHold: user.onHold ?? end?.onHold,
            location: user.location)
    }
}
