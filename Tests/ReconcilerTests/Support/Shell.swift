import Foundation
@testable import Reconciler

/// Runs command-line tools (git, ssh-keygen, gpg) for test fixtures.
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
    static func run(_ arguments: [String], env: [String: String] = [:], input: Data? = nil) throws -> String {
        let scratch = try TemporaryDirectory("shell")
        let prefix = scratch.path("io-")
        let output = try ProcessRunner.run(arguments[0], Array(arguments.dropFirst()), stdin: [UInt8](input ?? Data()),
                                           filePrefix: prefix, environment: environment(env), timeout: .seconds(120))
        guard output.status == 0 else {
            throw Failure(command: arguments.joined(separator: " "), status: output.status, stderr: output.stderr)
        }
        return output.stdout
    }
}
