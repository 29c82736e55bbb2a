public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A server process the tests start on a free loopback port and stop when released.
public final class LoopbackServer {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let port: Int
    private let pid: pid_t

    /// Starts `arguments(port)` (the first is looked up on PATH), with no user or system git
    /// configuration and `env` added, and waits until the port accepts connections.
    ///
    /// posix_spawn, not Foundation's Process: sshd closes every inherited descriptor at start, which
    /// Foundation takes for the child's exit and then blocks its one process-monitor thread in
    /// waitpid, so that no other Process of the test run is seen to end. The child keeps only its
    /// standard descriptors (/dev/null), so it holds no test's pipe open.
    public init(_ arguments: (Int) -> [String], env: [String: String] = [:]) throws {
        port = try Self.freePort()
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment.merge(env) { _, new in new }
        let command = arguments(port)
        pid = try Self.spawn(command, environment: environment)
        try waitForListener(command)
    }

    deinit { stop() }

    /// SIGKILL: `git daemon` and sshd outlive SIGTERM while children are busy; these are throwaway servers.
    private func stop() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }

    /// Runs `arguments` to its end the same way; throws unless it exits 0.
    static func run(_ arguments: [String]) throws {
        let pid = try spawn(arguments, environment: ProcessInfo.processInfo.environment)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        guard status == 0 else { throw Failure(description: "`\(arguments.joined(separator: " "))` failed (wait status \(status))") }
    }

    private static func spawn(_ arguments: [String], environment: [String: String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        _ = closeFrom?(&actions, 3)
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, &envp)
        guard code == 0 else { throw Failure(description: "cannot start \(arguments[0]): errno \(code)") }
        return pid
    }

    /// glibc's posix_spawn_file_actions_addclosefrom_np (2.34 and later), which Swift's Glibc module
    /// does not declare: the child closes every descriptor from the given one on.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// A port nobody listens on right now (bound to 127.0.0.1:0 and released).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(fd, raw, length) == 0, getsockname(fd, raw, &length) == 0 else {
                    throw Failure(description: "cannot bind a loopback port (errno \(errno))")
                }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private func waitForListener(_ arguments: [String]) throws {
        for _ in 0..<100 {
            if Self.canConnect(port: port) { return }
            usleep(50_000)
        }
        stop()
        throw Failure(description: "`\(arguments.joined(separator: " "))` did not start listening on port \(port)")
    }

    public static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// `git daemon` serving every repository under `base`, pushes allowed.
    public static func gitDaemon(base: URL) throws -> LoopbackServer {
        try LoopbackServer { port in
            ["/usr/lib/git-core/git-daemon", "--reuseaddr", "--export-all", "--enable=receive-pack", "--listen=127.0.0.1",
             "--port=\(port)", "--base-path=\(base.path)", base.path]
        }
    }

    /// A server that accepts connections and then never answers.
    public static func hanging() throws -> LoopbackServer {
        try LoopbackServer { port in
            ["python3", "-c", """
            import socket, time
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", \(port))); s.listen(16); held = []
            while True:
                c, _ = s.accept(); held.append(c)
            """]
        }
    }
}
