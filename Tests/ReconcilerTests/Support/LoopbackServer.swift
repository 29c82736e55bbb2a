import Foundation
@testable import Reconciler
#if canImport(Glibc)
import Glibc
#endif

/// A server process the tests start on a free loopback port and stop when released.
final class LoopbackServer {
    let port: Int
    private let pid: pid_t

    /// Starts `arguments(port)` and waits until the port accepts connections.
    init(_ arguments: (Int) -> [String], env: [String: String] = [:]) throws {
        port = try Self.freePort()
        pid = try Shell.start(arguments(port), env: env)
        try Self.waitForListener(port: port, pid: pid)
    }

    deinit {
        // SIGKILL: `git daemon` and sshd outlive SIGTERM while children are busy; these are throwaway servers.
        kill(pid, SIGKILL)
        _ = ProcessRunner.wait(pid)
    }

    /// A port nobody listens on right now (bound to 127.0.0.1:0 and released).
    static func freePort() throws -> Int {
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
                    throw Shell.Failure(command: "bind", status: errno, stderr: "cannot bind a loopback port")
                }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func waitForListener(port: Int, pid: pid_t) throws {
        for _ in 0..<100 {
            if canConnect(port: port) { return }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        _ = ProcessRunner.wait(pid)
        throw Shell.Failure(command: "wait for port \(port)", status: -1, stderr: "server did not start listening")
    }

    static func canConnect(port: Int) -> Bool {
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
    static func gitDaemon(base: URL) throws -> LoopbackServer {
        try LoopbackServer { port in
            ["/usr/lib/git-core/git-daemon", "--reuseaddr", "--export-all", "--enable=receive-pack", "--listen=127.0.0.1",
             "--port=\(port)", "--base-path=\(base.path)", base.path]
        }
    }

    /// A server that accepts connections and then never answers.
    static func hanging() throws -> LoopbackServer {
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
