import Foundation
import Testing
@testable import Reconciler

@Suite("Command-line options to configuration")
struct GitSourceOptionsTests {
    private let state = URL(fileURLWithPath: "/var/lib/telemt-gitops")

    @Test func defaultsTrackMainWithoutCredentials() throws {
        let configuration = try GitSourceOptions(repository: "/r", stateDirectory: state).configuration()
        #expect(configuration.ref == .branch("main"))
        #expect(configuration.authentication == .none)
        #expect(configuration.cacheDirectory.path == "/var/lib/telemt-gitops/git/cache.git")
        #expect(configuration.verification == nil)
    }

    @Test func refsAuthAndVerificationAreMapped() throws {
        let id = String(repeating: "ab", count: 20)
        var options = GitSourceOptions(repository: "ssh://h/r", commit: id, stateDirectory: state,
                                       sshKey: URL(fileURLWithPath: "/k"), knownHosts: URL(fileURLWithPath: "/kh"),
                                       allowedSigners: URL(fileURLWithPath: "/as"))
        var configuration = try options.configuration()
        #expect(configuration.ref == .commit(try #require(CommitID(hex: id))))
        #expect(configuration.authentication == .ssh(privateKey: URL(fileURLWithPath: "/k"), knownHosts: URL(fileURLWithPath: "/kh")))
        #expect(configuration.verification == .ssh(allowedSigners: URL(fileURLWithPath: "/as")))
        options = GitSourceOptions(repository: "https://h/r", tag: "v1", stateDirectory: state,
                                   tokenFile: URL(fileURLWithPath: "/t"), gpgKeyring: URL(fileURLWithPath: "/g"))
        configuration = try options.configuration()
        #expect(configuration.ref == .tag("v1"))
        #expect(configuration.authentication == .httpToken(file: URL(fileURLWithPath: "/t")))
        #expect(configuration.verification == .openPGP(keyring: URL(fileURLWithPath: "/g")))
    }

    @Test func conflictingOrIncompleteOptionsAreErrors() {
        #expect(throws: GitSourceError.self) {
            try GitSourceOptions(repository: "/r", branch: "a", tag: "b", stateDirectory: state).configuration()
        }
        #expect(throws: GitSourceError.self) {
            try GitSourceOptions(repository: "/r", commit: "abc", stateDirectory: state).configuration()
        }
        #expect(throws: GitSourceError.self) {
            try GitSourceOptions(repository: "/r", stateDirectory: state, sshKey: URL(fileURLWithPath: "/k")).configuration()
        }
    }
}
