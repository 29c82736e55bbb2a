import Testing
@testable import StatsSink

struct MetricsEndpointTests {
    @Test(arguments: [
        ("http://127.0.0.1:9090/metrics", "127.0.0.1", 9090, "/metrics"),
        ("http://localhost/metrics?x=1#frag", "localhost", 80, "/metrics?x=1"),
        ("HTTP://[::1]:9090", "::1", 9090, "/"),
        ("http://proxy.example.com:8080?a", "proxy.example.com", 8080, "/?a"),
    ])
    func parses(url: String, host: String, port: Int, path: String) throws {
        let endpoint = try MetricsEndpoint(url: url)
        #expect(endpoint.host == host && endpoint.port == port && endpoint.path == path)
    }

    @Test(arguments: [
        "https://127.0.0.1/metrics", "127.0.0.1:9090/metrics", "http://user:secret@127.0.0.1/metrics",
        "http://127.0.0.1:0/", "http://127.0.0.1:99999/", "http://:80/", "http://[::1/", "http://host/a b",
        "http://ho st/", "http://127.0.0.1:9a/",
    ])
    func rejects(url: String) {
        let error = #expect(throws: ScrapeError.self) { try MetricsEndpoint(url: url) }
        #expect(error?.description.contains("http://HOST:PORT/metrics") == true)
        #expect(error?.description.contains("secret") == false, "credentials never echoed")
    }
}
