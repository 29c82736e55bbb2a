import Foundation
import StatsSink

/// Parsing telemt's `GET /v1/users` answer: generates a telemt 3.4.25-shaped body for `users`
/// users (links with secrets, IP lists, limits), then times ``TelemtAPIUsers/init(jsonBody:maxUsers:)``
/// over it. Prints one `key=value` line for scripts/bench-api.sh.
enum APIBenchmark {
    static func run(arguments: [String]) throws {
        var users = 10_000
        var iterations = 9
        var bodyOut: String?
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--users": users = iterator.next().flatMap(Int.init) ?? users
            case "--iterations": iterations = iterator.next().flatMap(Int.init) ?? iterations
            case "--body-out": bodyOut = iterator.next()
            default: continue
            }
        }
        let body = usersBody(count: users)
        if let bodyOut { try Data(body).write(to: URL(fileURLWithPath: bodyOut)) }
        var wall: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<max(1, iterations) {
            let (startWall, startCPU) = (DispatchTime.now().uptimeNanoseconds, cpuSeconds())
            let parsed = try TelemtAPIUsers(jsonBody: body)
            wall.append(Double(DispatchTime.now().uptimeNanoseconds - startWall) / 1e9)
            cpu.append(cpuSeconds() - startCPU)
            guard parsed.users.count == users else { throw CocoaError(.coderInvalidValue) }
        }
        print("users=\(users) bytes=\(body.count) wall_ms=\(milliseconds(median(wall))) cpu_ms=\(milliseconds(median(cpu)))")
    }

    /// A `/v1/users` body as telemt 3.4.25 serializes it (serde field order, nulls kept).
    static func usersBody(count: Int) -> [UInt8] {
        var text = #"{"ok":true,"data":["#
        text.reserveCapacity(count * 900)
        let domain = "www.cloudflare.com"
        let domainHex = domain.utf8.map { String(format: "%02x", $0) }.joined()
        for index in 0..<count {
            if index > 0 { text += "," }
            let secret = String(format: "%08x%08x%08x%08x", index &* 2_654_435_761 & 0xFFFF_FFFF, index, ~index & 0xFFFF_FFFF, index &* 40_503)
            let query = "?server=proxy.example.net&port=443&secret=ee\(secret)\(domainHex)"
            let ips = (0..<(index % 4)).map { #""10.\#(index % 250).\#($0).\#(index % 199)""# }.joined(separator: ",")
            text += #"{"username":"user\#(String(format: "%06d", index))","enabled":\#(index % 10 != 0),"in_runtime":true,"#
                + #""user_ad_tag":null,"max_tcp_conns":\#(index % 3 == 0 ? "8" : "null"),"#
                + #""expiration_rfc3339":\#(index % 2 == 0 ? #""2027-01-31T00:00:00Z""# : "null"),"#
                + #""data_quota_bytes":\#(index % 2 == 0 ? "107374182400" : "null"),"rate_limit_up_bps":null,"#
                + #""rate_limit_down_bps":null,"max_unique_ips":3,"current_connections":\#(index % 4),"#
                + #""active_unique_ips":\#(index % 4),"active_unique_ips_list":[\#(ips)],"recent_unique_ips":\#(index % 4),"#
                + #""recent_unique_ips_list":[\#(ips)],"total_octets":\#(UInt64(index) * 7_340_033 + 12_345_678_901),"#
                + #""links":{"classic":[],"secure":[],"tls":["tg://proxy\#(query)","https://t.me/proxy\#(query)"],"#
                + #""tls_domains":[{"domain":"\#(domain)","link":"tg://proxy\#(query)"}]}}"#
        }
        text += #"],"revision":"9f2c4e1b7a3d5f60812e4c9b0a7d3f5e6c1b2a3d4e5f60718293a4b5c6d7e8f9"}"#
        return Array(text.utf8)
    }

    private static func cpuSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    private static func median(_ values: [Double]) -> Double {
        values.sorted()[values.count / 2]
    }

    private static func milliseconds(_ seconds: Double) -> String {
        String(format: "%.1f", seconds * 1_000)
    }
}
