/// telemt's response envelope: `{"ok": true, "data": …, "revision": "…"}` on success,
/// `{"ok": false, "error": {"code": "…", "message": "…"}, "request_id": N}` on failure.
enum TelemtAPIEnvelope {
    /// Reads the envelope in `body`, handing the `data` value to `readData`; returns the revision.
    /// Members other than these are skipped; `ok: false` becomes ``TelemtAPIError/Reason/api(code:message:)``.
    static func read(
        _ body: [UInt8], limits: JSONScanner.Limits = JSONScanner.Limits(),
        data readData: (inout JSONScanner) throws(JSONScanError) -> Void
    ) throws(TelemtAPIError.Reason) -> String {
        guard body.contains(where: { $0 > 0x20 }) else {
            throw .invalid("the answer is empty; telemt answers this way to hosts outside [server.api] whitelist "
                + "when gray_action = \"ok200\": add this host to the whitelist")
        }
        var ok: Bool?
        var revision: String?
        var sawData = false
        var failure: (code: String, message: String)?
        do throws(JSONScanError) {
            try JSONScanner.scan(body, limits: limits) { (scanner) throws(JSONScanError) in
                try scanner.readObject { (scanner, key) throws(JSONScanError) in
                    switch key {
                    case "ok": ok = try scanner.readBool()
                    case "revision": revision = try scanner.readString()
                    case "error": failure = try readFailure(&scanner)
                    case "data":
                        guard !sawData else { throw scanner.failure(expected: "one \"data\" member", found: "a second one") }
                        sawData = true
                        try readData(&scanner)
                    default: break
                    }
                }
            }
        } catch {
            throw .json(error)
        }
        return try outcome(ok: ok, revision: revision, sawData: sawData, failure: failure)
    }

    private static func outcome(
        ok: Bool?, revision: String?, sawData: Bool, failure: (code: String, message: String)?
    ) throws(TelemtAPIError.Reason) -> String {
        switch ok {
        case false?:
            throw .api(code: failure?.code ?? "unknown", message: failure?.message ?? "(no message)")
        case true?:
            guard sawData else { throw .invalid("the answer has no \"data\"; check that telemt is 3.4 or later") }
            guard let revision else { throw .invalid("the answer has no \"revision\"; check that telemt is 3.4 or later") }
            return revision
        case nil:
            throw .invalid("the answer has no \"ok\" member; check that the URL is telemt's [server.api], not another service")
        }
    }

    /// Reads `{"code": "…", "message": "…"}`.
    private static func readFailure(_ scanner: inout JSONScanner) throws(JSONScanError) -> (code: String, message: String) {
        var code = "unknown"
        var message = "(no message)"
        try scanner.readObject { (scanner, key) throws(JSONScanError) in
            switch key {
            case "code": code = try scanner.readString()
            case "message": message = try scanner.readString()
            default: break
            }
        }
        return (code, message)
    }
}
