import Foundation

/// A loopback stand-in for the Telegram Bot API's `sendMessage`, in a python subprocess that outlives
/// the daemons a test starts and kills. Every accepted message is appended to `messages.jsonl`.
/// Its answer is steered by the file `mode`: `ok`; `down` (HTTP 502); `429:N` (one `429` with
/// `retry_after: N`, then `ok`); `slow:N` (answers `ok` after N seconds). A token other than the one given answers 401, as Telegram does.
public final class TelegramStandIn: @unchecked Sendable {
    private let server: PythonTestServer
    /// The base URL to configure as `notify.telegram.api_url`.
    public var baseURL: String { server.url("") }

    /// Starts the stand-in accepting `token`.
    public init(token: String) throws {
        server = try PythonTestServer(script: Self.script, files: ["mode": "ok", "token": token, "messages.jsonl": ""])
    }

    /// Sets the mode (`ok`, `down`, `429:N`).
    public func set(mode: String) throws { try server.write(mode, to: "mode") }

    /// The messages accepted so far, as JSON objects.
    public var messages: [[String: Any]] {
        (server.read("messages.jsonl") ?? "").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Requests to sendMessage received so far (counted before any answer, also a slow one's).
    public var received: Int { Int(server.read("received") ?? "0") ?? 0 }

    /// Requests answered 429 so far.
    public var throttled: Int { Int(server.read("throttled") ?? "0") ?? 0 }

    public func stop() { server.stop() }

    static let script = #"""
        import http.server, json, os, socketserver, sys, threading, time
        DIRECTORY = sys.argv[1]
        LOCK = threading.Lock()

        def path(name):
            return os.path.join(DIRECTORY, name)

        def read(name, default=""):
            try:
                with open(path(name)) as f:
                    return f.read().strip()
            except OSError:
                return default

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                if self.path != "/bot" + read("token") + "/sendMessage":
                    return self.answer(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
                with LOCK:
                    with open(path("received"), "w") as f:
                        f.write(str(int(read("received", "0") or "0") + 1))
                with LOCK:
                    mode = read("mode", "ok")
                    if mode == "down":
                        return self.answer(502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})
                    if mode.startswith("429:"):
                        with open(path("mode"), "w") as f:
                            f.write("ok")
                        count = int(read("throttled", "0") or "0") + 1
                        with open(path("throttled"), "w") as f:
                            f.write(str(count))
                        return self.answer(429, {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after " + mode[4:],
                                                 "parameters": {"retry_after": int(mode[4:])}})
                    if mode.startswith("slow:"):
                        time.sleep(float(mode[5:]))
                    message = json.loads(body)
                    with open(path("messages.jsonl"), "a") as f:
                        f.write(json.dumps(message) + "\n")
                self.answer(200, {"ok": True, "result": {"message_id": 1}})
        """# + PythonTestServer.serveForever
}
