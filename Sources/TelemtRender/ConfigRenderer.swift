import Foundation

/// Renders telemt's `config.toml`: the managed `[access.*]` tables (``ManagedTables/Table``)
/// from a user set, spliced into a template whose every other byte is kept.
///
/// - Each managed table present in the template is replaced in place; missing ones are added
///   after the last managed table present, else after `[access]`, else at the end.
/// - Keys are sorted by UTF-8 bytes and quoted unless bare-safe (`a.b` is quoted), so the same
///   input always gives the same bytes and rendering a rendered config again changes nothing.
/// - Disabled users stay in `[access.users]` with `user_enabled = false` (telemt then ends their
///   live sessions); enabled users get no `user_enabled` entry (telemt's default is enabled).
/// - Expirations are quoted RFC 3339 UTC strings with whole seconds (rounded down).
/// - `[access.user_data_quota]` follows ``ConfigDataQuotaPolicy`` (empty by default).
///
/// Comments of a managed table: the table's body (header line to last entry) is ours and replaced,
/// so comments inside it go, e.g. telemt's example `# format: "username" = ...` and commented
/// sample users. Comment lines after the last entry are kept when a blank line separates them from
/// it or when they run straight into the next header (they introduce that section); only comment
/// lines glued to the last entry at the end of the file go with the table. Comments before the
/// header are kept.
///
/// The result is parsed again and read back before it is returned; a result that would not parse
/// or reads back differently is an error, never output.
public struct ConfigRenderer: Sendable {
    /// What to write into `[access.user_data_quota]`.
    public var dataQuotaPolicy: ConfigDataQuotaPolicy

    /// Creates a renderer.
    public init(dataQuotaPolicy: ConfigDataQuotaPolicy = .omit) {
        self.dataQuotaPolicy = dataQuotaPolicy
    }

    /// Renders `users` into `template` (UTF-8 text).
    /// - Throws: ``ConfigRenderError``.
    public func render(template: String, users: [TelemtUser]) throws(ConfigRenderError) -> String {
        String(decoding: try render(template: Array(template.utf8), users: users), as: UTF8.self)
    }

    /// Renders `users` into `template` (UTF-8 bytes).
    /// - Throws: ``ConfigRenderError``.
    public func render(template: [UInt8], users: [TelemtUser]) throws(ConfigRenderError) -> [UInt8] {
        let expected = try normalized(users)
        let document = try parseTemplate(template)
        let present: [ManagedTables.Table: TOMLSection]
        do {
            present = try ManagedTables.sections(in: document)
        } catch {
            throw .template(error)
        }
        let output = splice(document: document, present: present, users: expected)
        try verify(output, expected: expected)
        return output
    }

    /// The users as ``ManagedTables/read(from:)`` returns them from a config rendered from
    /// `users`: sorted by name (byte order), expirations rounded down to whole seconds, data
    /// quotas dropped under ``ConfigDataQuotaPolicy/omit``. Compare observed state with this.
    /// - Throws: ``ConfigRenderError`` for empty sets, duplicates, invalid names, secrets or limits.
    public func normalized(_ users: [TelemtUser]) throws(ConfigRenderError) -> [TelemtUser] {
        guard !users.isEmpty else { throw .noUsers }
        var result = Self.sortedByName(users)
        for index in result.indices {
            try Self.check(result[index])
            if index > 0, result[index - 1].name == result[index].name { throw .duplicateUser(result[index].name) }
            if let expiration = result[index].expiration {
                result[index].expiration = Date(timeIntervalSince1970: expiration.timeIntervalSince1970.rounded(.down))
            }
            if dataQuotaPolicy == .omit { result[index].dataQuota = nil }
        }
        return result
    }

    private static func check(_ user: TelemtUser) throws(ConfigRenderError) {
        guard (1...64).contains(user.name.utf8.count),
              TOMLEncoding.allBytes(of: user.name, satisfy: { TOMLEncoding.isBareKeyByte($0) || $0 == UInt8(ascii: ".") })
        else {
            throw .invalidUserName(user.name)
        }
        guard user.secret.utf8.count == 32, TOMLEncoding.allBytes(of: user.secret, satisfy: { TOMLParser.hexValue($0) != nil }) else {
            throw .invalidSecret(user: user.name)
        }
        if let connections = user.maxTCPConnections, connections < 0 {
            throw .negativeLimit(user: user.name, table: .userMaxTCPConns)
        }
        if let addresses = user.maxUniqueIPs, addresses < 0 {
            throw .negativeLimit(user: user.name, table: .userMaxUniqueIPs)
        }
    }

    /// The template, parsed with its managed tables only captured (their entries are replaced,
    /// so they need no value tree), else by the general parser, which also gives its exact error.
    private func parseTemplate(_ template: [UInt8]) throws(ConfigRenderError) -> TOMLDocument {
        do {
            return try TemplateValidator.document(template)
        } catch {
            throw .template(ManagedTablesError(reason: .syntax(error), location: error.location))
        }
    }

    /// Proves that `output` is valid TOML whose managed tables read back as `expected`.
    ///
    /// The fast path parses the output with the managed tables read by the strict capture reader
    /// (see `TOMLParser+Capture`): every byte outside them goes through the general parser, and
    /// the capture accepts only a subset of TOML that it checks as the general parser would
    /// (unique keys, nothing else defining keys inside), so a successful capture is a full
    /// validity proof. The users it reads back are those ``ManagedTables/snapshot(of:)`` reads.
    /// Anything the capture does not accept is checked by the general parser and reader instead.
    private func verify(_ output: [UInt8], expected: [TelemtUser]) throws(ConfigRenderError) {
        if let captured = ManagedTables.parseCapturing(output), let observed = ManagedTables.users(of: captured) {
            try compare(observed, expected)
            return
        }
        let document: TOMLDocument
        do {
            document = try TOMLDocument(parsing: output)
        } catch {
            throw .renderedConfigInvalid(error)
        }
        guard let observed = try? ManagedTables.snapshot(of: document).users else {
            throw .renderedConfigMismatch(user: nil)
        }
        try compare(observed, expected)
    }

    private func compare(_ observed: [TelemtUser], _ expected: [TelemtUser]) throws(ConfigRenderError) {
        guard observed == expected else {
            let differing = zip(observed, expected).first { $0 != $1 }?.1.name
            throw .renderedConfigMismatch(user: differing)
        }
    }
}
