import Foundation

/// Runs command-line tools (git, ssh-keygen, gpg, sshd) for test fixtures.
enum Shell {
    struct Failure: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        let stderr: String
        var description: String { "`\(command)` exited \(status): \(stderr)" }
    }

    /// An environment with no user or system git configuration and a fixed identity.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_AUTHOR_NAME"] = "Admin"
        env["GIT_AUTHOR_EMAIL"] = "admin@example.com"
        env["GIT_COMMITTER_NAME"] = "Admin"
        env["GIT_COMMITTER_EMAIL"] = "admin@example.com"
        env["GIT_TERMINAL_PROMPT"] = "0"
        env.merge(extra) { _, new in new }
        return env
    }

    /// Runs `arguments` (the first is looked up on PATH) and returns standard output; throws on failure.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, env: [String: String] = [:],
                    input: Data? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = environment(env)
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let errors = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(command: arguments.joined(separator: " "), status: process.terminationStatus,
                          stderr: String(decoding: errData, as: UTF8.self))
        }
        return String(decoding: outData, as: UTF8.self)
    }

    /// Starts a long-running server process; the caller terminates it.
    static func start(_ arguments: [String], env: [String: String] = [:], in directory: URL? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = environment(env)
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
