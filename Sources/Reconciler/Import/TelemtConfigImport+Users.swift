import Foundation
import TelemtRender

extension TelemtConfigImport {
    /// The users as users.yaml holds them, and what the conversion changes.
    struct Converted {
        var users: [ImportedUsersFile.User] = []
        var warnings: [String] = []
    }

    /// The earliest and latest expiry users.yaml accepts (what the renderer writes).
    static let expiryRange = Date(timeIntervalSince1970: 0)...Date(timeIntervalSince1970: 253_402_300_799)

    /// Every user converted, or every user that cannot be, at its line:col.
    func convert(_ users: [TelemtUser], document: TOMLDocument) throws(TelemtImportError) -> Converted {
        var result = Converted()
        var problems: [TelemtImportError.Problem] = []
        var owners: [String: String] = [:]
        var quotas = 0, zeroQuotas = 0, fractions = 0, placeholders: [String] = []
        for user in users {
            // Found only for a problem: finding a key's place scans the table, once per user would be quadratic.
            let location = { document.location(of: ManagedTables.Table.users.path + [user.name]) }
            if let problem = invalid(user, document: document, at: location) {
                problems.append(problem)
                continue
            }
            let secret = user.secret.lowercased()
            if let first = owners[secret] {
                problems.append(problem(at: location(), "user \(TOMLEncoding.key(user.name)) has the same secret as \(TOMLEncoding.key(first)) "
                    + "(\(place(of: first, in: document))); two users with one secret cannot be told apart: give one of them a new secret"))
                continue
            }
            owners[secret] = user.name
            if Set(secret.utf8).count == 1 { placeholders.append(user.name) }
            if let quota = user.dataQuota { if quota > 0 { quotas += 1 } else { zeroQuotas += 1 } }
            if let expiration = user.expiration, expiration.timeIntervalSince1970.rounded(.down) != expiration.timeIntervalSince1970 { fractions += 1 }
            result.users.append(ImportedUsersFile.User(user, secret: secret))
        }
        guard problems.isEmpty else { throw TelemtImportError(problems) }
        result.warnings = conversionWarnings(quotas: quotas, zeroQuotas: zeroQuotas, fractions: fractions)
        result.warnings += placeholders.map { name in
            "warning: user \(TOMLEncoding.key(name)) has a placeholder secret (one digit 32 times, like telemt's example user): "
                + "anyone can connect with it; remove its `secret:` in users.yaml to give it a derived one (this changes its link)"
        }
        return result
    }

    /// Why `user` cannot be written to users.yaml, if it cannot.
    private func invalid(_ user: TelemtUser, document: TOMLDocument, at location: () -> TOMLSourceLocation?) -> TelemtImportError.Problem? {
        let name = TOMLEncoding.key(user.name)
        if !Self.isValidName(user.name) {
            return problem(at: location(), "user \(name): telemt-gitops user names match [A-Za-z0-9_.-]{1,64} (telemt prints them unescaped "
                + "in metric labels): rename the user in the source config (the link carries only the secret, so it stays the same) and run import again")
        }
        if user.secret.utf8.count != 32 || !user.secret.utf8.allSatisfy(\.isHexDigit) {
            return problem(at: location(), "user \(name): the secret is not 32 hex digits, which telemt-gitops cannot keep: fix it in the source config")
        }
        if let expiration = user.expiration, !Self.expiryRange.contains(expiration) {
            let at = document.location(of: ManagedTables.Table.userExpirations.path + [user.name])
            return problem(at: at, "user \(name): the expiration lies outside 1970-01-01T00:00:00Z…9999-12-31T23:59:59Z, which users.yaml "
                + "cannot hold: move it into that range (or remove it) in the source config")
        }
        return nil
    }

    static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy(\.isNameByte)
    }

    private func place(of name: String, in document: TOMLDocument) -> String {
        document.location(of: ManagedTables.Table.users.path + [name]).map { "line \($0.line)" } ?? "above"
    }

    private func conversionWarnings(quotas: Int, zeroQuotas: Int, fractions: Int) -> [String] {
        var warnings: [String] = []
        if quotas > 0 {
            warnings.append("warning: \(quotas) user\(quotas == 1 ? "" : "s") had [access.user_data_quota], which telemt counts over a user's "
                + "whole lifetime: imported as `data_limit` with `reset: none`, which telemt-gitops counts from its own records, from zero at "
                + "the first reconcile (traffic telemt counted before is not included: lower data_limit by what was used, or set `reset: monthly` "
                + "for a monthly quota); that reconcile empties [access.user_data_quota], so telemt no longer cuts these users off by itself")
        }
        if zeroQuotas > 0 {
            warnings.append("warning: \(zeroQuotas) user\(zeroQuotas == 1 ? "" : "s") had a data quota of 0: not imported (users.yaml refuses "
                + "`data_limit: 0`; write `disabled: true` to keep a user out)")
        }
        if fractions > 0 {
            warnings.append("warning: \(fractions) expiration\(fractions == 1 ? "" : "s") had fractions of a second: rounded down to the "
                + "second, as telemt-gitops writes them")
        }
        return warnings
    }
}

extension UInt8 {
    /// `A-Z a-z 0-9 _ . -`.
    fileprivate var isNameByte: Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || self == UInt8(ascii: "_") || self == UInt8(ascii: ".") || self == UInt8(ascii: "-")
    }
}
