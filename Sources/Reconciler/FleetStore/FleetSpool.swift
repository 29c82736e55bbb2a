import Foundation
import StatsSink
import TelemtRender

/// Scrapes recorded locally that the fleet store has not taken yet: one file (0600, written
/// atomically) per scrape in `<state_dir>/fleet-spool`, replayed in order once the store answers.
///
/// Counters are cumulative, so within one telemt process only the newest scrape of each UTC quarter
/// hour is needed for exact quarter-hour roll-ups: a scrape of the same process and quarter hour
/// replaces the one before. The last scrape before a restart is kept (it alone holds the bytes the
/// restart erased). Beyond ``limit`` entries the oldest scrape that a later scrape of the same process
/// follows is dropped: its bytes move into that later scrape's quarter hour, none is lost. Only when
/// every entry is the last of its process (``limit`` restarts in one outage) is the oldest dropped
/// with its bytes, and the tick says so.
///
/// A file's name carries what the decisions need: `<sequence>-<quarter start>-<r|c>.tsv`, `r` when
/// the scrape starts a telemt process (a restart, or the node's first scrape) and `c` when it continues one.
struct FleetSpool {
    /// A spooled scrape, by its file name.
    struct Entry: Equatable {
        var sequence: Int
        var quarter: Int64
        var startsProcess: Bool

        var name: String {
            let number = String(sequence)
            return String(repeating: "0", count: max(0, 12 - number.count)) + number + "-\(quarter)-" + (startsProcess ? "r" : "c") + ".tsv"
        }

        init(sequence: Int, quarter: Int64, startsProcess: Bool) {
            self.sequence = sequence
            self.quarter = quarter
            self.startsProcess = startsProcess
        }

        init?(name: String) {
            let parts = name.split(separator: "-")
            guard parts.count == 3, name.hasSuffix(".tsv"), let sequence = Int(parts[0]), let quarter = Int64(parts[1]) else { return nil }
            self.init(sequence: sequence, quarter: quarter, startsProcess: parts[2] == "r.tsv")
        }
    }

    /// At most this many scrapes are kept: a week of quarter hours.
    static let limit = 672

    let directory: String

    init(stateDirectory: String) {
        directory = (stateDirectory as NSString).appendingPathComponent("fleet-spool")
    }

    /// The spooled scrapes, oldest first.
    func entries() -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap(Entry.init(name:)).sorted { $0.sequence < $1.sequence }
    }

    /// The scrape of `entry`, nil when its file cannot be read as one.
    func snapshot(_ entry: Entry) -> TelemtSnapshot? {
        FileManager.default.contents(atPath: path(entry)).flatMap { SpooledSnapshot.decode(Array($0)) }
    }

    /// Spools `snapshot`; `continued` when the local ledger found it the same telemt process as the
    /// scrape before. Returns the spool's size and how many scrapes were dropped with their bytes.
    func add(_ snapshot: TelemtSnapshot, continued: Bool) throws(EngineError) -> (count: Int, lost: Int) {
        var entries = entries()
        let quarter = TimeBuckets.quarterStart(of: snapshot.scrapedAt)
        var entry = Entry(sequence: (entries.last?.sequence ?? 0) + 1, quarter: quarter, startsProcess: !continued)
        let replaced = entries.last.flatMap { continued && $0.quarter == quarter ? $0 : nil }
        if let replaced { entry.startsProcess = replaced.startsProcess }
        try write(SpooledSnapshot.encode(snapshot), entry)
        if let replaced {
            remove(replaced)
            entries[entries.count - 1] = entry
        } else {
            entries.append(entry)
        }
        var lost = 0
        while entries.count > Self.limit {
            lost += try thin(&entries)
        }
        return (entries.count, lost)
    }

    /// Removes one entry: the oldest that a scrape of the same process follows (that scrape then stands
    /// for it), else the oldest of all (1 returned: its bytes are lost).
    private func thin(_ entries: inout [Entry]) throws(EngineError) -> Int {
        guard let index = entries.indices.dropLast().first(where: { !entries[$0 + 1].startsProcess }) else {
            remove(entries.removeFirst())
            return 1
        }
        let dropped = entries.remove(at: index)
        if dropped.startsProcess {
            var heir = entries[index]
            heir.startsProcess = true
            try rename(entries[index], to: heir)
            entries[index] = heir
        }
        remove(dropped)
        return 0
    }

    /// Deletes a replayed (or unreadable) entry.
    func remove(_ entry: Entry) {
        try? FileManager.default.removeItem(atPath: path(entry))
    }

    private func path(_ entry: Entry) -> String { (directory as NSString).appendingPathComponent(entry.name) }

    private func write(_ bytes: [UInt8], _ entry: Entry) throws(EngineError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try AtomicFileWriter(newFileMode: 0o600).write(bytes, to: path(entry))
        } catch {
            throw EngineError(.stateDirectory, path: path(entry), "cannot spool a scrape for the fleet store (\(error))",
                              hint: "check free space and permissions of the state directory; the scrape is recorded locally")
        }
    }

    private func rename(_ entry: Entry, to renamed: Entry) throws(EngineError) {
        guard Foundation.rename(path(entry), path(renamed)) == 0 else {
            throw EngineError(.stateDirectory, path: path(entry), "cannot rename a spooled scrape (errno \(errno))",
                              hint: "check permissions of the state directory")
        }
    }
}
