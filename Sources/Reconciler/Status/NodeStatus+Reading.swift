import Foundation
import Spec

extension NodeStatus {
    /// Reads a status file written by ``yaml(timeZone:)``.
    public init(reading bytes: [UInt8], file: String) throws(StatusFileError) {
        let root: YAMLNode?
        do throws(SpecValidationError) {
            root = try YAMLTreeParser(maximumBytes: 256 << 20, maximumNodes: 20_000_000).parse(bytes, file: file)
        } catch {
            let first = error.errors.first
            throw StatusFileError(at: first?.location ?? SourceLocation(file: file, line: 1, column: 1), first?.message ?? "not YAML")
        }
        guard let root else { throw StatusFileError(at: SourceLocation(file: file, line: 1, column: 1), "the file is empty") }
        let fields = try StatusFields(root)
        guard try fields.text("version") == "1" else { throw StatusFileError(at: root.location, "only status version 1 is understood") }
        self.init(node: try fields.required("node"), heartbeat: try fields.instant("heartbeat") ?? Date(timeIntervalSince1970: 0))
        if let applied = try fields.mapping("applied") {
            self.applied = Applied(revision: try applied.required("revision"), configSHA256: try applied.required("config_sha256"),
                                   at: try applied.instant("at") ?? heartbeat)
        }
        if let attempted = try fields.mapping("attempted") {
            self.attempted = Attempted(revision: try attempted.required("revision"), error: try attempted.text("error") ?? "")
        }
        if let telemt = try fields.mapping("telemt") {
            self.telemt = Telemt(version: try telemt.text("version"), started: try telemt.instant("started"),
                                 reload: Telemt.Reload(rawValue: try telemt.text("reload") ?? "") ?? .unchanged)
        }
        warnings = try fields.list("warnings")
        users = try (fields.mapping("users")?.entries ?? []).map { (entry) throws(StatusFileError) in
            try UserStatusEntry(entry.key, StatusFields(entry.value))
        }
    }
}

extension UserStatusEntry {
    init(_ name: String, _ fields: StatusFields) throws(StatusFileError) {
        let limitText = try fields.text("limit") ?? "unlimited"
        let limit: DataLimit
        do throws(SpecValueParsing.Problem) {
            limit = try SpecValueParsing.size(limitText)
        } catch {
            throw StatusFileError(at: fields.location, "\(name): limit `\(limitText)`: \(error.message)")
        }
        var period: DateInterval?
        if let span = try fields.mapping("period"), let start = try span.instant("start"), let end = try span.instant("end"), end >= start {
            period = DateInterval(start: start, end: end)
        }
        self.init(name: name, state: try fields.required("state"), reason: try fields.text("reason"), period: period,
                  used: UInt64(try fields.text("used_bytes") ?? "0") ?? 0, limit: limit, expire: try fields.instant("expire"),
                  firstSeen: try fields.instant("first_seen"), connections: UInt64(try fields.text("connections") ?? "0") ?? 0)
    }
}
