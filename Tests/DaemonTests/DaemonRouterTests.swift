import Crypto
@testable import Daemon
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The routes through Hummingbird's router tester: statuses, bodies, and whether the loop was rung.
struct DaemonRouterTests {
    static let secret = "hook-secret"

    struct Harness: Sendable {
        let parts: DaemonRouter.Parts

        init(secret: String? = DaemonRouterTests.secret, tracked: TrackedRef = .branch("main"), readyWithin: Double = 90) {
            let own = OwnCommits()
            let endpoint = WebhookEndpoint(secret: secret.map { SecretFile(bytes: Array($0.utf8)) }, tracked: tracked, ownCommits: own)
            parts = DaemonRouter.Parts(status: DaemonStatus(readyWithin: readyWithin), metrics: DaemonMetrics(), webhooks: endpoint,
                                       triggers: TriggerQueue())
        }

        func app() -> some ApplicationProtocol {
            Application(router: DaemonRouter.buildRouter(parts, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }))
        }
    }

    static func sign(_ body: String, secret: String = secret) -> String {
        "sha256=" + HMAC<SHA256>.authenticationCode(for: Array(body.utf8), using: SymmetricKey(data: Array(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    static func post(_ client: some TestClientProtocol, _ body: String, headers: HTTPFields) async throws -> (Int, String) {
        try await client.execute(uri: "/hooks/git", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
            (Int(response.status.code), String(buffer: response.body))
        }
    }

    @Test func aSignedPushToTheTrackedBranchIsAcceptedOnceAndRingsTheLoop() async throws {
        let harness = Harness()
        let body = #"{"ref":"refs/heads/main","after":"0123abcd"}"#
        try await harness.app().test(.router) { client in
            var headers: HTTPFields = [.init("X-Hub-Signature-256")!: Self.sign(body), .init("X-GitHub-Delivery")!: "d-1"]
            let (status, text) = try await Self.post(client, body, headers: headers)
            #expect(status == 202 && text.contains("accepted"))
            #expect(harness.parts.triggers.drain() == [.webhook])
            let (again, why) = try await Self.post(client, body, headers: headers)
            #expect(again == 409 && why.contains("already received"))
            headers[.init("X-GitHub-Delivery")!] = "d-2"
            let replayed = try await Self.post(client, body, headers: headers).0
            #expect(replayed == 409, "the same signed body under another (unsigned) delivery id is a replay")
            let next = #"{"ref":"refs/heads/main","after":"4567cdef"}"#
            headers[.init("X-Hub-Signature-256")!] = Self.sign(next)
            let status2470 = try await Self.post(client, next, headers: headers).0
            #expect(status2470 == 202)
        }
    }

    @Test func unsignedWronglySignedAndOversizedBodiesChangeNothing() async throws {
        let harness = Harness()
        let body = #"{"ref":"refs/heads/main"}"#
        try await harness.app().test(.router) { client in
            let status2793 = try await Self.post(client, body, headers: [:]).0
            #expect(status2793 == 401)
            let status2871 = try await Self.post(client, body, headers: [.init("X-Hub-Signature-256")!: Self.sign(body, secret: "other")]).0
            #expect(status2871 == 403)
            let status3011 = try await Self.post(client, body, headers: [.init("X-Gitlab-Token")!: "nope"]).0
            #expect(status3011 == 403)
            let huge = String(repeating: "x", count: WebhookEndpoint.maxBody + 1)
            let status3202 = try await Self.post(client, huge, headers: [.init("X-Hub-Signature-256")!: Self.sign(huge)]).0
            #expect(status3202 == 413)
            let status3325 = try await Self.post(client, "[1]", headers: [.init("X-Hub-Signature-256")!: Self.sign("[1]")]).0
            #expect(status3325 == 400)
        }
        #expect(harness.parts.triggers.drain().isEmpty)
        let metrics = String(decoding: harness.parts.metrics.exposition(), as: UTF8.self)
        for result in ["unsigned", "bad_signature", "too_large", "bad_request"] {
            #expect(metrics.contains(#"telemt_gitops_webhooks_total{result="\#(result)"} 1"#) || metrics.contains(#"result="\#(result)"} 2"#), "\(result)")
        }
    }

    @Test func otherBranchesPingsAndOwnStatusCommitsAreAcknowledgedAndIgnored() async throws {
        let harness = Harness()
        harness.parts.webhooks.ownCommits.add("feedbeef")
        try await harness.app().test(.router) { client in
            for body in [#"{"ref":"refs/heads/dev","after":"1"}"#, #"{"zen":"Keep it logically awesome."}"#,
                         #"{"ref":"refs/heads/main","after":"FEEDBEEF"}"#, #"{"ref":"refs/tags/v1"}"#] {
                let (status, text) = try await Self.post(client, body, headers: [.init("X-Gitea-Signature")!: String(Self.sign(body).dropFirst(7))])
                #expect(status == 200, "\(body): \(text)")
            }
        }
        #expect(harness.parts.triggers.drain().isEmpty)
    }

    @Test func withoutASecretWebhooksAreOff() async throws {
        let harness = Harness(secret: nil)
        try await harness.app().test(.router) { client in
            let (status, text) = try await Self.post(client, "{}", headers: [.init("X-Hub-Signature-256")!: Self.sign("{}")])
            #expect(status == 403 && text.contains("webhooks.secret_file"))
        }
    }

    @Test func healthReadinessAndMetrics() async throws {
        let harness = Harness(readyWithin: 90)
        try await harness.app().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable && String(buffer: response.body).contains("no tick"))
            }
            harness.parts.status.succeeded()
            harness.parts.status.update { $0.revision = "0123456789abcdef" }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("0123456789ab"))
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            }
        }
    }

    @Test func readinessExpiresOnTheMonotonicClock() {
        let time = TestTime()
        let status = DaemonStatus(readyWithin: 90, clock: { time.now })
        status.succeeded()
        #expect(status.readiness().ready)
        time.now = 91
        let (ready, reason) = status.readiness()
        #expect(!ready && reason.contains("91 s ago"))
    }
}

/// A settable monotonic clock.
final class TestTime: @unchecked Sendable {
    var now: Double = 0
}
