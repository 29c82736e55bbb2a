public import Foundation

/// `git http-backend` behind a small Python HTTP server on loopback (smart HTTP, push enabled),
/// optionally requiring HTTP basic authentication with one `user:password`. Requests under `/moved/`
/// are redirected (302) to the same path without `/moved` at `redirectBase` (`self` for this server).
public enum HTTPBackend {
    public static func start(root: URL, basicAuth: String?, scratch: URL, redirectBase: String = "self") throws -> LoopbackServer {
        let script = scratch.appendingPathComponent("http-backend.py")
        try Data(source.utf8).write(to: script)
        return try LoopbackServer { port in
            ["python3", script.path, root.path, String(port), basicAuth ?? "", redirectBase]
        }
    }

    private static let source = #"""
    import base64, http.server, os, subprocess, sys
    root, port, auth, redirect = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    if redirect == "self": redirect = "http://127.0.0.1:%d" % port

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args): pass
        def do_GET(self): self.serve()
        def do_POST(self): self.serve()
        def body(self):
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                data = b""
                while True:
                    size = int(self.rfile.readline().strip().split(b";")[0], 16)
                    if size == 0:
                        self.rfile.readline(); return data
                    data += self.rfile.read(size); self.rfile.readline()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""
        def serve(self):
            data = self.body()
            if self.path.startswith("/moved/"):
                self.send_response(302)
                self.send_header("Location", redirect + self.path[len("/moved"):])
                self.send_header("Content-Length", "0"); self.end_headers(); return
            expected = "Basic " + base64.b64encode(auth.encode()).decode()
            if auth and self.headers.get("Authorization", "") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="git"')
                self.send_header("Content-Length", "0"); self.end_headers(); return
            path, _, query = self.path.partition("?")
            env = dict(os.environ, GIT_PROJECT_ROOT=root, GIT_HTTP_EXPORT_ALL="1", PATH_INFO=path,
                       QUERY_STRING=query, REQUEST_METHOD=self.command, REMOTE_USER="tester",
                       REMOTE_ADDR="127.0.0.1", CONTENT_TYPE=self.headers.get("Content-Type", ""),
                       CONTENT_LENGTH=str(len(data)), GIT_CONFIG_COUNT="1",
                       GIT_CONFIG_KEY_0="http.receivepack", GIT_CONFIG_VALUE_0="true")
            out = subprocess.run(["git", "http-backend"], input=data, env=env, capture_output=True).stdout
            head, _, rest = out.partition(b"\r\n\r\n")
            status, headers = 200, []
            for line in head.split(b"\r\n"):
                key, _, value = line.decode().partition(":")
                if key.lower() == "status": status = int(value.strip().split()[0])
                elif key: headers.append((key, value.strip()))
            self.send_response(status)
            for key, value in headers: self.send_header(key, value)
            self.send_header("Content-Length", str(len(rest))); self.end_headers(); self.wfile.write(rest)

    http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
    """#
}
