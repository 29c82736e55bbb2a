extension StatsBenchmark {
    /// A `/metrics` response shaped like telemt's: global families, then per-user HELP/TYPE blocks
    /// followed by every user's samples (eight per user, as telemt 3.4 prints).
    static func metricsText(users: Int, hour: Int) -> String {
        var text = """
            # HELP telemt_build_info Build information for the running telemt binary
            # TYPE telemt_build_info gauge
            telemt_build_info{version="3.4.25"} 1
            # HELP telemt_uptime_seconds Proxy uptime
            # TYPE telemt_uptime_seconds gauge
            telemt_uptime_seconds \(1_000 + hour * 3_600).4
            # HELP telemt_connections_total Total accepted connections
            # TYPE telemt_connections_total counter
            telemt_connections_total 520832
            # TYPE telemt_user_connections_total counter
            # TYPE telemt_user_connections_current gauge
            # TYPE telemt_user_octets_from_client counter
            # TYPE telemt_user_octets_to_client counter
            # TYPE telemt_user_msgs_from_client counter
            # TYPE telemt_user_msgs_to_client counter
            # TYPE telemt_user_unique_ips_current gauge
            # TYPE telemt_user_unique_ips_limit gauge

            """
        let counters = counters(users: users, hour: hour)
        text.reserveCapacity(users * 400)
        for index in 0..<users {
            let name = "user\(index)"
            let user = counters[name]!
            text += "telemt_user_connections_total{user=\"\(name)\"} \(index * 7 + hour)\n"
            text += "telemt_user_connections_current{user=\"\(name)\"} \(user.connectionsCurrent ?? 0)\n"
            text += "telemt_user_octets_from_client{user=\"\(name)\"} \(user.octetsFromClient)\n"
            text += "telemt_user_octets_to_client{user=\"\(name)\"} \(user.octetsToClient)\n"
            text += "telemt_user_msgs_from_client{user=\"\(name)\"} \(user.octetsFromClient / 900)\n"
            text += "telemt_user_msgs_to_client{user=\"\(name)\"} \(user.octetsToClient / 1_200)\n"
            text += "telemt_user_unique_ips_current{user=\"\(name)\"} \(user.uniqueIPsCurrent ?? 0)\n"
            text += "telemt_user_unique_ips_limit{user=\"\(name)\"} 3\n"
        }
        return text
    }
}
