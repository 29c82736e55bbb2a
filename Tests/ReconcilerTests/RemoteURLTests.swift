import Testing
@testable import Reconciler

@Suite("Remote URLs")
struct RemoteURLTests {
    @Test(arguments: [
        ("file:///srv/repo.git", RemoteURL.Transport.local, nil as String?, nil as Int?),
        ("/srv/repo.git", .local, nil, nil),
        ("git://h.example/repo.git", .git, "h.example", nil),
        ("ssh://git@h.example:2222/repo.git", .ssh, "h.example", 2222),
        ("git@github.com:org/repo.git", .ssh, "github.com", nil),
        ("https://h.example/org/repo.git", .https, "h.example", nil),
        ("http://127.0.0.1:8080/repo.git", .http, "127.0.0.1", 8080),
    ])
    func transportsAreRecognised(raw: String, transport: RemoteURL.Transport, host: String?, port: Int?) throws {
        let url = try RemoteURL(raw)
        #expect(url.transport == transport)
        #expect(url.host == host)
        #expect(url.port == port)
    }

    @Test func knownHostsNameBracketsNonDefaultPorts() throws {
        #expect(try RemoteURL("ssh://git@h:2222/r").knownHostsName == "[h]:2222")
        #expect(try RemoteURL("ssh://git@h:22/r").knownHostsName == "h")
        #expect(try RemoteURL("git@h:r").knownHostsName == "h")
    }

    @Test func redactionDropsCredentials() throws {
        let url = try RemoteURL("https://bot:ghp_secret@h.example/r.git")
        #expect(!url.redacted.contains("ghp_secret"))
        #expect(url.redacted.contains("h.example/r.git"))
        #expect(try RemoteURL("https://ghp_token@h/r").redacted == "https://***@h/r")
    }

    @Test func unsupportedOrEmptyIsRefused() {
        #expect(throws: GitSourceError.self) { try RemoteURL("ftp://h/r") }
        #expect(throws: GitSourceError.self) { try RemoteURL("") }
        #expect(throws: GitSourceError.self) { try RemoteURL("/a\nb") }
    }
}
