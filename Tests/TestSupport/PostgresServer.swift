public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster (Debian's `postgresql` package, the newest version under
/// /usr/lib/postgresql) on a free loopback port, in a temporary directory removed when released.
///
/// It has a password-authenticated (SCRAM) role that owns one database, and optionally TLS with a
/// self-signed certificate; with TLS, TCP connections without it are refused (`hostssl` only), so
/// a client that connects proves it encrypted. PostgreSQL refuses to run as root: under root
/// every server command runs as the `postgres` system user, who owns the directory. Durability is
/// off (`fsync = off`): the data is thrown away.
public final class PostgresServer: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The loopback port the server listens on.
    public private(set) var port = 0
    /// The role the store logs in as (not a superuser; it owns ``database``).
    public let user = "telemt"
    /// The role's password (random); also in ``passwordFile``.
    public let password: String
    /// The database the role owns.
    public let database = "telemt_stats"
    /// Whether the server accepts TLS connections only.
    public let tls: Bool
    /// The temporary directory holding the cluster, its socket, log and certificate.
    public let directory: URL
    private let binaries: URL
    private var running = false

    /// A file holding ``password`` and a newline (mode 0600).
    public var passwordFile: URL { directory.appendingPathComponent("password") }
    /// The self-signed certificate the server presents when ``tls`` is on.
    public var certificate: URL { directory.appendingPathComponent("server.crt") }

    /// Creates the cluster, starts it and creates the role and the database.
    public init(tls: Bool = false) throws {
        self.tls = tls
        binaries = try Self.binaries()
        directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("pg-\(UUID().uuidString.prefix(8).lowercased())")
        password = (0..<4).map { _ in String(UInt32.random(in: .min ... .max), radix: 16) }.joined()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            try prepare()
            // A port found free may be taken before the server binds it: try another.
            for _ in 0..<3 where !running {
                port = try LoopbackServer.freePort()
                running = (try? start(port: port)) != nil
            }
            guard running else { throw Failure(description: "PostgreSQL did not start: \(log())") }
            try createRole()
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    /// `postgres://user@127.0.0.1:port/database`, with `?sslmode=` when given (no password).
    public func url(sslmode: String? = nil) -> String {
        "postgres://\(user)@127.0.0.1:\(port)/\(database)" + (sslmode.map { "?sslmode=\($0)" } ?? "")
    }

    /// Stops the server at once and removes its directory (also done when released).
    public func stop() {
        if running {
            try? runAsServer([binaries.appendingPathComponent("pg_ctl").path, "-D", dataPath, "-m", "immediate", "-w", "stop"])
            running = false
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Stops the server at once and keeps its data: a database that went away. ``resume()`` starts it again.
    public func pause() throws {
        guard running else { return }
        try runAsServer([binaries.appendingPathComponent("pg_ctl").path, "-D", dataPath, "-m", "immediate", "-w", "stop"])
        running = false
    }

    /// Starts a paused server again, on the same port and with the same data.
    public func resume() throws {
        guard !running else { return }
        try start(port: port)
        running = true
    }

    /// The server's log so far (for failure messages).
    public func log() -> String {
        (try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? "(no log)"
    }

    private var dataPath: String { directory.appendingPathComponent("data").path }
    private var socketPath: String { directory.appendingPathComponent("socket").path }

    /// initdb, the client-authentication rules, the certificate, and the directory handed to the server's user.
    private func prepare() throws {
        try FileManager.default.createDirectory(atPath: socketPath, withIntermediateDirectories: true)
        try Data((password + "\n").utf8).write(to: passwordFile)
        chmod(passwordFile.path, 0o600)
        if tls {
            try LoopbackServer.run([
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", directory.appendingPathComponent("server.key").path, "-out", certificate.path,
            ])
            chmod(directory.appendingPathComponent("server.key").path, 0o600)
        }
        try handToServerUser()
        try runAsServer([
            binaries.appendingPathComponent("initdb").path, "-D", dataPath, "-U", "admin", "-E", "UTF8", "--no-locale",
            "--no-sync", "--auth-local=trust", "--auth-host=scram-sha-256",
        ])
        let host = tls ? "hostssl" : "host"
        let rules = "local all all trust\n\(host) all all 127.0.0.1/32 scram-sha-256\n"
        try Data(rules.utf8).write(to: URL(fileURLWithPath: dataPath).appendingPathComponent("pg_hba.conf"))
        try handToServerUser()
    }

    private func start(port: Int) throws {
        var options = "-p \(port) -k \(socketPath) -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        if tls {
            options += " -c ssl=on -c ssl_cert_file=\(certificate.path) -c ssl_key_file=\(directory.appendingPathComponent("server.key").path)"
        }
        try runAsServer([
            binaries.appendingPathComponent("pg_ctl").path, "-D", dataPath, "-l", directory.appendingPathComponent("server.log").path,
            "-w", "-t", "30", "-o", options, "start",
        ])
    }

    private func createRole() throws {
        try runAsServer([
            binaries.appendingPathComponent("psql").path, "-X", "-q", "-h", socketPath, "-p", "\(port)", "-U", "admin",
            "-d", "postgres", "-v", "ON_ERROR_STOP=1",
            "-c", "CREATE ROLE \(user) LOGIN PASSWORD '\(password)'", "-c", "CREATE DATABASE \(database) OWNER \(user)",
        ])
    }

    private var isRoot: Bool { geteuid() == 0 }

    private func handToServerUser() throws {
        guard isRoot else { return }
        try LoopbackServer.run(["chown", "-R", "postgres:postgres", directory.path])
    }

    /// Runs a server command, as the `postgres` user under root.
    private func runAsServer(_ arguments: [String]) throws {
        let prefix = isRoot ? ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"] : []
        try LoopbackServer.run(prefix + arguments)
    }

    /// The bin directory of the newest installed PostgreSQL (Debian keeps each major version apart).
    private static func binaries() throws -> URL {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).compactMap(Int.init).sorted()
        guard let newest = versions.last else {
            throw Failure(description: "no PostgreSQL under /usr/lib/postgresql: run scripts/setup.sh (Debian's postgresql package)")
        }
        return root.appendingPathComponent("\(newest)/bin")
    }
}
