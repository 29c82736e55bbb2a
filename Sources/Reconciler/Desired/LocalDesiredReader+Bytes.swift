import Foundation

extension LocalDesiredReader {
    /// The bytes of the regular file at `path`, refused when larger than `limit`.
    func bytes(of path: String, limit: Int) throws(DesiredFilesError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw DesiredFilesError(path: path, problem: .unreadable(String(cString: strerror(errno))))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw DesiredFilesError(path: path, problem: .unreadable("not a regular file"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DesiredFilesError(path: path, problem: .unreadable(String(cString: strerror(errno))))
        }
        defer { try? handle.close() }
        let data: Data?
        do {
            data = try handle.read(upToCount: limit + 1)
        } catch {
            throw DesiredFilesError(path: path, problem: .unreadable(error.localizedDescription))
        }
        let bytes = [UInt8](data ?? Data())
        guard bytes.count <= limit else {
            throw DesiredFilesError(path: path, problem: .tooLarge(size: bytes.count, limit: limit))
        }
        return bytes
    }
}
