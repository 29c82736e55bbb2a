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
        let complete = !documents.isEmpty && !documents.contains { $0.stoppedEarly }
        if proxy == nil, complete {
            log.error(at: SourceLocation(file: documents[0].file, line: 1, column: 1), "no file defines `proxy`",
                      hint: "add `proxy:` with at least `host: proxy.example.com`")
        }
        let zone = timeZone.flatMap { TimeZone(identifier: $0.value) } ?? TimeZone(identifier: "UTC") ?? .current
        let users = resolveUsers(defaults: defaults, timeZone: zone)
        guard !log.hasErrors, let proxy, let host = proxy.host else { return nil }
        let endpoint = ProxyEndpoint(host: host, port: proxy.port ?? 443, tlsDomain: proxy.tlsDomain)
        return DesiredState(version: 1, proxy: endpoint, timeZone: zone, users: users, timeZoneName: timeZone?.value ?? "UTC")
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

    private mutating func resolveUsers(defaults: PartialUser?, timeZone: TimeZone) -> [UserSpec] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var names: [String: SourceLocation] = [:]
        var secrets: [String: (name: String, location: SourceLocation)] = [:]
        var expiries: [ExpiryValue: Date] = [:]
        var users: [UserSpec] = []
        users.reserveCapacity(documents.reduce(0) { $0 + $1.users.count })
        // Within one file the parser already refused duplicate names; only several files need the check.
        let checkNames = documents.count > 1
        for document in documents {
            for partial in document.users {
                if checkNames, let first = names.updateValue(partial.location, forKey: partial.name) {
                    names[partial.name] = first
                    log.error(at: partial.location, "user `\(partial.name)` is also defined at \(first)",
                              hint: "keep one definition")
                    continue
                }
                let user = resolve(partial, defaults: defaults, calendar: calendar, expiries: &expiries)
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
