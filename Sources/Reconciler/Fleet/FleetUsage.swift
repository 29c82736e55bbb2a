import Foundation
import Spec
import StatsSink

/// A user's usage on the other nodes of a fleet, from their committed status files, for quotas
/// across nodes without a shared store. Coarser and later than the store: a status file shows
/// usage rounded down to its bucket (``UsageBucket``) and is committed when a bucket is crossed or at
/// its heartbeat, so each other node may count up to one bucket less, as of its last commit.
enum FleetUsage {
    /// Bytes each of `users` used in its current period on the nodes of `fleet` other than `node`, by
    /// user (users with none omitted). An entry counts only when its period is the user's current one.
    /// The status file of a node `fleet` does not list (one removed, this host's name before it
    /// joined a fleet, a file nobody's node writes) is not counted: its bytes may be in this host's
    /// own ledger already.
    static func others(_ files: [DesiredFile], node: String, fleet: Set<String>, users: [UserSpec], now: Date, timeZone: TimeZone,
                       cache: FleetStatusCache) -> [String: UInt64] {
        var periods: [ResetPeriod: DateInterval?] = [:]
        let wanted = Dictionary(users.map { ($0.name, $0.reset) }, uniquingKeysWith: { first, _ in first })
        var result: [String: UInt64] = [:]
        cache.keep(only: Set(files.map(\.path)))
        for file in statusFiles(files, node: node, fleet: fleet).values {
            guard let status = cache.status(file) else { continue }
            for entry in status.users where entry.used > 0 {
                guard let reset = wanted[entry.name] else { continue }
                let period = periods[reset] ?? UsagePeriod.containing(now, reset: reset, timeZone: timeZone).interval
                periods[reset] = period
                guard entry.period == period else { continue }
                let (sum, overflow) = (result[entry.name] ?? 0).addingReportingOverflow(entry.used)
                result[entry.name] = overflow ? .max : sum
            }
        }
        return result
    }

    /// One status file per node of `fleet` but `node`, by node: `<node>.yaml`, the name hosts write,
    /// rather than a stray `<node>.yml` (both counted would count the node twice).
    static func statusFiles(_ files: [DesiredFile], node: String, fleet: Set<String>) -> [String: DesiredFile] {
        var result: [String: DesiredFile] = [:]
        for file in files {
            guard let owner = FleetHeartbeats.node(of: file.path), owner != node, fleet.contains(owner) else { continue }
            if result[owner] == nil || file.path.hasSuffix(".yaml") { result[owner] = file }
        }
        return result
    }
}
