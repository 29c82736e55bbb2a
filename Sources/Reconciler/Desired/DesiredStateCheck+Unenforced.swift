public import Spec

extension DesiredStateCheck {
    /// `on_hold`, `data_limit` and `reset` are enforced by the engine (`reconcile`), from recorded
    /// traffic; `render` alone renders the spec without it. One warning per field kind, naming how
    /// many users have it, so nobody believes a bare render cuts anyone off.
    public static func unenforcedFieldWarnings(_ state: DesiredState, path: String) -> [String] {
        let users = state.users
        let fields: [(name: String, count: Int, effect: String)] = [
            ("data_limit", users.filter { $0.dataLimit != .unlimited }.count, "nobody is cut off at the limit"),
            ("reset", users.filter { $0.reset != .none }.count, "no usage period is reset"),
            ("on_hold", users.filter { $0.onHold != nil }.count, "no expiry clock is started at first connection"),
        ]
        return fields.filter { $0.count > 0 }.map { field in
            "\(path): warning: `\(field.name)` is set for \(field.count) user\(field.count == 1 ? "" : "s") "
                + "but `render` does not enforce it: \(field.effect); `telemt-gitops reconcile --once` does"
        }
    }
}
