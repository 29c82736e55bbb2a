import Foundation

extension NodeHeartbeat {
    /// The heartbeat of a node-state row from its scrape time (seconds since the epoch) and the
    /// first `requested` bytes (or fewer, when that is all) of its stored baselines; nil when
    /// the recorder does not end within them: read ``BaselineCodec/longestHeader`` bytes then.
    package init?(node: String, scrapedAt: Double, baselinesPrefix prefix: [UInt8], requested: Int) {
        var recorder: RecorderInstance?
        do {
            guard let header = try BaselineCodec.header(prefix: prefix, requested: requested) else { return nil }
            recorder = header.recorder.map(RecorderInstance.init(stored:))
        } catch {
            recorder = nil
        }
        self.init(node: node, lastScrape: Date(timeIntervalSince1970: scrapedAt), recorder: recorder)
    }
}
