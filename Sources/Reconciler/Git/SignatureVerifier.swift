import Foundation

/// Verifies a commit's signature with the system's own tools: `ssh-keygen -Y verify` against an
/// allowed-signers file, or `gpgv` against a keyring. Returns the verified signer.
struct SignatureVerifier {
    private enum Outcome {
        case success(String)
        case failure(String)
    }

    let mode: SignatureVerification

    /// Checks `signature` over `signedData` (the commit without its signature header).
    func verify(signature: String, signedData: [UInt8], commit: CommitID, lastVerified: CommitID?)
        throws(GitSourceError) -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("telemt-gitops-verify-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(signature.utf8).write(to: directory.appendingPathComponent("signature"))
            try Data(signedData).write(to: directory.appendingPathComponent("data"))
        } catch {
            throw .invalidConfiguration(field: "signature verification", value: directory.path,
                                        reason: "cannot write temporary files: \(error)")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let result: Outcome
        switch mode {
        case .ssh(let allowedSigners):
            result = try verifySSH(signature: signature, allowedSigners: allowedSigners, directory: directory,
                                   data: signedData)
        case .openPGP(let keyring):
            result = try verifyPGP(signature: signature, keyring: keyring, directory: directory)
        }
        switch result {
        case .success(let signer): return signer
        case .failure(let reason):
            throw .signatureRejected(commit: commit, reason: reason, lastVerified: lastVerified)
        }
    }

    private func verifySSH(signature: String, allowedSigners: URL, directory: URL, data: [UInt8])
        throws(GitSourceError) -> Outcome {
        guard signature.hasPrefix("-----BEGIN SSH SIGNATURE-----") else {
            return .failure("not an SSH signature, but SSH verification is configured")
        }
        guard FileManager.default.isReadableFile(atPath: allowedSigners.path) else {
            return .failure("allowed signers file \(allowedSigners.path) is missing")
        }
        let signatureFile = directory.appendingPathComponent("signature").path
        let lookup = try ProcessRunner.run(
            "ssh-keygen", ["-Y", "find-principals", "-f", allowedSigners.path, "-s", signatureFile],
            filePrefix: directory.appendingPathComponent("find-"))
        guard lookup.status == 0,
              let principal = lookup.stdout.split(whereSeparator: \.isNewline).first.map(String.init) else {
            return .failure("the signing key is not in \(allowedSigners.lastPathComponent)")
        }
        let check = try ProcessRunner.run(
            "ssh-keygen", ["-Y", "verify", "-f", allowedSigners.path, "-I", principal, "-n", "git", "-s", signatureFile],
            stdin: data, filePrefix: directory.appendingPathComponent("verify-"))
        return check.status == 0 ? .success(principal) : .failure("ssh-keygen: bad signature for \(principal)")
    }

    private func verifyPGP(signature: String, keyring: URL, directory: URL) throws(GitSourceError)
        -> Outcome {
        guard signature.hasPrefix("-----BEGIN PGP SIGNATURE-----") else {
            return .failure("not an OpenPGP signature, but OpenPGP verification is configured")
        }
        guard FileManager.default.isReadableFile(atPath: keyring.path) else {
            return .failure("keyring \(keyring.path) is missing")
        }
        let home = directory.appendingPathComponent("gnupg")
        try? FileManager.default.createDirectory(at: home, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let check = try ProcessRunner.run(
            "gpgv", ["--homedir", home.path, "--keyring", keyring.standardizedFileURL.path, "--status-fd", "1",
                     directory.appendingPathComponent("signature").path, directory.appendingPathComponent("data").path],
            filePrefix: directory.appendingPathComponent("gpgv-"))
        let valid = check.stdout.split(whereSeparator: \.isNewline).first { $0.hasPrefix("[GNUPG:] VALIDSIG ") }
        guard check.status == 0, let valid else {
            return .failure("gpgv: no valid signature by a key in \(keyring.lastPathComponent)")
        }
        return .success(String(valid.split(separator: " ").dropFirst(2).first ?? "unknown key"))
    }
}
