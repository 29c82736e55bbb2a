import Foundation

/// A secret kept in a file of its own (a webhook secret, a bot token): read once at start, one line,
/// at most 4 KiB; its bytes are never printed.
public struct SecretFile: Sendable {
    /// The secret's bytes, without a trailing newline.
    public let bytes: [UInt8]

    /// Reads `path`; `what` names the setting in errors.
    public init(path: String, setting: String) throws(DaemonError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DaemonError(.secretFile, path: path, "`\(setting)`: the file cannot be read",
                              hint: "create it (0600, owned by the daemon's user) or change `\(setting)`")
        }
        guard data.count <= 4_096 else {
            throw DaemonError(.secretFile, path: path, "`\(setting)`: the file is \(data.count) bytes; a secret is at most 4 KiB",
                              hint: "put only the secret in the file")
        }
        var bytes = Array(data)
        while let last = bytes.last, last == 10 || last == 13 || last == 32 { bytes.removeLast() }
        guard !bytes.isEmpty, !bytes.contains(10) else {
            throw DaemonError(.secretFile, path: path, "`\(setting)`: the file is empty or holds more than one line",
                              hint: "write the secret alone on one line")
        }
        self.bytes = bytes
    }

    /// A secret given directly (tests).
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The secret as text (tokens).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
