import Foundation

/// `notify.*` and `webhooks.*` typed: where notifications go and how webhooks are signed. The files
/// named here hold secrets; only their paths are settings.
public struct NotificationSettings: Sendable, Equatable {
    /// `notify.telegram.token_file`: the bot token.
    public var telegramTokenFile: String?
    /// `notify.telegram.chats`: the chat ids messages go to.
    public var telegramChats: [String] = []
    /// `notify.telegram.api_url`: the Bot API's base URL (https://api.telegram.org).
    public var telegramAPI = "https://api.telegram.org"
    /// `notify.webhook.url`: a JSON webhook.
    public var webhookURL: String?
    /// `notify.webhook.secret_file`: its HMAC-SHA256 signing secret.
    public var webhookSecretFile: String?
    /// `webhooks.secret_file`: the secret incoming git webhooks are signed with.
    public var incomingSecretFile: String?

    /// Creates settings.
    public init(telegramTokenFile: String? = nil, telegramChats: [String] = [], telegramAPI: String = "https://api.telegram.org",
                webhookURL: String? = nil, webhookSecretFile: String? = nil, incomingSecretFile: String? = nil) {
        self.telegramTokenFile = telegramTokenFile
        self.telegramChats = telegramChats
        self.telegramAPI = telegramAPI
        self.webhookURL = webhookURL
        self.webhookSecretFile = webhookSecretFile
        self.incomingSecretFile = incomingSecretFile
    }

    /// Whether notifications may go to `url`: https with a host, or plain http to this host only.
    public static func allowsOutbound(_ url: String) -> Bool {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty else { return false }
        return scheme == "https" || (scheme == "http" && ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host))
    }

    /// Whether any sink is configured: only then do ticks add events to the outbox.
    public var hasSinks: Bool { (telegramTokenFile != nil && !telegramChats.isEmpty) || webhookURL != nil }
}

extension NotificationSettings {
    /// Reads the settings; a Telegram token without chats (or the reverse) is refused.
    static func read(_ read: SettingReader) throws(ConfigurationError) -> NotificationSettings {
        var settings = NotificationSettings(
            telegramTokenFile: try read.text("notify.telegram.token_file"), telegramChats: read.list("notify.telegram.chats", default: []),
            webhookURL: try read.text("notify.webhook.url"), webhookSecretFile: try read.text("notify.webhook.secret_file"),
            incomingSecretFile: try read.text("webhooks.secret_file")
        )
        settings.telegramAPI = try read.text("notify.telegram.api_url", default: settings.telegramAPI)
        if (settings.telegramTokenFile == nil) != settings.telegramChats.isEmpty {
            let path = settings.telegramTokenFile == nil ? "notify.telegram.chats" : "notify.telegram.token_file"
            throw ConfigurationError(.invalidValue, at: read.origin(path), "`notify.telegram` needs both `token_file` and `chats`",
                                     hint: "set notify.telegram.token_file to the bot token's file and notify.telegram.chats to chat ids")
        }
        if let bad = settings.telegramChats.first(where: { Int64($0) == nil && !$0.hasPrefix("@") }) {
            throw ConfigurationError(.invalidValue, at: read.origin("notify.telegram.chats"), "`notify.telegram.chats`: `\(bad)` is not a chat id",
                                     hint: "a chat id is a number like -1001234567890 (or @channelname)")
        }
        for (path, url) in [("notify.telegram.api_url", settings.telegramAPI), ("notify.webhook.url", settings.webhookURL ?? "https://x")]
        where !Self.allowsOutbound(url) {
            throw ConfigurationError(.invalidValue, at: read.origin(path), "`\(path)` must use https (plain http only to 127.0.0.1)",
                                     hint: "notifications name your users: send them encrypted")
        }
        if settings.webhookURL != nil, settings.webhookSecretFile == nil {
            throw ConfigurationError(.invalidValue, at: read.origin("notify.webhook.url"), "`notify.webhook.url` needs `notify.webhook.secret_file`",
                                     hint: "every notification is signed; write a secret to a 0600 file and name it there")
        }
        return settings
    }
}
