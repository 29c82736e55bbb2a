/// telemt's config as read from disk, with its hash computed once.
struct DiskConfig: Sendable {
    var bytes: [UInt8]
    var sha256: String

    init(bytes: [UInt8], sha256: String? = nil) {
        self.bytes = bytes
        self.sha256 = sha256 ?? TickRun.sha256(bytes)
    }
}
