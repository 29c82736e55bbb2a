import Foundation
import Spec
import TelemtRender

/// Converts an existing telemt `config.toml` (users written by hand or by another panel) into a
/// desired-state repository, so that a host adopts telemt-gitops without any user's link changing.
///
/// - `users.yaml`: `proxy` from the options, else `[general.links] public_host`/`public_port`,
///   `[server] port` and `[censorship] tls_domain`; every user of `[access.users]` with an
///   explicit `secret:` and their `max_connections`, `max_unique_ips`, `expire` and `disabled`.
///   A `[access.user_data_quota]` entry becomes `data_limit` with the default `reset: none`, with a
///   warning: telemt counts that quota over the user's lifetime, telemt-gitops from its own records.
/// - `telemt.toml`: the source with the managed tables emptied (``ManagedTables/emptied(_:)``),
///   so rendering the users into it gives back the source's layout.
///
/// Pure: bytes in, bytes out. Users telemt-gitops cannot represent are errors at their line:col.
public struct TelemtConfigImport: Sendable {
    /// The source config's bytes.
    public var source: [UInt8]
    /// Its path, for messages.
    public var path: String
    /// `proxy.host` (else `[general.links] public_host`).
    public var host: String?
    /// `proxy.port` (else `public_port`, else `[server] port`, else 443).
    public var port: Int?
    /// `timezone`, when given.
    public var timeZone: String?

    /// Creates an import of `source`, read from `path`.
    public init(source: [UInt8], path: String, host: String? = nil, port: Int? = nil, timeZone: String? = nil) {
        self.source = source
        self.path = path
        self.host = host
        self.port = port
        self.timeZone = timeZone
    }

    /// The repository's files, or every problem found.
    public func run() throws(TelemtImportError) -> ImportedRepository {
        let document = try parse()
        let snapshot = try read(document)
        let proxy = try self.proxy(document)
        let converted = try convert(snapshot.users, document: document)
        let yaml = ImportedUsersFile(sourcePath: path, proxy: proxy, timeZone: timeZone, users: converted.users).bytes
        let template = try emptiedTemplate(document, secrets: Set(snapshot.users.map { $0.secret.lowercased() }))
        let checked = try check(usersYAML: yaml, template: template, userCount: converted.users.count)
        let warnings = orphanWarnings(snapshot) + converted.warnings + checked
        return ImportedRepository(
            usersYAML: yaml, template: template, userCount: converted.users.count,
            disabledCount: converted.users.filter(\.disabled).count,
            expiringCount: converted.users.filter { $0.expire != nil }.count,
            limitedCount: converted.users.filter { $0.dataLimit != nil }.count, warnings: warnings)
    }

    private func parse() throws(TelemtImportError) -> TOMLDocument {
        do {
            return try TOMLDocument(parsing: source)
        } catch {
            throw TelemtImportError([problem(at: error.location, "\(error.message); \(error.hint)")])
        }
    }

    /// The managed tables; a config without `[access.users]` has no users.
    private func read(_ document: TOMLDocument) throws(TelemtImportError) -> ManagedTablesSnapshot {
        do {
            return try ManagedTables.snapshot(of: document)
        } catch where error.reason == .missingUsers {
            return ManagedTablesSnapshot(users: [], names: [:])
        } catch {
            throw TelemtImportError([problem(at: error.location, importMessage(error))])
        }
    }

    private func importMessage(_ error: ManagedTablesError) -> String {
        switch error.reason {
        case .unsupportedForm(let table, let form):
            "access.\(table.rawValue) is written as \(form); import reads only plain \(table.header) tables: "
                + "rewrite it as \(table.header) with one `name = value` line per user and run import again"
        default:
            error.message
        }
    }

    private func orphanWarnings(_ snapshot: ManagedTablesSnapshot) -> [String] {
        snapshot.orphans.sorted { $0.key < $1.key }.map { table, names in
            "warning: \(path): \(table.header) has \(names.count) entr\(names.count == 1 ? "y" : "ies") for names not in "
                + "[access.users] (telemt ignores them): not imported"
        }
    }

    /// A problem at `location` of the source.
    func problem(at location: TOMLSourceLocation?, _ message: String) -> TelemtImportError.Problem {
        TelemtImportError.Problem(path: path, line: location?.line, column: location?.column, message: message)
    }
}
