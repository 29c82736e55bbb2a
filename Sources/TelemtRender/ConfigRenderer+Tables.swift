extension ConfigRenderer {
    /// The full text of one managed table, header included, for users sorted by name.
    func tableText(_ table: ManagedTables.Table, users: [TelemtUser]) -> [UInt8] {
        var text = table.header + "\n"
        if table == .userDataQuota, dataQuotaPolicy == .omit {
            text += "# Empty on purpose: telemt counts this quota over a user's whole lifetime; "
                + "telemt-gitops enforces period quotas itself.\n"
        }
        for user in users {
            guard let value = value(of: user, in: table) else { continue }
            text += TOMLEncoding.key(user.name) + " = " + value + "\n"
        }
        return Array(text.utf8)
    }

    private func value(of user: TelemtUser, in table: ManagedTables.Table) -> String? {
        switch table {
        case .users: TOMLEncoding.quoted(user.secret)
        case .userEnabled: user.enabled ? nil : "false"
        case .userMaxTCPConns: user.maxTCPConnections.map { String($0) }
        case .userMaxUniqueIPs: user.maxUniqueIPs.map { String($0) }
        case .userExpirations: user.expiration.map { TOMLEncoding.quoted(TOMLDateTime.utcString($0)) }
        case .userDataQuota: dataQuotaPolicy == .render ? user.dataQuota.map { String($0) } : nil
        }
    }
}
