import Spec
import Testing
@testable import TelemtRender

@Suite struct ProxyLinkTests {
    let secret = "0123456789abcdef0123456789abcdef"

    @Test func fakeTLSLinkCarriesTheDomainInHex() {
        let link = ProxyLink(endpoint: ProxyEndpoint(host: "proxy.example.com", port: 443, tlsDomain: "www.example.com"), secret: secret)
        let domainHex = "7777772e6578616d706c652e636f6d"
        #expect(link.telegramURL == "tg://proxy?server=proxy.example.com&port=443&secret=ee\(secret)\(domainHex)")
        #expect(link.webURL == "https://t.me/proxy?server=proxy.example.com&port=443&secret=ee\(secret)\(domainHex)")
    }

    @Test func withoutATLSDomainTheSecretIsPadded() {
        let link = ProxyLink(endpoint: ProxyEndpoint(host: "203.0.113.7", port: 8443), secret: secret.uppercased())
        #expect(link.clientSecret == "dd" + secret)
        #expect(link.query == "server=203.0.113.7&port=8443&secret=dd\(secret)")
    }

    @Test func hostsAreEscapedInTheQuery() {
        let link = ProxyLink(endpoint: ProxyEndpoint(host: "a&b=c", port: 1), secret: secret)
        #expect(link.query.hasPrefix("server=a%26b%3Dc&port=1&"))
    }
}
