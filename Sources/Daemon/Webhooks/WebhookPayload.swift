import Foundation

/// What a verified webhook body says, in the fields GitHub, Gitea, Forgejo and GitLab share.
enum WebhookPayload: Equatable {
    /// A push: the ref (`refs/heads/main`) and the new tip, when given.
    case push(ref: String, after: String?)
    /// Another event (a ping, an issue): acknowledged, ignored.
    case other

    /// The payload, or nil when the body is not a JSON object.
    static func parse(_ body: [UInt8]) -> WebhookPayload? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body), options: []) as? [String: Any] else { return nil }
        guard let ref = object["ref"] as? String else { return .other }
        return .push(ref: String(ref.prefix(300)), after: (object["after"] as? String).map { String($0.prefix(64)).lowercased() })
    }
}
