import Foundation
import Spec

/// What the last successful tick applied, kept in `<state_dir>/applied.json` (0600, no secret): the
/// revision, the hash of the config written, its users and their evaluations (exact, for events).
struct AppliedRecord: Codable, Equatable {
    struct Evaluation: Codable, Equatable {
        var user: String
        var state: String
        var used: UInt64
        var periodStart: Double?
        var periodEnd: Double?
        var expiringSoon: Bool
    }

    var revision: String
    var configSHA256: String
    var at: Date
    var users: [String]
    var evaluations: [Evaluation]
}

/// What a tick is about to write to telemt's config, saved before the write (`pending.json`): a
/// process killed between the write and ``AppliedRecord`` finds the new file on disk, sees its hash
/// here, and adopts it instead of reporting the file as drift.
struct PendingWrite: Codable, Equatable {
    var revision: String
    var configSHA256: String
}
