public import Foundation

/// Debian's sshd on a loopback port with a throwaway host key, accepting one throwaway deploy key.
public final class SSHServer {
    public let directory: URL
    public let server: LoopbackServer
    public let deployKey: URL
    public let hostPublicKey: String

    public var port: Int { server.port }

    public init(scratch: URL) throws {
        directory = scratch.appendingPathComponent("sshd")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let hostKey = directory.appendingPathComponent("host_ed25519")
        deployKey = directory.appendingPathComponent("deploy_ed25519")
        for key in [hostKey, deployKey] { try LoopbackServer.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.path]) }
        hostPublicKey = try String(contentsOf: hostKey.appendingPathExtension("pub"), encoding: .utf8)
        try FileManager.default.copyItem(at: deployKey.appendingPathExtension("pub"),
                                         to: directory.appendingPathComponent("authorized_keys"))
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("sshd_config")
        let directoryPath = directory.path
        server = try LoopbackServer { port in
            let text = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(hostKey.path)
            PidFile \(directoryPath)/sshd.pid
            AuthorizedKeysFile \(directoryPath)/authorized_keys
            StrictModes no
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PubkeyAuthentication yes
            PermitRootLogin prohibit-password
            """
            try? Data(text.utf8).write(to: config)
            return ["/usr/sbin/sshd", "-D", "-e", "-f", config.path]
        }
    }

    /// The login name the deploy key is authorised for.
    public var user: String { ProcessInfo.processInfo.environment["USER"] ?? NSUserName() }

    /// `ssh://user@127.0.0.1:port/absolute/path`.
    public func url(for repository: URL) -> String { "ssh://\(user)@127.0.0.1:\(port)\(repository.path)" }

    /// A known_hosts line for this server's real host key.
    public var knownHostsLine: String {
        let fields = hostPublicKey.split(separator: " ")
        return "[127.0.0.1]:\(port) \(fields[0]) \(fields[1])\n"
    }

    /// Writes a known_hosts file with `text` and returns its URL.
    public func writeKnownHosts(_ text: String, name: String = "known_hosts") throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }
}
