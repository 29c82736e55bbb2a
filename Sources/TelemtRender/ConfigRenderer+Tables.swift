extension ConfigRenderer {
    /// Appends the full text of one managed table, header included, for users sorted by name.
    /// Users are already checked (``normalized(_:)``): names are bare-safe but for dots, secrets
    /// are hex digits, so only names with a dot need quoting and nothing needs escaping.
    func appendTable(_ table: ManagedTables.Table, users: [TelemtUser], to out: inout [UInt8]) {
        out.append(contentsOf: table.header.utf8)
        out.append(UInt8(ascii: "\n"))
        if table == .userDataQuota, dataQuotaPolicy == .omit {
            out.append(contentsOf: "# Empty on purpose: telemt counts this quota over a user's whole lifetime; ".utf8)
            out.append(contentsOf: "telemt-gitops enforces period quotas itself.\n".utf8)
            return
        }
        for user in users {
            switch table {
            case .users:
                appendKey(user.name, to: &out)
                Self.appendQuoted(user.secret, to: &out)
            case .userEnabled:
                guard !user.enabled else { continue }
                appendKey(user.name, to: &out)
                out.append(contentsOf: "false".utf8)
            case .userMaxTCPConns, .userMaxUniqueIPs:
                guard let count = table == .userMaxTCPConns ? user.maxTCPConnections : user.maxUniqueIPs else { continue }
                appendKey(user.name, to: &out)
                Self.appendDecimal(UInt64(count), to: &out)
            case .userExpirations:
                guard let expiration = user.expiration else { continue }
                appendKey(user.name, to: &out)
                out.append(UInt8(ascii: "\""))
                TOMLDateTime.appendUTC(expiration, to: &out)
                out.append(UInt8(ascii: "\""))
            case .userDataQuota:
                guard let quota = user.dataQuota else { continue }
                appendKey(user.name, to: &out)
                Self.appendDecimal(quota, to: &out)
            }
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// `key = ` with the key bare if safe, else quoted.
    private func appendKey(_ name: String, to out: inout [UInt8]) {
        if TOMLEncoding.isBareKey(name) {
            out.append(contentsOf: name.utf8)
        } else {
            out.append(contentsOf: TOMLEncoding.quoted(name).utf8)
        }
        out.append(contentsOf: " = ".utf8)
    }

    /// A string known to need no escapes, in double quotes.
    private static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: text.utf8)
        out.append(UInt8(ascii: "\""))
    }

    static func appendDecimal(_ value: UInt64, to out: inout [UInt8]) {
        let start = out.count
        var rest = value
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        out[start...].reverse()
    }
}
