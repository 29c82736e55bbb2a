import Foundation

/// The other nodes' committed status files, parsed once per content: a fleet's host reads them on
/// every tick, and they change only when their node commits a new status.
final class FleetStatusCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (bytes: [UInt8], status: NodeStatus?)] = [:]

    /// The status in `file` (nil when it does not parse: that node's usage is not counted).
    func status(_ file: DesiredFile) -> NodeStatus? {
        if let hit = lock.withLock({ entries[file.path] }), hit.bytes == file.bytes { return hit.status }
        let status = try? NodeStatus(reading: file.bytes, file: file.path)
        lock.withLock { entries[file.path] = (file.bytes, status) }
        return status
    }
}
