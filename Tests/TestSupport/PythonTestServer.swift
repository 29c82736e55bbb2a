public import Foundation

/// A python3 HTTP server script on 127.0.0.1 in a subprocess, with a private directory for the
/// files it serves. The script gets the directory as its argument and writes its port to `port`.
public final class PythonTestServer {
    private let process = Process()
    /// The directory the script serves from.
    public let directory: URL
    /// The port it listens on.
    public let port: Int

    /// Writes `files` into a fresh directory, then starts `script` and waits for its port.
    public init(script: String, files: [String: String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("telemt-gitops-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let scriptURL = directory.appendingPathComponent("server.py")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptURL.path, directory.path]
        try process.run()
        let portFile = directory.appendingPathComponent("port")
        var port: Int?
        for _ in 0..<500 where port == nil {
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0) }
            if port == nil { usleep(10_000) }
        }
        guard let port else {
            process.terminate()
            throw CocoaError(.fileReadNoSuchFile)
        }
        self.port = port
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Replaces the file `name` in the server's directory.
    public func write(_ text: String, to name: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// The file `name` in the server's directory, `nil` when it does not exist.
    public func read(_ name: String) -> String? {
        try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    public func stop() {
        // SIGKILL: the test runner's blocked-signal mask is inherited, so SIGTERM may never arrive.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The script's common tail: a threading server that stops by itself after two minutes and
    /// publishes its port. Scripts define `Handler` and end with this.
    public static let serveForever = #"""

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

        # Stops by itself even if the test process dies without stopping it.
        threading.Timer(120, lambda: os._exit(0)).start()
        server = Server(("127.0.0.1", 0), Handler)
        with open(os.path.join(DIRECTORY, "port.tmp"), "w") as f:
            f.write(str(server.server_address[1]))
        os.rename(os.path.join(DIRECTORY, "port.tmp"), os.path.join(DIRECTORY, "port"))
        server.serve_forever()
        """#
}
