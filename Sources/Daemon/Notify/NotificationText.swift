public import StatsSink

/// One template per event kind and language. The fields are names, states, sizes and times; every
/// text is scrubbed of anything that looks like a link or a secret before it leaves the host.
public enum NotificationText {
    /// The event kinds that have a text (transitions by their new state).
    public static let kinds = ["active", "limited", "expired", "disabled", "on_hold", "usage_threshold", "expiring_soon",
                               "reconcile_failing", "reconcile_recovered", "drift_healed", "restart_needed", "reload_unconfirmed"]

    /// The message for `event` in `language`, at most 1,000 characters.
    public static func render(_ event: OutboxEvent, language: NotificationLanguage) -> String {
        let field = { (name: String) in event.fields[name] ?? "?" }
        let user = event.user ?? "?", node = event.node
        let text = switch language {
        case .en: english(event.kind, user: user, node: node, field: field)
        case .ru: russian(event.kind, user: user, node: node, field: field)
        }
        return String(scrub(text).prefix(1_000))
    }

    private static func english(_ kind: String, user: String, node: String, field: (String) -> String) -> String {
        switch kind {
        case "active": "\(user) is active again on \(node) (was \(field("from").replacingOccurrences(of: "_", with: " ")))."
        case "limited": "\(user) is limited on \(node): \(field("reason"))."
        case "expired": "\(user) expired on \(node): \(field("reason"))."
        case "disabled": "\(user) is disabled on \(node)."
        case "on_hold": "\(user) is on hold on \(node): \(field("reason"))."
        case "usage_threshold": "\(user) used \(field("threshold")) of the limit on \(node): \(field("used")) of \(field("limit"))."
        case "expiring_soon": "\(user) expires \(field("expire")) (on \(node))."
        case "reconcile_failing": "Reconcile is failing on \(node): \(field("error")). The last good config keeps serving."
        case "reconcile_recovered": "Reconcile on \(node) works again after \(field("failures")) failed ticks since \(field("since"))."
        case "drift_healed": "config.toml on \(node) was changed outside telemt-gitops and has been restored."
        case "restart_needed": "telemt on \(node) needs a restart to apply: \(field("settings"))."
        case "reload_unconfirmed": "telemt on \(node) did not confirm reloading revision \(field("revision")); it may have refused the config (see telemt's log)."
        default: "\(kind) on \(node)."
        }
    }

    private static func russian(_ kind: String, user: String, node: String, field: (String) -> String) -> String {
        switch kind {
        case "active": "\(user) снова активен на \(node) (был: \(stateRU(field("from"))))."
        case "limited": "\(user) ограничен на \(node): израсходовано \(field("used")) из \(field("limit"))."
        case "expired": "Срок действия \(user) на \(node) истёк (\(field("expire")))."
        case "disabled": "\(user) отключён на \(node)."
        case "on_hold": "\(user) на паузе на \(node)."
        case "usage_threshold": "\(user) израсходовал \(field("threshold")) лимита на \(node): \(field("used")) из \(field("limit"))."
        case "expiring_soon": "Срок действия \(user) на \(node) истекает \(field("expire"))."
        case "reconcile_failing": "Синхронизация на \(node) не проходит: \(field("error")). Работает последняя исправная конфигурация."
        case "reconcile_recovered": "Синхронизация на \(node) снова работает после неудачных попыток: \(field("failures")) (с \(field("since")))."
        case "drift_healed": "config.toml на \(node) был изменён в обход telemt-gitops и восстановлен."
        case "restart_needed": "telemt на \(node) нужно перезапустить, чтобы применить: \(field("settings"))."
        case "reload_unconfirmed": "telemt на \(node) не подтвердил перезагрузку ревизии \(field("revision")); возможно, конфигурация отклонена (см. журнал telemt)."
        default: "\(kind) на \(node)."
        }
    }

    private static func stateRU(_ state: String) -> String {
        ["active": "активен", "limited": "ограничен", "expired": "истёк", "disabled": "отключён", "on_hold": "на паузе"][state] ?? state
    }

    /// Replaces words that are links (`scheme://…`, `user@host:path`) and runs of 32 or more hex
    /// digits (keys, secrets) — the only places an error message could carry one.
    static func scrub(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word -> Substring in
            if word.contains("://") || (word.contains("@") && word.contains(":")) { return "[link removed]" }
            return maskHex(word)
        }.joined(separator: " ")
    }

    private static func maskHex(_ word: Substring) -> Substring {
        var run = 0, longest = 0
        for character in word.unicodeScalars {
            run = character.properties.isASCIIHexDigit ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest >= 32 ? "[secret removed]" : word
    }
}
