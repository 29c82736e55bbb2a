import Foundation
import TestSupport

/// A loopback stand-in for the comment APIs examples/ci/plan-comment.sh talks to, in a python
/// subprocess, one pull/merge request per platform:
/// - GitHub `/github/repos/{owner}/{repo}/issues/{n}/comments` (GET with per_page/page, POST) and
///   `/github/repos/{owner}/{repo}/issues/comments/{id}` (PATCH), `Authorization: Bearer TOKEN`;
/// - Gitea `/gitea/api/v1/…` with the same paths (GET lists everything), `Authorization: token TOKEN`;
/// - GitLab `/gitlab/api/v4/projects/{id}/merge_requests/{iid}/notes` (GET with per_page/page, POST)
///   and `…/notes/{id}` (PUT), `PRIVATE-TOKEN: TOKEN`.
/// Like the real ones, listed comments carry a nested author with an id of its own, and Gitea's JSON
/// escapes `<`, `>` and `&`. Each platform starts with `seed` unrelated comments (some mention
/// telemt-gitops, none carries the marker), so that the script has to page. A wrong or missing token
/// answers 401. Every request and the comments are in `state.json` after each request.
final class CommentsAPIStandIn {
    struct Request: Decodable {
        var method: String
        var path: String
        var authorized: Bool
    }

    struct Comment: Decodable {
        var id: Int
        var body: String
    }

    struct Platform: Decodable {
        var comments: [Comment]
        var requests: [Request]
    }

    private let server: PythonTestServer

    init(token: String, seed: Int) throws {
        server = try PythonTestServer(script: Self.script, files: ["token": token, "seed": String(seed)])
    }

    deinit { server.stop() }

    /// The API base URL of `platform` (github, gitea, gitlab), as the script's PLAN_COMMENT_API.
    func apiURL(_ platform: String) -> String {
        server.url(["github": "/github", "gitea": "/gitea/api/v1", "gitlab": "/gitlab/api/v4"][platform] ?? "/")
    }

    /// What `platform` holds now.
    func state(_ platform: String) throws -> Platform {
        let data = Data((server.read("state.json") ?? "{}").utf8)
        guard let state = try JSONDecoder().decode([String: Platform].self, from: data)[platform] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return state
    }

    static let script = #"""
        import http.server, json, os, re, socketserver, sys, threading
        from urllib.parse import parse_qs, urlsplit
        DIRECTORY = sys.argv[1]
        LOCK = threading.Lock()

        def read(name):
            with open(os.path.join(DIRECTORY, name)) as f:
                return f.read().strip()

        TOKEN = read("token")
        SEED = int(read("seed"))
        AUTH = {"github": ("Authorization", "Bearer "), "gitea": ("Authorization", "token "), "gitlab": ("PRIVATE-TOKEN", "")}
        ROUTES = {
            "github": (re.compile(r"^/github/repos/[^/]+/[^/]+/issues/(\d+)/comments$"),
                       re.compile(r"^/github/repos/[^/]+/[^/]+/issues/comments/(\d+)$"), "PATCH"),
            "gitea": (re.compile(r"^/gitea/api/v1/repos/[^/]+/[^/]+/issues/(\d+)/comments$"),
                      re.compile(r"^/gitea/api/v1/repos/[^/]+/[^/]+/issues/comments/(\d+)$"), "PATCH"),
            "gitlab": (re.compile(r"^/gitlab/api/v4/projects/[^/]+/merge_requests/(\d+)/notes$"),
                       re.compile(r"^/gitlab/api/v4/projects/[^/]+/merge_requests/\d+/notes/(\d+)$"), "PUT"),
        }
        STATE = {}
        for index, platform in enumerate(AUTH):
            seeded = [{"id": 1000 * (index + 1) + n,
                       "body": "LGTM" if n % 3 else "did telemt-gitops plan run? <b>see</b> the \"plan\"\nthanks"}
                      for n in range(SEED)]
            STATE[platform] = {"comments": seeded, "requests": [], "next": 90000 + 1000 * index}

        def save():
            with open(os.path.join(DIRECTORY, "state.json.tmp"), "w") as f:
                json.dump({p: {"comments": d["comments"], "requests": d["requests"]} for p, d in STATE.items()}, f)
            os.rename(os.path.join(DIRECTORY, "state.json.tmp"), os.path.join(DIRECTORY, "state.json"))

        def shape(platform, c):
            if platform == "github":
                return {"url": "https://api.example/c/%d" % c["id"], "user": {"login": "someone", "id": 41898282},
                        "id": c["id"], "node_id": "IC_%d" % c["id"], "body": c["body"]}
            if platform == "gitea":
                return {"id": c["id"], "html_url": "https://git.example/c/%d" % c["id"],
                        "user": {"id": 7, "login": "gitea-actions"}, "body": c["body"]}
            return {"id": c["id"], "type": None, "body": c["body"], "author": {"id": 3, "username": "bot"}}

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def reply(self, platform, status, value):
                text = json.dumps(value)
                if platform == "gitea":
                    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def handle_any(self):
                url = urlsplit(self.path)
                platform = url.path.split("/")[1] if url.path.count("/") > 1 else ""
                if platform not in ROUTES:
                    return self.reply("", 404, {"message": "not found"})
                header, prefix = AUTH[platform]
                authorized = self.headers.get(header) == prefix + TOKEN
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                with LOCK:
                    data = STATE[platform]
                    data["requests"].append({"method": self.command, "path": url.path, "authorized": authorized})
                    try:
                        if not authorized:
                            return self.reply(platform, 401, {"message": "401 Unauthorized"})
                        listing, single, edit = ROUTES[platform]
                        if listing.match(url.path) and self.command == "GET":
                            items = [shape(platform, c) for c in data["comments"]]
                            if platform != "gitea":
                                query = parse_qs(url.query)
                                per_page = min(int(query.get("per_page", ["20"])[0]), 100)
                                page = int(query.get("page", ["1"])[0])
                                items = items[(page - 1) * per_page:page * per_page]
                            return self.reply(platform, 200, items)
                        if listing.match(url.path) and self.command == "POST":
                            comment = {"id": data["next"], "body": json.loads(raw)["body"]}
                            data["next"] += 1
                            data["comments"].append(comment)
                            return self.reply(platform, 201, shape(platform, comment))
                        found = single.match(url.path)
                        if found and self.command == edit:
                            for comment in data["comments"]:
                                if comment["id"] == int(found.group(1)):
                                    comment["body"] = json.loads(raw)["body"]
                                    return self.reply(platform, 200, shape(platform, comment))
                            return self.reply(platform, 404, {"message": "no such comment"})
                        return self.reply(platform, 405, {"message": "method not allowed"})
                    finally:
                        save()

            do_GET = do_POST = do_PATCH = do_PUT = handle_any

        save()
        """# + PythonTestServer.serveForever
}
