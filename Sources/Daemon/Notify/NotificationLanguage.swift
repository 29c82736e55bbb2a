/// The language of notification texts (`notify.language`).
public enum NotificationLanguage: String, Sendable, CaseIterable {
    /// English.
    case en
    /// Russian.
    case ru
}
