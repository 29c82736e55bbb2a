import Foundation
import TestSupport

/// A real HTTP server on 127.0.0.1 (python3's http.server in a subprocess) whose answers the test
/// controls: `/metrics` serves the current contents of a file, other paths misbehave on purpose.
final class MetricsTestServer {
    private let server: PythonTestServer
    var port: Int { server.port }

    init() throws {
        server = try PythonTestServer(script: Self.script + PythonTestServer.serveForever, files: ["metrics.prom": ""])
    }

    func url(_ path: String) -> String { server.url(path) }

    func setMetrics(_ text: String) throws {
        try server.write(text, to: "metrics.prom")
    }

    func stop() {
        server.stop()
    }

    private static let script = #"""
        import http.server, os, socketserver, sys, threading, time

        DIRECTORY = sys.argv[1]

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def metrics(self):
                with open(os.path.join(DIRECTORY, "metrics.prom"), "rb") as f:
                    return f.read()

            def send_body(self, body, status=200):
                self.send_response(status)
                self.send_header("Content-Type", "text/plain; version=0.0.4")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                path = self.path
                if path == "/metrics":
                    self.send_body(self.metrics())
                elif path == "/chunked":
                    body = self.metrics()
                    self.send_response(200)
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for i in range(0, len(body), 7):
                        part = body[i:i + 7]
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                        self.wfile.flush()
                    self.wfile.write(b"0\r\n\r\n")
                elif path == "/until-close":
                    self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n" + self.metrics())
                    self.close_connection = True
                elif path == "/slow":
                    time.sleep(3)
                    self.send_body(self.metrics())
                elif path == "/stall-body":
                    self.send_response(200)
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    self.wfile.write(b"telemt_uptime_seconds 1\n")
                    self.wfile.flush()
                    time.sleep(3)
                elif path == "/truncated":
                    self.send_response(200)
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    self.wfile.write(self.metrics()[:40])
                    self.close_connection = True
                elif path == "/garbage":
                    self.send_body(b"\x00\x01 <html>not metrics</html> \xff\xfe")
                elif path == "/html":
                    self.send_body(b"<html><body>proxy error</body></html>\n")
                elif path == "/not-http":
                    self.wfile.write(b"SSH-2.0-OpenSSH_9.2\r\n\r\n")
                    self.close_connection = True
                elif path == "/close":
                    self.close_connection = True
                elif path == "/huge":
                    self.send_response(200)
                    self.send_header("Content-Length", str(1 << 40))
                    self.end_headers()
                else:
                    self.send_body(b"not found\n", 404)
        """#
}
