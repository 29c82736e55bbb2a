import Foundation

extension MasterKey {
    /// Reads a key file, refusing one that others can read or that is not 64 hex digits.
    public static func load(from path: String) throws(MasterKeyError) -> MasterKey {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw MasterKeyError(path: path, problem: .unreadable(errno: errno))
        }
        let otherBits = info.st_mode & 0o007
        guard otherBits == 0 else {
            throw MasterKeyError(path: path, problem: .tooOpen(mode: info.st_mode & 0o777))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MasterKeyError(path: path, problem: .unreadable(errno: errno))
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Hex.decode(text) else {
            throw MasterKeyError(path: path, problem: .notHex)
        }
        do {
            return try MasterKey(bytes: bytes)
        } catch {
            throw MasterKeyError(path: path, problem: error.problem)
        }
    }

    /// Writes the key to a new file created with mode 0600; never replaces an existing file.
    public func write(to path: String) throws(MasterKeyError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            throw MasterKeyError(path: path, problem: code == EEXIST ? .exists : .unwritable(errno: code))
        }
        defer { close(fd) }
        let bytes = Array(fileContents.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            let code = errno
            unlink(path)
            throw MasterKeyError(path: path, problem: .unwritable(errno: code))
        }
    }
}
