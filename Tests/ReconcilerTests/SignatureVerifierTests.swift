import Foundation
import Testing
@testable import Reconciler

/// Real ssh-keygen- and gpg-signed commits, good and bad.
@Suite("Signature verification", .serialized)
struct SignatureVerifierTests {
    /// A repository whose commits can be SSH-signed with a trusted or an untrusted key.
    private func sshSetup() throws -> (TestRepository, trusted: URL, untrusted: URL, allowed: URL) {
        let repo = try TestRepository()
        let trusted = repo.directory.path("trusted"), untrusted = repo.directory.path("untrusted")
        for key in [trusted, untrusted] {
            try Shell.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.path])
        }
        let publicKey = try String(contentsOf: trusted.appendingPathExtension("pub"), encoding: .utf8)
        let allowed = repo.directory.path("allowed_signers")
        try Data("admin@example.com \(publicKey)".utf8).write(to: allowed)
        try repo.git("config", "gpg.format", "ssh")
        return (repo, trusted, untrusted, allowed)
    }

    private func signedCommit(_ repo: TestRepository, key: URL, _ files: [String: String?]) throws -> CommitID {
        try repo.git("config", "user.signingkey", key.path)
        let id = try repo.commit(files, extraArgs: ["-S"])
        try repo.push(force: true)
        return id
    }

    @Test func sshSignedTipIsAcceptedAndBadOnesRefusedWhileTheLastGoodKeepsServing() async throws {
        let (repo, trusted, untrusted, allowed) = try sshSetup()
        let good = try signedCommit(repo, key: trusted, ["users.yaml": "a\n"])
        var configuration = repo.configuration()
        configuration.verification = .ssh(allowedSigners: allowed)
        let source = try GitSource(configuration)
        let fetch = try await source.fetch()
        #expect(fetch.signer == "admin@example.com")
        #expect(try await source.read(good).commit == good)

        let foreign = try signedCommit(repo, key: untrusted, ["users.yaml": "b\n"])
        let error = try #require(await #expect(throws: GitSourceError.self) { try await source.fetch() })
        guard case .signatureRejected(foreign, _, good) = error else { Issue.record("\(error)"); return }
        #expect(try await source.lastDesiredCommit() == good)
        await #expect(throws: GitSourceError.self) { try await source.read(foreign) }

        let unsigned = try repo.commitAndPush(["users.yaml": "c\n"])
        await #expect(throws: GitSourceError.signatureMissing(commit: unsigned, lastVerified: good)) {
            try await source.fetch()
        }
        let fixed = try signedCommit(repo, key: trusted, ["users.yaml": "d\n"])
        #expect(try await source.fetch().desiredCommit == fixed)
    }

    @Test func aForcePushBackToAnOlderSignedCommitIsRefusedUnlessAllowed() async throws {
        let (repo, trusted, _, allowed) = try sshSetup()
        let older = try signedCommit(repo, key: trusted, ["users.yaml": "a\n"])
        var configuration = repo.configuration()
        configuration.verification = .ssh(allowedSigners: allowed)
        #expect(try await GitSource(configuration).fetch().desiredCommit == older)
        let newer = try signedCommit(repo, key: trusted, ["users.yaml": "b\n"])
        #expect(try await GitSource(configuration).fetch().desiredCommit == newer)

        try repo.git("push", "-q", "--force", "origin", "\(older.hex):refs/heads/main")
        // A new source on the same cache: the last verified commit is remembered there.
        let source = try GitSource(configuration)
        let error = try #require(await #expect(throws: GitSourceError.self) { try await source.fetch() })
        #expect(error == .historyRewriteRefused(commit: older, lastVerified: newer))
        #expect(error.description.contains("--allow-history-rewrite"))
        #expect(try await source.lastDesiredCommit() == newer)

        configuration.allowHistoryRewrite = true
        #expect(try await GitSource(configuration).fetch().desiredCommit == older)
        configuration.allowHistoryRewrite = false
        let next = try signedCommit(repo, key: trusted, ["users.yaml": "c\n"])
        #expect(try await GitSource(configuration).fetch().desiredCommit == next, "the accepted rewrite is the new base")
    }

    @Test func tamperedSignedCommitIsRefused() async throws {
        let (repo, trusted, _, allowed) = try sshSetup()
        let good = try signedCommit(repo, key: trusted, ["users.yaml": "a\n"])
        let raw = try repo.git("cat-file", "commit", good.hex)
        let tampered = raw.replacingOccurrences(of: "\n\nchange\n", with: "\n\nchanged by someone else\n")
        #expect(tampered != raw)
        let forged = try Shell.run(["git", "-C", repo.work.path, "hash-object", "-t", "commit", "-w", "--stdin"],
                                   input: Data(tampered.utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.git("push", "-q", "--force", "origin", "\(forged):refs/heads/main")
        var configuration = repo.configuration()
        configuration.verification = .ssh(allowedSigners: allowed)
        let error = try #require(await #expect(throws: GitSourceError.self) { try await GitSource(configuration).fetch() })
        guard case .signatureRejected(let commit, _, nil) = error else { Issue.record("\(error)"); return }
        #expect(commit.hex == forged)
    }

    @Test func gpgSignedCommitsVerifyAgainstTheKeyringOnly() async throws {
        let repo = try TestRepository()
        let home = repo.directory.path("gnupg")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let env = ["GNUPGHOME": home.path]
        for uid in ["Admin <admin@example.com>", "Mallory <mallory@example.com>"] {
            try Shell.run(["gpg", "--batch", "--passphrase", "", "--quick-gen-key", uid, "ed25519", "sign", "never"], env: env)
        }
        let keyring = repo.directory.path("trusted.gpg")
        try Shell.run(["gpg", "--batch", "--output", keyring.path, "--export", "admin@example.com"], env: env)
        let good = try repo.commit(["users.yaml": "a\n"], extraArgs: ["-Sadmin@example.com"], env: env)
        try repo.push()
        var configuration = repo.configuration()
        configuration.verification = .openPGP(keyring: keyring)
        let source = try GitSource(configuration)
        let fetch = try await source.fetch()
        #expect(fetch.desiredCommit == good)
        #expect(fetch.signer?.count == 40)
        let bad = try repo.commit(["users.yaml": "b\n"], extraArgs: ["-Smallory@example.com"], env: env)
        try repo.push()
        let error = try #require(await #expect(throws: GitSourceError.self) { try await source.fetch() })
        guard case .signatureRejected(bad, _, good) = error else { Issue.record("\(error)"); return }
        #expect(try await source.lastDesiredCommit() == good)
    }

    @Test func sshSignatureUnderOpenPGPPolicyIsRefused() async throws {
        let (repo, trusted, _, _) = try sshSetup()
        let id = try signedCommit(repo, key: trusted, ["users.yaml": "a\n"])
        var configuration = repo.configuration()
        configuration.verification = .openPGP(keyring: repo.directory.path("none.gpg"))
        await #expect(throws: GitSourceError.signatureRejected(
            commit: id, reason: "not an OpenPGP signature, but OpenPGP verification is configured", lastVerified: nil)) {
            try await GitSource(configuration).fetch()
        }
    }
}
