@testable import Daemon
import Foundation
import StatsSink
import Testing

struct NotificationTextTests {
    static func event(_ kind: String, fields: [String: String] = [:]) -> OutboxEvent {
        let base = ["reason": "used 50.2 GiB of 50 GiB in 2026-12 (UTC)", "used": "50.2 GiB", "limit": "50 GiB", "from": "limited",
                    "threshold": "80%", "expire": "2027-01-01 00:00 UTC", "error": "users.yaml:3:5: error: bad", "failures": "3",
                    "since": "2026-12-02 10:00 UTC", "settings": "server.port", "revision": "0123456789ab"]
        return OutboxEvent(key: "k", node: "eu-1", kind: kind, user: "alice", fields: base.merging(fields) { _, new in new }, created: Date())
    }

    @Test func everyKindHasATextInBothLanguagesNamingTheNodeWithoutPlaceholders() {
        for kind in NotificationText.kinds {
            for language in NotificationLanguage.allCases {
                let text = NotificationText.render(Self.event(kind), language: language)
                #expect(text.contains("eu-1"), "\(kind) \(language): \(text)")
                #expect(!text.contains("?"), "a field is missing: \(text)")
                #expect(!text.hasPrefix(kind), "\(kind) has a template in \(language)")
            }
        }
        #expect(NotificationText.render(Self.event("limited"), language: .ru).contains("ограничен"))
        #expect(NotificationText.render(Self.event("usage_threshold"), language: .en).contains("80%"))
    }

    @Test func linksAndSecretsInAnErrorNeverReachAMessage() {
        let error = "ssh://git@github.com/acme/users.git: error: key 0123456789abcdef0123456789abcdef0123 rejected; git@github.com:acme/x.git"
        for language in NotificationLanguage.allCases {
            let text = NotificationText.render(Self.event("reconcile_failing", fields: ["error": error]), language: language)
            #expect(!text.contains("://") && !text.contains("github.com") && !text.contains("0123456789abcdef0123456789abcdef"), "\(text)")
            #expect(text.contains("rejected"))
        }
    }

    @Test func aTextIsCappedAtAThousandCharacters() {
        let text = NotificationText.render(Self.event("reconcile_failing", fields: ["error": String(repeating: "word ", count: 1_000)]), language: .en)
        #expect(text.count == 1_000)
    }
}
