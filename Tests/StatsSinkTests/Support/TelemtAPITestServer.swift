import Foundation
import TestSupport

/// A stand-in for telemt's `[server.api]` on 127.0.0.1: serves `users.json` on `/v1/users` and
/// `system.json` on `/v1/system/info`, checks `Authorization` against the file `auth` exactly
/// (as telemt does; empty: no check), records the header it received in `seen-auth`, and
/// misbehaves on purpose according to the file `mode`.
final class TelemtAPITestServer {
    let server: PythonTestServer

    init() throws {
        server = try PythonTestServer(
            script: Self.script + PythonTestServer.serveForever,
            files: ["users.json": "", "system.json": "", "auth": "", "mode": "normal"])
    }

    var baseURL: String { server.url("") }

    func set(users: String? = nil, system: String? = nil, auth: String? = nil, mode: String? = nil) throws {
        if let users { try server.write(users, to: "users.json") }
        if let system { try server.write(system, to: "system.json") }
        if let auth { try server.write(auth, to: "auth") }
        if let mode { try server.write(mode, to: "mode") }
    }

    /// The `Authorization` value of the last request, `nil` when it had none.
    var lastAuthorization: String? {
        guard let seen = server.read("seen-auth"), seen.hasPrefix("=") else { return nil }
        return String(seen.dropFirst())
    }

    func stop() {
        server.stop()
    }

    private static let script = #"""
        import http.server, os, socketserver, sys, threading, time

        DIRECTORY = sys.argv[1]

        def read(name):
            with open(os.path.join(DIRECTORY, name), "rb") as f:
                return f.read()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def send_body(self, body, status=200, kind="application/json; charset=utf-8"):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def fail(self, status, code, message):
                body = b'{"ok":false,"error":{"code":"%s","message":"%s"},"request_id":7}' % (code, message)
                self.send_body(body, status)

            def do_GET(self):
                seen = self.headers.get("Authorization")
                with open(os.path.join(DIRECTORY, "seen-auth"), "w") as f:
                    f.write("-" if seen is None else "=" + seen)
                mode = read("mode").decode().strip()
                expected = read("auth").decode()
                if expected and seen != expected:
                    return self.fail(401, b"unauthorized", b"Missing or invalid Authorization header")
                if self.path == "/v1/users":
                    body = read("users.json")
                elif self.path == "/v1/system/info":
                    body = read("system.json")
                else:
                    return self.fail(404, b"not_found", b"Route not found")
                if mode == "normal":
                    self.send_body(body)
                elif mode == "chunked":
                    self.send_response(200)
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for i in range(0, len(body), 1000):
                        part = body[i:i + 1000]
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                    self.wfile.write(b"0\r\n\r\n")
                elif mode == "disabled":
                    self.fail(503, b"api_disabled", b"API is disabled")
                elif mode == "forbidden":
                    self.fail(403, b"forbidden", b"Source IP is not allowed")
                elif mode == "gray":
                    self.send_body(b"", 200, "text/html; charset=utf-8")
                elif mode == "html-error":
                    self.send_body(b"<html>bad gateway</html>", 502, "text/html")
                elif mode == "slow":
                    time.sleep(3)
                    self.send_body(body)
                elif mode == "truncated":
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[:len(body) // 2])
                    self.close_connection = True
                elif mode == "huge-error":
                    self.send_body(b" " * (1 << 20), 500)
        """#
}
