import Foundation
import Spec
import TelemtRender
import Testing
@testable import Reconciler

@Suite struct ConfigBuilderTests {
    let deriver = SecretDeriver(key: try! MasterKey(bytes: [UInt8](repeating: 7, count: 32)))
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func state(_ users: [UserSpec]) -> DesiredState {
        DesiredState(proxy: ProxyEndpoint(host: "p.example"), timeZone: TimeZone(identifier: "UTC")!, users: users)
    }

    @Test func disabledAndExpiredUsersStayListedButCutOff() throws {
        let users = try ConfigBuilder(now: now).users(of: state([
            UserSpec(name: "active", expire: now.addingTimeInterval(60)),
            UserSpec(name: "disabled", disabled: true),
            UserSpec(name: "expired", expire: now),
            UserSpec(name: "limited"),
        ]), deriver: deriver, cutOff: ["limited"])
        #expect(users.map(\.name) == ["active", "disabled", "expired", "limited"])
        #expect(users.map(\.enabled) == [true, false, false, false])
        #expect(users[0].expiration == now.addingTimeInterval(60))
    }

    @Test func limitsAndSecretsAreCarriedOver() throws {
        let user = UserSpec(name: "a", maxConnections: 8, maxUniqueIPs: 3, rotate: 2)
        let rendered = try #require(try ConfigBuilder(now: now).users(of: state([user]), deriver: deriver).first)
        #expect(rendered.maxTCPConnections == 8)
        #expect(rendered.maxUniqueIPs == 3)
        #expect(rendered.secret == deriver.derive(name: "a", rotate: 2))
    }

    @Test func duplicateExplicitSecretsAreRefused() {
        let secret = deriver.derive(name: "a", rotate: 0)
        #expect(throws: DuplicateSecretError.self) {
            try ConfigBuilder(now: now).users(of: state([UserSpec(name: "a"), UserSpec(name: "b", secret: secret)]), deriver: deriver)
        }
    }
}
