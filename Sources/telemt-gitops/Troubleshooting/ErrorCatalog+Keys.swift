import Foundation
import Spec
import TelemtRender

/// The master key, secrets and QR codes (``MasterKeyError``, ``DuplicateSecretError``, ``QRCodeError``).
extension ErrorCatalog {
    static let keysIntro = "Every user's secret is derived from the host's master key (`keygen`, a 0600 file outside git): "
        + "`render`, `links`, `plan` on the host, `reconcile` and `run` read it. A key that is missing, malformed or "
        + "readable by others is refused, and nothing is rendered."

    private static let keyFile = "/etc/telemt-gitops/master.key"

    static var keyEntries: [ErrorEntry] {
        masterKeyEntries + [duplicateSecretEntry, qrCodeEntry].compactMap { $0 }
    }

    private static var masterKeyEntries: [ErrorEntry] {
        [
            masterKey(.unreadable(errno: ENOENT), "The master key cannot be read",
                      meaning: "There is no key at the path (a new host, a wrong `--key` or `key` setting), or the user running telemt-gitops cannot read it.",
                      fix: "On a new host run `telemt-gitops keygen --out /etc/telemt-gitops/master.key`. On a host that had a key, restore it from backup instead: a new key changes every user's secret and link."),
            masterKey(.unwritable(errno: EACCES), "The master key cannot be written",
                      meaning: "`keygen` could not create the file: the directory is missing or not writable by this user.",
                      fix: "`mkdir -p /etc/telemt-gitops` and run keygen as the user that will own the key (root, or the daemon's user)."),
            masterKey(.exists, "A master key is already there",
                      meaning: "keygen never replaces a key: every secret derived from it would change and every user's link would stop working.",
                      fix: "Nothing to do when the key is the one you want. To really start over, move the old key away first and hand out the new links (`telemt-gitops links --all`)."),
            masterKey(.tooOpen(mode: 0o644), "The master key is readable by others",
                      meaning: "Anyone who can read the key can compute every user's secret, so a key with group or other access is refused.",
                      fix: "`chmod 600 /etc/telemt-gitops/master.key` (and `chown` it to the user that runs telemt-gitops)."),
            masterKey(.notHex, "The master key is not hex",
                      meaning: "The file holds something other than 64 hex digits: it was edited, truncated, or is another kind of file.",
                      fix: "Restore the key from backup; only if there is none, move it away and run `telemt-gitops keygen` (every link changes)."),
            masterKey(.wrongLength(16), "The master key has the wrong length",
                      meaning: "The hex in the file decodes to another number of bytes than 32 (a key cut short by a copy, or a 16-byte telemt secret pasted in).",
                      fix: "Restore the full key from backup, or create one with `telemt-gitops keygen`."),
        ]
    }

    private static func masterKey(_ problem: MasterKeyError.Problem, _ title: String, meaning: String, fix: String) -> ErrorEntry {
        ErrorEntry(MasterKeyError(path: keyFile, problem: problem), kind: problem, title, meaning: meaning, fix: fix)
    }

    /// Two users with the same explicit secret, through the real secret deriver (the loader reports
    /// the same clash as a users.yaml error before this can happen; the deriver checks again).
    static var duplicateSecret: DuplicateSecretError? {
        let secret = "0123456789abcdef0123456789abcdef"
        let users = [("alice", 4), ("bob", 5)].map { name, line in
            UserSpec(name: name, secret: secret, location: SourceLocation(file: "users.yaml", line: line, column: 3))
        }
        guard let key = try? MasterKey(bytes: [UInt8](repeating: 7, count: 32)) else { return nil }
        return failure { () throws(DuplicateSecretError) in _ = try SecretDeriver(key: key).secrets(for: users) }
    }

    private static var duplicateSecretEntry: ErrorEntry? {
        ErrorEntry(failure: duplicateSecret, "Two users have the same secret",
                   meaning: "telemt tells users apart by their secret, so two users may not share one. Only explicit `secret:` values (for migrations) can clash; derived ones never do.",
                   fix: "Remove the explicit `secret:` of one of the two users in users.yaml (it then gets a derived secret and a new link), or give it its own old secret.")
    }

    /// A text too long for a QR code, through the real encoder.
    private static var qrCodeEntry: ErrorEntry? {
        ErrorEntry(failure: failure { () throws(QRCodeError) in _ = try QRCode(encoding: String(repeating: "a", count: 3_000)) },
                   "The link is too long for a QR code",
                   meaning: "`links --qr` could not encode the text: it is longer than a QR code holds. Proxy links are far shorter, so this means an unusually long host name or tls_domain.",
                   fix: "Hand out the tg:// or https://t.me link itself (`telemt-gitops links USER`), or shorten `proxy.tls_domain`.")
    }
}
