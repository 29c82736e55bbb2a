import Foundation

/// Reads secrets from files (outside git). Values are never put into errors or logs.
enum CredentialFile {
    /// Largest credential file read.
    static let maxBytes = 64 * 1024

    /// The first line of the file, trimmed; an empty first line is an error.
    static func firstLine(_ url: URL) throws(GitSourceError) -> String {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: maxBytes) ?? Data()
        } catch {
            throw .credentialFileUnreadable(path: url.path, detail: "cannot be opened")
        }
        let text = String(decoding: data, as: UTF8.self)
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let value = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else {
            throw .credentialFileUnreadable(path: url.path, detail: "the first line is empty")
        }
        return value
    }

    /// `user:password` from the first line.
    static func userPassword(_ url: URL) throws(GitSourceError) -> (user: String, password: String) {
        let line = try firstLine(url)
        guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
            throw .credentialFileUnreadable(path: url.path, detail: "expected 'user:password' on the first line")
        }
        return (String(line[..<colon]), String(line[line.index(after: colon)...]))
    }
}
