import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs helper programs (ssh-keygen, gpgv) with posix_spawn and waitpid. Foundation's `Process` is not
/// used: its exit detection relies on SIGCHLD reaching a signalfd, which a thread that does not block
/// SIGCHLD can swallow, leaving `waitUntilExit` hanging.
enum ProcessRunner {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `program` (found on PATH or in /usr/bin, /bin) with `arguments`; `stdin` bytes are fed on
    /// standard input; its files are named `<filePrefix>stdin` etc. A run longer than `timeout` is
    /// killed and reported with status -1.
    static func run(_ program: String, _ arguments: [String], stdin: [UInt8] = [], filePrefix: URL,
                    environment: [String: String]? = nil, timeout: Duration = .seconds(30)) throws(GitSourceError)
        -> Output {
        guard let executable = locate(program) else {
            throw .invalidConfiguration(field: "helper program", value: program,
                                        reason: "\(program) is not installed (apt-get install it)")
        }
        let input = filePrefix.path + "stdin", output = filePrefix.path + "stdout", errors = filePrefix.path + "stderr"
        do {
            try Data(stdin).write(to: URL(fileURLWithPath: input))
            let pid = try spawn([executable.path] + arguments, environment: environment,
                                stdin: input, stdout: output, stderr: errors)
            let status = wait(pid, timeout: timeout) ?? -1
            return Output(status: status,
                          stdout: (try? String(contentsOfFile: output, encoding: .utf8)) ?? "",
                          stderr: (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
        } catch {
            throw .invalidConfiguration(field: "helper program", value: program, reason: "could not run: \(error)")
        }
    }

    struct SpawnFailure: Error {
        let code: Int32
    }

    /// Starts `arguments[0]` (an absolute path) with the standard streams redirected to files.
    static func spawn(_ arguments: [String], environment: [String: String]?, stdin: String, stdout: String,
                      stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = env.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, arguments[0], &actions, nil, &argv, &envp)
        guard code == 0 else { throw SpawnFailure(code: code) }
        return pid
    }

    /// Waits for `pid` to exit and returns its exit status (128+signal when killed); after `timeout`
    /// the process is killed and nil returned.
    static func wait(_ pid: pid_t, timeout: Duration? = nil) -> Int32? {
        let deadline = timeout.map { NetworkDeadline.now() + $0.nanoseconds }
        var status: Int32 = 0
        var pause: UInt32 = 1_000
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return decode(status) }
            if result < 0, errno != EINTR { return -1 }
            if let deadline, NetworkDeadline.now() >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return nil
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
    }

    private static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    static func locate(_ program: String) -> URL? {
        if program.hasPrefix("/") { return URL(fileURLWithPath: program) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/local/bin", "/usr/sbin"]
        return directories.lazy.map { URL(fileURLWithPath: $0).appendingPathComponent(program) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
