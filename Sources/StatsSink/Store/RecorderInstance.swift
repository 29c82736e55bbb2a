import Foundation

/// Which telemt-gitops installation records a node's scrapes: a random id kept in the state
/// directory (created on first use) and the host name, for messages.
///
/// The id is stored with the node's baselines; a scrape recorded under the same node name by
/// another instance is refused (``StatsStoreError/Code/nodeClaimed``), because two hosts
/// alternating under one name would look like a telemt restart on every scrape.
public struct RecorderInstance: Sendable, Equatable {
    /// The instance id (a UUID).
    public var id: String
    /// This host's name.
    public var host: String

    /// Creates an instance identity.
    public init(id: String, host: String) {
        self.id = id
        self.host = host
    }

    /// The stored form: `id host`.
    package var stored: String { "\(id) \(host)" }

    /// The identity in its stored form (`id host`; the host empty when there is none).
    package init(stored: String) {
        let parts = stored.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(id: String(parts.first ?? ""), host: parts.count == 2 ? String(parts[1]) : "")
    }

    /// Reads the id kept in `directory/instance-id`, creating it (0644) with a new UUID when missing.
    public static func load(directory: String) throws(StatsStoreError) -> RecorderInstance {
        let path = (directory as NSString).appendingPathComponent("instance-id")
        let host = ProcessInfo.processInfo.hostName
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !id.isEmpty, id.count <= 64, id.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == "-") }) else {
                throw StatsStoreError(code: .instanceID, path: path, message: "the file does not hold an instance id")
            }
            return RecorderInstance(id: id, host: host)
        }
        let id = UUID().uuidString.lowercased()
        guard FileManager.default.createFile(atPath: path, contents: Data((id + "\n").utf8), attributes: [.posixPermissions: 0o644]) else {
            throw StatsStoreError(code: .instanceID, path: path, message: "cannot create the file")
        }
        return RecorderInstance(id: id, host: host)
    }
}
