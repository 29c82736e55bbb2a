import Daemon
import Foundation
import Testing

/// Signatures checked against what the vendors publish and against openssl as a second signer.
struct WebhookVerifierTests {
    static func header(_ fields: [String: String]) -> (String) -> String? {
        let lowered = Dictionary(uniqueKeysWithValues: fields.map { ($0.key.lowercased(), $0.value) })
        return { lowered[$0] }
    }

    /// GitHub's documentation ("Validating webhook deliveries") publishes this secret, payload and header.
    @Test func githubsPublishedExampleVerifies() {
        let verifier = WebhookVerifier(secret: Array("It's a Secret to Everybody".utf8))
        let body = Array("Hello, World!".utf8)
        let good = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
        #expect(verifier.verify(header: Self.header(["X-Hub-Signature-256": good, "X-GitHub-Delivery": "d1"]), body: body)
                == .verified(.github, delivery: "d1"))
        let flipped = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18"
        #expect(verifier.verify(header: Self.header(["X-Hub-Signature-256": flipped]), body: body) == .badSignature(.github))
        #expect(verifier.verify(header: Self.header(["X-Hub-Signature-256": good]), body: body + [10]) == .badSignature(.github))
        #expect(verifier.verify(header: Self.header(["X-Hub-Signature-256": String(good.dropFirst(7))]), body: body) == .badSignature(.github),
                "GitHub's header needs its sha256= prefix")
    }

    /// Gitea and Forgejo send the bare hex HMAC; openssl computes it independently here.
    @Test func giteaAndForgejoHexSignaturesFromOpenSSLVerify() throws {
        let secret = "gitea-secret", body = #"{"ref":"refs/heads/main","after":"abc"}"#
        let hex = try Self.openssl(secret: secret, body: body)
        let verifier = WebhookVerifier(secret: Array(secret.utf8))
        #expect(verifier.verify(header: Self.header(["X-Gitea-Signature": hex, "X-Gitea-Delivery": "g1"]), body: Array(body.utf8))
                == .verified(.gitea, delivery: "g1"))
        #expect(verifier.verify(header: Self.header(["X-Forgejo-Signature": hex.uppercased()]), body: Array(body.utf8))
                == .verified(.forgejo, delivery: nil))
        #expect(verifier.verify(header: Self.header(["X-Signature-256": "sha256=" + hex, "X-Delivery-Id": "x"]), body: Array(body.utf8))
                == .verified(.generic, delivery: "x"))
        #expect(verifier.verify(header: Self.header(["X-Gitea-Signature": "zz" + hex.dropFirst(2)]), body: Array(body.utf8)) == .badSignature(.gitea))
    }

    @Test func gitlabsTokenIsComparedWhole() {
        let verifier = WebhookVerifier(secret: Array("tok-123".utf8))
        #expect(verifier.verify(header: Self.header(["X-Gitlab-Token": "tok-123", "X-Gitlab-Event-UUID": "u"]), body: [])
                == .verified(.gitlab, delivery: "u"))
        for wrong in ["tok-12", "tok-1234", "", "TOK-123"] {
            #expect(verifier.verify(header: Self.header(["X-Gitlab-Token": wrong]), body: []) == .badSignature(.gitlab))
        }
    }

    @Test func aRequestWithoutAnySignatureIsUnsigned() {
        let verifier = WebhookVerifier(secret: Array("s".utf8))
        #expect(verifier.verify(header: Self.header(["X-GitHub-Event": "push", "X-GitHub-Delivery": "d"]), body: Array("{}".utf8)) == .unsigned)
    }

    static func openssl(secret: String, body: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "dgst", "-sha256", "-hmac", secret, "-r"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(body.utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }
}
