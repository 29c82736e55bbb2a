import Foundation

extension TemplateValidator {
    /// `[access]` scalar settings telemt validates.
    func accessSettings(_ document: TOMLDocument) -> [TemplateDiagnostic] {
        var result: [TemplateDiagnostic] = []
        let access = ["access"]
        if let window = document[access + ["user_max_unique_ips_window_secs"]], (window.integerValue ?? 0) <= 0 {
            result.append(diagnostic(.error, .accessSetting, document, at: access + ["user_max_unique_ips_window_secs"],
                "user_max_unique_ips_window_secs must be an integer > 0; telemt refuses the config", fix: "set it to 30 (the default) or more"))
        }
        if let mode = document[access + ["user_max_unique_ips_mode"]],
           !["active_window", "time_window", "combined"].contains(mode.stringValue ?? "") {
            result.append(diagnostic(.error, .accessSetting, document, at: access + ["user_max_unique_ips_mode"],
                "user_max_unique_ips_mode must be \"active_window\", \"time_window\" or \"combined\"; telemt refuses the config",
                fix: "use one of the three values"))
        }
        for key in ["user_max_tcp_conns_global_each", "user_max_unique_ips_global_each", "replay_check_len", "replay_window_secs"] {
            if let value = document[access + [key]], (value.integerValue ?? -1) < 0 {
                result.append(diagnostic(.error, .accessSetting, document, at: access + [key],
                    "\(key) must be an integer ≥ 0; telemt refuses the config", fix: "write a non-negative integer"))
            }
        }
        return result
    }

    /// Per-user tables telemt-gitops does not manage are kept verbatim: their entries are not
    /// updated when users are renamed or removed.
    func unmanagedPerUserTables(_ document: TOMLDocument) -> [TemplateDiagnostic] {
        ["user_ad_tags", "user_source_deny", "user_rate_limits"].compactMap { key in
            guard let table = document[["access", key]]?.tableValue, !table.entries.isEmpty else { return nil }
            return diagnostic(.warning, .unmanagedPerUserTable, document, at: ["access", key],
                "[access.\(key)] names users but is not managed by telemt-gitops; its entries stay as written "
                    + "when users are renamed or removed",
                fix: "keep it in step with users.yaml by hand, or remove it")
        }
    }

    /// telemt expands `include = "file"` lines before parsing; the included file is invisible to
    /// us and may define managed tables (telemt would then reject the config as a duplicate).
    func includes(_ document: TOMLDocument) -> [TemplateDiagnostic] {
        var result: [TemplateDiagnostic] = []
        var lineStart = 0
        let bytes = document.bytes
        let keyword = Array("include".utf8)
        // Works on bytes: a host config used as template has one line per user and table.
        func skipBlanks(_ index: Int, _ end: Int) -> Int {
            var index = index
            while index < end, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
            return index
        }
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let keyStart = skipBlanks(lineStart, lineEnd)
            let afterKey = keyStart + keyword.count
            if afterKey <= lineEnd, bytes[keyStart..<afterKey].elementsEqual(keyword),
               case let equals = skipBlanks(afterKey, lineEnd), equals < lineEnd, bytes[equals] == UInt8(ascii: "=") {
                result.append(TemplateDiagnostic(
                    severity: .warning, rule: .include, location: document.location(ofOffset: lineStart),
                    message: "telemt includes another file here before parsing; telemt-gitops cannot check it",
                    fix: "make sure the included file defines no [access.*] table telemt-gitops manages, or inline it"))
            }
            lineStart = lineEnd + 1
        }
        return result
    }
}
