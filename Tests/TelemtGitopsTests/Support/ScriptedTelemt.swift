import Foundation
import TestSupport

/// A loopback HTTP server that answers like telemt's `/metrics` and read-only API, from files the
/// test rewrites between scrapes: `metrics.prom` (`/metrics` with Content-Length, `/slow` after
/// `delay` seconds, `/until-close` without Content-Length, cut after `cut` bytes when that file
/// exists), `system.json` (`/v1/system/info`) and `users.json` (`/v1/users`, 401 unless the
/// Authorization header equals the file `auth` when it exists).
final class ScriptedTelemt {
    private let server: PythonTestServer

    init() throws {
        server = try PythonTestServer(script: Self.script + PythonTestServer.serveForever, files: ["metrics.prom": "", "delay": "0"])
    }

    func url(_ path: String) -> String { server.url(path) }
    var base: String { server.url("") }

    /// A telemt-shaped `/metrics` body.
    func metrics(uptime: Double, connections: UInt64 = 100, users: [(String, String, String)], suppressed: Bool = false) throws {
        var text = "# HELP telemt_uptime_seconds Proxy uptime\n# TYPE telemt_uptime_seconds gauge\ntelemt_uptime_seconds \(uptime)\n"
        text += "# TYPE telemt_connections_total counter\ntelemt_connections_total \(connections)\n"
        text += "# TYPE telemt_user_octets_from_client counter\n# TYPE telemt_user_octets_to_client counter\n"
        for (user, from, to) in users {
            text += "telemt_user_octets_from_client{user=\"\(user)\"} \(from)\ntelemt_user_octets_to_client{user=\"\(user)\"} \(to)\n"
        }
        text += "telemt_telemetry_user_series_suppressed \(suppressed ? 1 : 0)\n"
        try server.write(text, to: "metrics.prom")
    }

    func api(started: UInt64, users: [(String, UInt64)], auth: String? = nil) throws {
        let entries = users.map { name, total in
            #"{"username":"\#(name)","enabled":true,"in_runtime":true,"current_connections":0,"total_octets":\#(total),"links":{"classic":[],"secure":[],"tls":["tg://proxy?secret=ee00112233445566778899aabbccddeeff"]}}"#
        }
        try server.write(#"{"ok":true,"data":[\#(entries.joined(separator: ","))],"revision":"r1"}"#, to: "users.json")
        try server.write(
            #"{"ok":true,"data":{"version":"3.4.25","target_arch":"x86_64","target_os":"linux","build_profile":"release","process_started_at_epoch_secs":\#(started),"uptime_seconds":10.0,"config_path":"/etc/telemt/config.toml","config_hash":"ab","config_reload_count":0},"revision":"r1"}"#,
            to: "system.json"
        )
        if let auth { try server.write(auth, to: "auth") }
    }

    func set(_ name: String, _ text: String) throws { try server.write(text, to: name) }

    /// The path of the served metrics file.
    func directoryFile() -> String { server.directory.appendingPathComponent("metrics.prom").path }

    func stop() { server.stop() }

    private static let script = #"""
        import http.server, os, socketserver, sys, threading, time

        DIRECTORY = sys.argv[1]

        def read(name):
            path = os.path.join(DIRECTORY, name)
            return open(path, "rb").read() if os.path.exists(path) else None

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def send_body(self, body, status=200, kind="text/plain; version=0.0.4"):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path in ("/metrics", "/slow"):
                    if self.path == "/slow":
                        time.sleep(float(read("delay")))
                    self.send_body(read("metrics.prom"))
                elif self.path == "/until-close":
                    body = read("metrics.prom")
                    cut = read("cut")
                    if cut is not None:
                        body = body[:int(cut)]
                    self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n" + body)
                    self.close_connection = True
                elif self.path.startswith("/v1/"):
                    auth = read("auth")
                    if auth is not None and self.headers.get("Authorization", "").encode() != auth:
                        self.send_body(b'{"ok":false,"error":{"code":"unauthorized","message":"Missing or invalid Authorization header"},"request_id":1}', 401, "application/json")
                        return
                    name = "system.json" if self.path == "/v1/system/info" else "users.json"
                    self.send_body(read(name), 200, "application/json")
                else:
                    self.send_body(b"not found", 404)
        """#
}
