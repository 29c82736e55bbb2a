import StatsSink

/// Reading telemt's HTTP API (``TelemtAPIError``, ``JSONScanError``).
extension ErrorCatalog {
    private static let apiURL = "http://127.0.0.1:9091"
    private static let jsonError = JSONScanError(offset: 1042, line: 1, column: 1043, expected: "',' or '}'", found: "the end of the input")

    static var apiEntries: [ErrorEntry] {
        [
            api(.transport(.connect("Connection refused")), "telemt's API cannot be reached",
                meaning: "Nothing listens at the API address: [server.api] is off, or listens elsewhere.",
                fix: "In telemt's config set `[server.api]` `enabled = true`, `read_only = true` and a listen address matching `--api`; restart telemt."),
            api(.json(jsonError), "The API answer is not telemt's JSON",
                meaning: "The body is not the JSON telemt sends (cut off, or another service). The position is given; no part of the body is shown, since it carries secrets.",
                fix: "Check that `--api` is telemt's [server.api] address; for many users raise the timeout, as the body is large."),
            api(.api(code: "api_disabled", message: "API is disabled"), "telemt answered with an error",
                meaning: "telemt answered `{\"ok\": false}` with its own code and message.", fix: "Follow the hint for the code; otherwise check telemt's log (`journalctl -u telemt`)."),
            api(.unauthorized(status: 403, code: "forbidden"), "telemt refused the client",
                meaning: "HTTP 401 or 403: the auth header does not match, or [server.api] whitelist does not cover this host.",
                fix: "Put exactly telemt's [server.api] auth_header into the file given by `--api-auth-file` (no trailing spaces), and add this host to the whitelist."),
            api(.invalid("`/v1/users` lists user alice twice"), "The API answer is unusable",
                meaning: "The answer parsed but cannot be used for the reason given.", fix: "Check that the URL is telemt 3.4 or later's [server.api]."),
            ErrorEntry(jsonError, "Where the JSON went wrong",
                       meaning: "The position in telemt's answer where the JSON reader stopped and what it expected; it names characters by class only, never the content.",
                       fix: "Usually an answer cut off by a timeout or a size limit: retry, raise `--timeout`."),
        ]
    }

    private static func api(_ reason: TelemtAPIError.Reason, _ title: String, meaning: String, fix: String) -> ErrorEntry {
        ErrorEntry(TelemtAPIError(url: apiURL, operation: "GET /v1/users", reason: reason), kind: reason, title, meaning: meaning, fix: fix)
    }
}
