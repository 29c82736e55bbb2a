import Reconciler

/// Where notifications may go (``NotificationSettings/allowsOutbound(_:)``, which the settings
/// check with their file and line); checked again by each sink, which tests build directly.
enum OutboundURL {
    static func check(_ text: String, setting: String) throws(DaemonError) {
        guard NotificationSettings.allowsOutbound(text) else {
            throw DaemonError(.settings, "`\(setting)` must be an https URL (plain http only to 127.0.0.1)",
                              hint: "notifications name your users: send them encrypted")
        }
    }
}
