import Foundation

/// The one-recorder-per-node rule both backends apply inside their recording transaction, on the
/// node's locked row.
package enum RecorderClaim {
    /// Refuses a scrape of `node` by another telemt-gitops instance than the one that recorded it
    /// (``StatsStoreError/Code/nodeClaimed``), unless `takeOver` is set. `store` names the store in
    /// the error (a path, or a database URL without its password).
    package static func check(
        _ state: NodeBaseline?, recorder: RecorderInstance?, takeOver: Bool, node: String, store: String
    ) throws(StatsStoreError) {
        guard !takeOver, let recorder, let stored = state?.identity.recorder, stored != recorder.stored else { return }
        let parts = stored.split(separator: " ", maxSplits: 1)
        let other = parts.count == 2 ? "instance \(parts[0]) on host \(parts[1])" : "instance \(stored)"
        let when = state.map { ISO8601DateFormatter().string(from: $0.identity.scrapedAt) } ?? "?"
        throw StatsStoreError(
            code: .nodeClaimed, path: store,
            message: "node \(node) is recorded by \(other) (last scrape \(when)); this is instance \(recorder.id) on host \(recorder.host)"
        )
    }

    /// The identity a recorded scrape leaves on the node: the recorder's, or the one already there.
    package static func identity(_ snapshot: TelemtSnapshot, recorder: RecorderInstance?, previous: NodeBaseline?) -> ScrapeIdentity {
        ScrapeIdentity(snapshot, recorder: recorder?.stored ?? previous?.identity.recorder)
    }
}
