/// A users.yaml of `count` users with a realistic mix of fields, the same on every run.
struct UsersWorkload {
    var count: Int

    func yaml() -> String {
        var out = """
            version: 1
            proxy:
              host: proxy.example.com
              port: 443
              tls_domain: www.example.com
            timezone: Europe/Moscow
            defaults:
              data_limit: 50 GiB
              reset: monthly
              max_connections: 8
              max_unique_ips: 3
            users:

            """
        out.reserveCapacity(count * 96)
        for index in 0..<count {
            out += "  user\(index):\n"
            switch index % 10 {
            case 1: out += "    disabled: true\n    note: left the team, kept for the record\n"
            case 2: out += "    rotate: 2\n    max_connections: 16\n    note: phone and laptop of user \(index)\n"
            case 3: out += "    on_hold: 30d\n    data_limit: 20 GiB\n    note: trial account \(index)\n"
            case 4: out += "    data_limit: unlimited\n    reset: none\n    note: operations team\n"
            case 5: out += "    expire: 2027-03-15T12:00:00+03:00\n    max_unique_ips: 1\n    note: contractor \(index)\n"
            default: out += "    data_limit: 100 GiB\n    expire: 2027-01-01\n    note: Marketing laptop \(index)\n"
            }
        }
        return out
    }
}
