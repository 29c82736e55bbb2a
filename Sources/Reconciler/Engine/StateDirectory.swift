import Foundation
import TelemtRender

/// The engine's state directory: the git cache (`git/`), the stats store (`stats.sqlite`), the
/// last good render (`last-good.toml`, 0600: it holds secrets), the last applied revision
/// (`applied.tsv`), the write intent (`pending.json`), the last status (`status/<node>.yaml`) and the
/// lock. Every file is replaced atomically.
struct StateDirectory {
    let path: String
    /// Whether opening it created it.
    private(set) var created = false

    /// Opens `path`, creating it (0700) when missing.
    init(_ path: String) throws(EngineError) {
        self.path = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw EngineError(.stateDirectory, path: path, "the state directory is a file", hint: "pass another --state-dir")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            created = true
        } catch {
            throw EngineError(.stateDirectory, path: path, "cannot create the state directory (\(error.localizedDescription))",
                              hint: "create it, or pass a writable --state-dir")
        }
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    var gitCache: String { file("git") }
    var lastGood: String { file("last-good.toml") }

    func statusFile(node: String) -> String { file("status/\(node).yaml") }

    func read<T: Decodable>(_ type: T.Type, _ name: String) -> T? {
        guard let data = FileManager.default.contents(atPath: file(name)) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(type, from: data)
    }

    func write<T: Encodable>(_ value: T, _ name: String) throws(EngineError) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do { data = try encoder.encode(value) } catch {
            throw EngineError(.stateDirectory, path: file(name), "cannot encode the state (\(error))")
        }
        try writeBytes(Array(data), name)
    }

    func writeBytes(_ bytes: [UInt8], _ name: String) throws(EngineError) {
        let target = file(name)
        do {
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = try AtomicFileWriter(newFileMode: 0o600).write(bytes, to: target)
        } catch {
            throw EngineError(.stateDirectory, path: target, "cannot write the state (\(error))", hint: "check free space and permissions of the state directory")
        }
    }

    func remove(_ name: String) { try? FileManager.default.removeItem(atPath: file(name)) }
}
