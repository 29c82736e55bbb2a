import Foundation
public import StatsSink

/// The Telegram Bot API's `sendMessage` to one chat: plain text, no link previews; `429` is retried
/// after its `retry_after`, 5xx and network failures with backoff; a refused chat (400, 403) gives
/// the event up; a wrong token (401, 404) keeps events waiting until the token is fixed.
public struct TelegramSink: NotificationSink {
    public let name: String
    private let chat: String
    private let endpoint: String
    private let http: OutboundHTTP

    /// A sink for `chat` through the Bot API at `base` (https, or http on loopback only).
    public init(base: String, token: SecretFile, chat: String, http: OutboundHTTP) throws(DaemonError) {
        try OutboundURL.check(base, setting: "notify.telegram.api_url")
        name = "telegram:" + chat
        self.chat = chat
        endpoint = base.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/bot" + token.text + "/sendMessage"
        self.http = http
    }

    public func deliver(_ entry: OutboxEntry, text: String) async -> DeliveryResult {
        let chatID: Any = Int64(chat).map { $0 as Any } ?? chat
        let message: [String: Any] = ["chat_id": chatID, "text": text, "link_preview_options": ["is_disabled": true]]
        guard let body = try? JSONSerialization.data(withJSONObject: message, options: [.sortedKeys]) else {
            return .rejected(reason: "the message could not be encoded")
        }
        do {
            let answer = try await http.post(endpoint, headers: [], body: Array(body))
            return Self.judge(answer)
        } catch {
            return .retry(after: nil, reason: error.reason)
        }
    }

    /// What an answer of the Bot API means.
    static func judge(_ answer: OutboundHTTP.Answer) -> DeliveryResult {
        let object = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any]
        let description = (object?["description"] as? String).map { String($0.prefix(200)) } ?? "HTTP \(answer.status)"
        switch answer.status {
        case 200..<300 where object?["ok"] as? Bool == true:
            return .delivered
        case 429:
            // As a Double: `intValue` of a number beyond Int64 wraps (1e30 became Int.min, so 1 s).
            let asked = ((object?["parameters"] as? [String: Any])?["retry_after"] as? NSNumber)?.doubleValue ?? 5
            let seconds = asked.isNaN ? 5 : Int64(min(max(asked, 1), 3_600))
            return .retry(after: .seconds(seconds), reason: "429: \(description)")
        case 401, 404:
            return .retry(after: .seconds(300), reason: "\(answer.status): \(description); check notify.telegram.token_file")
        case 400..<500:
            return .rejected(reason: "\(answer.status): \(description); check notify.telegram.chats")
        default:
            return .retry(after: nil, reason: "\(answer.status): \(description)")
        }
    }
}
