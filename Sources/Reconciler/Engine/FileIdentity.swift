import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What tells one version of a file from another without reading it: device, inode, size and the
/// modification and change times in nanoseconds, through `stat` (which follows a symbolic link to the
/// file it names). The change time cannot be set back from user space, so an edit that restores the
/// size and modification time is still seen.
struct FileIdentity: Equatable, Sendable, CustomStringConvertible {
    private let fields: [Int]
    /// The last modification or status change, in seconds since 1970.
    let changed: Double

    /// Device and inode only: the same file however often it is written (a database, for one).
    var file: [Int] { Array(fields.prefix(2)) }

    /// The identity of the file at `path` now, nil when there is none.
    static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let times = [info.st_mtim, info.st_ctim]
        let fields = [Int(info.st_dev), Int(info.st_ino), Int(info.st_size)] + times.flatMap { [Int($0.tv_sec), Int($0.tv_nsec)] }
        let changed = times.map { Double($0.tv_sec) + Double($0.tv_nsec) / 1e9 }.max() ?? 0
        return FileIdentity(fields: fields, changed: changed)
    }

    /// Whether the file changed so recently that another write within the file system's timestamp
    /// granularity could leave the same identity (git's "racily clean" files): such a copy is not kept.
    func isRecent(now: Date = Date()) -> Bool {
        now.timeIntervalSince1970 - changed < 2
    }

    var description: String {
        fields.map(String.init).joined(separator: ":")
    }
}
