public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Drives `Tests/TelemtStandIn/telemt-standin.py`, a python stand-in for telemt 3.4.25 (config
/// reloads with telemt's refusals, `/metrics`, the read-only API, traffic through a control port).
/// Test support only: see docs/telemt-standin.md for what it imitates and what it does not.
public final class TelemtStandIn {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private let process = Process()
    /// The private directory: `config.toml`, `state/` (ports.json, reloads.log, stderr.log).
    public let directory: URL
    public let configURL: URL
    public let stateDirectory: URL
    public let metricsPort: Int
    public let apiPort: Int
    public let controlPort: Int

    /// The stand-in's script, next to this file's directory.
    public static let scriptURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TelemtStandIn/telemt-standin.py")

    /// Writes `config` as `config.toml` and starts the stand-in on free ports; throws when it
    /// refuses the file (telemt would not start) or publishes no ports within 10 s.
    public convenience init(config: String, poll: Double = 0.1, maxLifetime: Double = 300) throws {
        try self.init(config: config, existing: nil, ports: nil, poll: poll, maxLifetime: maxLifetime)
    }

    /// Starts the stand-in on a config file that is already in place (an installed host's), on the
    /// given metrics and API ports.
    public convenience init(configAt url: URL, metricsPort: Int, apiPort: Int, poll: Double = 0.1) throws {
        try self.init(config: nil, existing: url, ports: (metricsPort, apiPort), poll: poll, maxLifetime: 300)
    }

    private init(config: String?, existing: URL?, ports fixed: (Int, Int)?, poll: Double, maxLifetime: Double) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("telemt-standin-\(UUID().uuidString)")
        configURL = existing ?? directory.appendingPathComponent("config.toml")
        stateDirectory = directory.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
        if let config { try config.write(to: configURL, atomically: true, encoding: .utf8) }
        let stderrURL = stateDirectory.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Self.scriptURL.path, "--config", configURL.path, "--state-dir", stateDirectory.path,
            "--poll", String(poll), "--max-lifetime", String(maxLifetime),
        ] + (fixed.map { ["--metrics-port", String($0.0), "--api-port", String($0.1)] } ?? [])
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardOutput = FileHandle.nullDevice
        try process.run()

        let portsURL = stateDirectory.appendingPathComponent("ports.json")
        var ports: [String: Int]?
        let deadline = Date().addingTimeInterval(10)
        while ports == nil, Date() < deadline, process.isRunning {
            ports = (try? Data(contentsOf: portsURL)).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Int] }
            if ports == nil { usleep(20_000) }
        }
        guard let ports, let metrics = ports["metrics"], let api = ports["api"], let control = ports["control"] else {
            let stderr = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: directory)
            throw Failure(description: "telemt-standin did not start: \(stderr)")
        }
        metricsPort = metrics
        apiPort = api
        controlPort = control
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// Replaces config.toml the way the reconciler does: a temporary file in the same directory,
    /// renamed over the old one.
    public func writeConfig(_ text: String) throws {
        let temporary = directory.appendingPathComponent(".config.toml.\(UUID().uuidString)")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, configURL.path) == 0 else { throw Failure(description: "rename: errno \(errno)") }
    }

    // MARK: Control port

    /// `POST path` on the control port with a JSON body (an object or an array).
    @discardableResult
    public func control(_ path: String, _ body: Any = [String: Any]()) throws -> LoopbackHTTP.Response {
        try LoopbackHTTP.json(port: controlPort, path: path, body)
    }

    /// Adds bytes for `user` (from the client, to the client); the answer's status is 409 when refused.
    @discardableResult
    public func traffic(_ user: String, from: UInt64, to: UInt64) throws -> LoopbackHTTP.Response {
        try control("/traffic", ["user": user, "from": from, "to": to])
    }

    @discardableResult
    public func connect(_ user: String, ip: String = "127.0.0.1") throws -> LoopbackHTTP.Response {
        try control("/connect", ["user": user, "ip": ip])
    }

    /// Moves the simulated clock (uptime, idle expiry of series, user expirations) forward.
    public func advance(seconds: Double) throws { try control("/advance", ["seconds": seconds]) }

    /// `GET /state`: loaded users, counters, connections, reload count and the last reload result.
    public func state() throws -> [String: Any] {
        try LoopbackHTTP.request(port: controlPort, path: "/state").object
    }

    /// The reload log, one object per load attempt.
    public func reloadLog() -> [[String: Any]] {
        let text = (try? String(contentsOf: stateDirectory.appendingPathComponent("reloads.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    /// Waits until the reload log has more than `count` entries; returns the newest, `nil` on timeout.
    public func waitForReloadLog(after count: Int, timeout: Double = 5) -> [String: Any]? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let log = reloadLog()
            if log.count > count { return log.last }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }

    /// Writes `text` and waits until the stand-in has logged its verdict on it.
    @discardableResult
    public func reload(_ text: String, timeout: Double = 5) throws -> [String: Any] {
        let count = reloadLog().count
        try writeConfig(text)
        guard let entry = waitForReloadLog(after: count, timeout: timeout) else { throw Failure(description: "no reload logged") }
        return entry
    }

    // MARK: telemt's endpoints

    /// The `/metrics` text.
    public func metrics() throws -> String {
        try LoopbackHTTP.request(port: metricsPort, path: "/metrics").text
    }

    /// A request to telemt's API port.
    public func api(_ path: String, method: String = "GET", headers: [String: String] = [:]) throws -> LoopbackHTTP.Response {
        try LoopbackHTTP.request(port: apiPort, method: method, path: path, body: method == "GET" ? nil : Data(), headers: headers)
    }

    /// The `data` object of `GET /v1/system/info`, `nil` when the answer has none.
    public func systemInfo(headers: [String: String] = [:]) throws -> [String: Any]? {
        try api("/v1/system/info", headers: headers).object["data"] as? [String: Any]
    }

    /// SIGKILL (the test runner's blocked-signal mask may swallow SIGTERM), wait, remove the files.
    public func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Waits for `process` to exit by itself; `true` when it did within `timeout`.
    public func waitForExit(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        return !process.isRunning
    }

    /// Lowercase hex SHA-256 of a file's bytes (coreutils' sha256sum; TestSupport has no crypto).
    public static func sha256(of url: URL) throws -> String {
        let tool = Process()
        let pipe = Pipe()
        tool.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tool.arguments = ["sha256sum", url.path]
        tool.standardOutput = pipe
        try tool.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        tool.waitUntilExit()
        return String(String(decoding: output, as: UTF8.self).prefix(64))
    }
}
