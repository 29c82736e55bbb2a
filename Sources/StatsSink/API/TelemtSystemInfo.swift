/// telemt's `GET /v1/system/info`: the process's identity and its config reloads.
///
/// A restart changes ``processStartedAt``; a clock step does not. ``configReloadCount`` and
/// ``lastConfigReloadAt`` confirm that a written config was reloaded (a refused one is only logged).
public struct TelemtSystemInfo: Sendable, Equatable {
    /// telemt's version, e.g. `3.4.25`.
    public var version: String
    /// When the process started, in seconds since 1970 (`process_started_at_epoch_secs`).
    public var processStartedAt: UInt64
    /// Seconds since the process started (`uptime_seconds`).
    public var uptimeSeconds: Double
    /// SHA-256 of the main config file on disk (`config_hash`).
    public var configHash: String
    /// Config reloads applied since the process started (`config_reload_count`).
    public var configReloadCount: UInt64
    /// When the last reload was applied (`last_config_reload_epoch_secs`); `nil` before the first.
    public var lastConfigReloadAt: UInt64?
    /// The envelope's `revision`.
    public var revision: String

    /// Creates a value.
    public init(
        version: String, processStartedAt: UInt64, uptimeSeconds: Double, configHash: String,
        configReloadCount: UInt64, lastConfigReloadAt: UInt64?, revision: String
    ) {
        self.version = version
        self.processStartedAt = processStartedAt
        self.uptimeSeconds = uptimeSeconds
        self.configHash = configHash
        self.configReloadCount = configReloadCount
        self.lastConfigReloadAt = lastConfigReloadAt
        self.revision = revision
    }

    /// Reads the body of a `GET /v1/system/info` answer; unknown members are ignored, and all but
    /// `last_config_reload_epoch_secs` (absent or `null` before the first reload) are required.
    public init(jsonBody body: [UInt8]) throws(TelemtAPIError.Reason) {
        var fields = Fields()
        let revision = try TelemtAPIEnvelope.read(body) { (scanner) throws(JSONScanError) in
            try fields.read(&scanner)
        }
        guard let version = fields.version, let startedAt = fields.startedAt, let uptime = fields.uptime,
              let hash = fields.hash, let reloads = fields.reloads
        else {
            throw .invalid("the system info lacks version, process_started_at_epoch_secs, uptime_seconds, "
                + "config_hash or config_reload_count; check that telemt is 3.4 or later")
        }
        self.init(
            version: version, processStartedAt: startedAt, uptimeSeconds: uptime, configHash: hash,
            configReloadCount: reloads, lastConfigReloadAt: fields.lastReload, revision: revision)
    }

    private struct Fields {
        var version: String?
        var startedAt: UInt64?
        var uptime: Double?
        var hash: String?
        var reloads: UInt64?
        var lastReload: UInt64?

        mutating func read(_ scanner: inout JSONScanner) throws(JSONScanError) {
            try scanner.readObject { (scanner, key) throws(JSONScanError) in
                switch key {
                case "version": version = try scanner.readString()
                case "process_started_at_epoch_secs": startedAt = try scanner.readUInt64()
                case "uptime_seconds": uptime = try scanner.readDouble()
                case "config_hash": hash = try scanner.readString()
                case "config_reload_count": reloads = try scanner.readUInt64()
                case "last_config_reload_epoch_secs": lastReload = scanner.readNull() ? nil : try scanner.readUInt64()
                default: break
                }
            }
        }
    }
}
