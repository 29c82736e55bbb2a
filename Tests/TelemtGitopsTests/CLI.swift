import Foundation

/// Runs the built `telemt-gitops` binary, as a user would, and captures what it prints.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The repository root (for examples/ and docs/).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The binary next to the test bundle in the build directory.
    static var binary: String {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("telemt-gitops").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return root + "/.build/debug/telemt-gitops"
    }

    static func run(_ arguments: [String], in directory: String = root, environment: [String: String]? = nil,
                    terminateAfter: Double? = nil) throws -> Result {
        try run(binary, arguments, in: directory, environment: environment, terminateAfter: terminateAfter)
    }

    /// Runs `executable` in `directory`, with `environment` instead of this process's when given.
    static func run(_ executable: String, _ arguments: [String], in directory: String = root,
                    environment: [String: String]? = nil, terminateAfter: Double? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if let terminateAfter {
            let pid = process.processIdentifier
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: terminateAfter)
                kill(pid, SIGTERM)
            }
        }
        // Standard error is drained on another thread so that neither pipe can fill up and block the child.
        let errBox = DataBox()
        let reader = Thread { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); errBox.done.signal() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errBox.done.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension CLI {
    /// `base` with git's user and system configuration switched off and a fixed author, so that the
    /// tests' commits do not depend on the machine.
    static func gitEnvironment(_ base: [String: String]) -> [String: String] {
        var environment = base
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        for role in ["AUTHOR", "COMMITTER"] {
            environment["GIT_\(role)_NAME"] = "Admin"
            environment["GIT_\(role)_EMAIL"] = "admin@example.com"
        }
        return environment
    }
}

/// Standard error's bytes, handed from the reading thread.
private final class DataBox: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}

/// A fresh temporary directory, removed when released.
final class Scratch {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("telemt-gitops-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) throws {
        let url = URL(fileURLWithPath: file(name))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: file(name), encoding: .utf8)
    }

    func mode(_ name: String) -> mode_t {
        var info = stat()
        stat(file(name), &info)
        return info.st_mode & 0o777
    }
}
