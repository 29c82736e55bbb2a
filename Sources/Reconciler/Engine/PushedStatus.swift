import Foundation

/// The commit a tick's status push made, handed from the push to the report.
final class PushedStatus: @unchecked Sendable {
    private let lock = NSLock()
    private var value: String?

    /// The full commit id, if a push happened.
    var hex: String? { lock.withLock { value } }

    func set(_ hex: String) {
        lock.withLock { value = hex }
    }
}
