import Foundation

/// The other nodes' committed status files, parsed once per content: a fleet's host reads them on
/// every tick, and they change only when their node commits a new status.
final class FleetStatusCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (bytes: [UInt8], status: NodeStatus?)] = [:]

    /// Forgets the files not in `paths` (a node removed, a status file deleted), so that what is kept
    /// is never more than one revision's status files.
    func keep(only paths: Set<String>) {
        lock.withLock { entries = entries.filter { paths.contains($0.key) } }
    }

    /// The status in `file` (nil when it does not parse: that node's usage is not counted).
    func status(_ file: DesiredFile) -> NodeStatus? {
        if let hit = lock.withLock({ entries[file.path] }), hit.bytes == file.bytes { return hit.status }
        let status = try? NodeStatus(reading: file.bytes, file: file.path)
        lock.withLock { entries[file.path] = (file.bytes, status) }
        return status
    }
}
