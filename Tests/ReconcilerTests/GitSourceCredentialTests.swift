import Foundation
import Testing
@testable import Reconciler

/// Credentials that cannot apply to the remote are a configuration error, not silently unused.
struct GitSourceCredentialTests {
    @Test(arguments: ["file:///srv/users.git", "ssh://git@127.0.0.1/users.git", "git://127.0.0.1/users.git"])
    func anHTTPSTokenForAnotherTransportIsRefused(url: String) throws {
        let scratch = try TemporaryDirectory("credentials")
        var configuration = try GitSourceOptions(repository: url, branch: "main", stateDirectory: scratch.path("state")).configuration()
        configuration.authentication = .httpToken(file: scratch.path("token"))
        #expect(throws: GitSourceError.self) { try GitSource(configuration) }
        do {
            _ = try GitSource(configuration)
        } catch {
            #expect(error.description.contains("HTTPS token or credentials file is configured for a remote that is not http(s)"))
        }
        configuration.url = "https://git.example.com/users.git"
        #expect(throws: Never.self) { try GitSource(configuration) }
    }
}
