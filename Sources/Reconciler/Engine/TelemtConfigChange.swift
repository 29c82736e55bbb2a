import TelemtRender

/// What a new `config.toml` changes for telemt: settings it reads only at start (a restart is
/// needed) and whether `[access]` changed (telemt counts a reload only then). Only the tables outside
/// `[access…]` are parsed: those hold every setting read at start, and the access tables of 100,000
/// users are most of the file.
public struct TelemtConfigChange: Sendable, Equatable {
    /// Settings read only at start that differ, as `server.port`.
    public var restartNeeded: [String]
    /// Whether the `[access]` tables differ (true when there was no old file or it cannot be read).
    public var access: Bool

    init(old: [UInt8]?, new: [UInt8]) {
        guard let old, old != new else {
            restartNeeded = []
            access = old == nil
            return
        }
        let before = ConfigSections(old), after = ConfigSections(new)
        access = before.accessDigest != after.accessDigest
        if let documentBefore = try? TemplateValidator.document(before.rest), let documentAfter = try? TemplateValidator.document(after.rest) {
            restartNeeded = TemplateValidator.restartRequiredChanges(from: documentBefore, to: documentAfter)
        } else {
            restartNeeded = []
            access = true
        }
    }

    /// `telemt restart needed: server.port (telemt reads these settings only at start)`, or nil.
    public var note: String? {
        restartNeeded.isEmpty ? nil : "telemt restart needed: \(restartNeeded.joined(separator: ", ")) (telemt reads these settings only at start)"
    }
}
