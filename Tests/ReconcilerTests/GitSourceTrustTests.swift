import Foundation
import Testing
import TestSupport
@testable import Reconciler

/// Credentials stay off plain http:// and off other hosts; clear-text remotes are warned about.
@Suite("Transport trust", .serialized)
struct GitSourceTrustTests {
    private let cache = URL(fileURLWithPath: "/nonexistent/cache.git")

    @Test(arguments: ["token", "password file", "password in URL"])
    func credentialsOverPlainHTTPAreRefused(kind: String) throws {
        let secretFile = URL(fileURLWithPath: "/nonexistent/token")
        var configuration = GitSourceConfiguration(
            url: kind == "password in URL" ? "http://bot:hunter2@git.example.com/r.git" : "http://git.example.com/r.git",
            cacheDirectory: cache)
        if kind == "token" { configuration.authentication = .httpToken(file: secretFile) }
        if kind == "password file" { configuration.authentication = .httpUserPassword(file: secretFile) }
        let error = try #require(throws: GitSourceError.self) { try GitSource(configuration) }
        guard case .insecureTransport = error else { Issue.record("\(error)"); return }
        #expect(error.description.contains("use an https:// or ssh:// URL"))
        #expect(!error.description.contains("hunter2"))
        configuration.allowInsecureTransport = true
        #expect(throws: Never.self) { try GitSource(configuration) }
    }

    @Test func httpsWithATokenIsAccepted() throws {
        var configuration = GitSourceConfiguration(url: "https://git.example.com/r.git", cacheDirectory: cache)
        configuration.authentication = .httpToken(file: URL(fileURLWithPath: "/nonexistent/token"))
        #expect(try GitSource(configuration).transportWarnings.isEmpty)
    }

    @Test(arguments: [("git://git.example.com/r.git", true), ("http://git.example.com/r.git", true),
                      ("https://git.example.com/r.git", false), ("ssh://git@git.example.com/r.git", false),
                      ("/srv/r.git", false)])
    func clearTextRemotesWithoutVerificationAreWarnedAbout(url: String, warned: Bool) throws {
        var configuration = GitSourceConfiguration(url: url, cacheDirectory: cache)
        let warnings = try GitSource(configuration).transportWarnings
        #expect(warnings.count == (warned ? 1 : 0))
        #expect(warnings.allSatisfy { $0.contains("anyone on the network path can change the users") })
        configuration.verification = .ssh(allowedSigners: URL(fileURLWithPath: "/nonexistent/allowed"))
        #expect(try GitSource(configuration).transportWarnings.isEmpty)
    }

    @Test func credentialsAreNotHandedToAnotherPortAfterARedirect() async throws {
        let repo = try TestRepository()
        try repo.commitAndPush(["users.yaml": "a\n"])
        let target = try HTTPBackend.start(root: repo.directory.url, basicAuth: "deploy:s3cret-token", scratch: repo.directory.url)
        let redirector = try HTTPBackend.start(root: repo.directory.url, basicAuth: nil, scratch: repo.directory.url,
                                               redirectBase: "http://127.0.0.1:\(target.port)")
        let configuration = try repo.tokenConfiguration(url: "http://127.0.0.1:\(redirector.port)/moved/remote.git",
                                                        token: "s3cret-token")
        let error = try #require(await #expect(throws: GitSourceError.self) { try await GitSource(configuration).fetch() })
        #expect(error == .credentialsForOtherHost(remote: configuration.url, requested: "http://127.0.0.1:\(target.port)"))
        #expect(!error.description.contains("s3cret"))
        withExtendedLifetime((target, redirector)) {}
    }

    @Test func aRedirectWithinTheSameOriginStillAuthenticates() async throws {
        let repo = try TestRepository()
        let id = try repo.commitAndPush(["users.yaml": "a\n"])
        let http = try HTTPBackend.start(root: repo.directory.url, basicAuth: "deploy:s3cret-token", scratch: repo.directory.url)
        let configuration = try repo.tokenConfiguration(url: "http://127.0.0.1:\(http.port)/moved/remote.git",
                                                        token: "s3cret-token")
        #expect(try await GitSource(configuration).fetch().desiredCommit == id)
    }
}
