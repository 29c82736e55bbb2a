/// Checks of host names and DNS names in `proxy:`.
enum HostName {
    /// A DNS name (lowercased), an IPv4 address, or an IPv6 address (optionally in brackets, which are removed).
    static func validateHost(_ text: String) throws(ValueProblem) -> String {
        var host = text
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.contains(":") {
            let allowed = host.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit || $0 == ":" || $0 == "." }
            guard allowed, host.count <= 45, host.contains("::") || host.split(separator: ":").count >= 3 else {
                throw ValueProblem("`\(text.clipped)` is not a host name or IP address",
                                   hint: "write the host without a scheme or port, like `proxy.example.com`")
            }
            return host.lowercased()
        }
        do {
            return try validateDNSName(host)
        } catch {
            throw ValueProblem(error.message, hint: "write the host without a scheme or port, like `proxy.example.com`")
        }
    }

    /// Labels of 1–63 letters, digits and hyphens (not at either end), at most 253 characters; lowercased.
    static func validateDNSName(_ text: String) throws(ValueProblem) -> String {
        let invalid = ValueProblem("`\(text.clipped)` is not a valid DNS name",
                                   hint: "use letters, digits, hyphens and dots, like `www.example.com`")
        if text.hasSuffix("."), text.count > 1 {
            throw ValueProblem("`\(text.clipped)` ends with a dot", hint: "remove the trailing dot")
        }
        guard !text.isEmpty, text.utf8.count <= 253 else { throw invalid }
        for label in text.split(separator: ".", omittingEmptySubsequences: false) {
            let bytes = label.utf8
            guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-"),
                  bytes.allSatisfy({ isLetterOrDigit($0) || $0 == UInt8(ascii: "-") })
            else { throw invalid }
        }
        return text.lowercased()
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
