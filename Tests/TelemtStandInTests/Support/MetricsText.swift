import Foundation

/// A `/metrics` body split into its sample lines (`series -> value text`) and comment lines,
/// checked line by line against the exposition format telemt prints.
struct MetricsText {
    /// `name{labels}` (exactly as printed) to the value text.
    var samples: [String: String] = [:]
    /// Sample series in the order printed.
    var order: [String] = []
    /// `# TYPE` declarations: family to type.
    var types: [String: String] = [:]
    var helps: Set<String> = []
    /// Lines that are neither comments nor `series value`.
    var malformed: [String] = []

    init(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) where !line.isEmpty {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                if parts.count == 4 { types[String(parts[2])] = String(parts[3]) } else { malformed.append(line) }
            } else if line.hasPrefix("# HELP ") {
                helps.insert(String(line.split(separator: " ")[2]))
            } else if let space = line.lastIndex(of: " ") {
                let series = String(line[..<space])
                let value = String(line[line.index(after: space)...])
                if Double(value) == nil || samples[series] != nil { malformed.append(line) }
                samples[series] = value
                order.append(series)
            } else {
                malformed.append(line)
            }
        }
    }

    /// The family of a series: its name before `{`.
    static func family(_ series: String) -> String {
        String(series.prefix { $0 != "{" })
    }

    /// `telemt_uptime_seconds`, -1 when missing.
    var uptime: Double { samples["telemt_uptime_seconds"].flatMap(Double.init) ?? -1 }

    /// The value of `telemt_<name>{user="<user>"}`.
    func user(_ name: String, _ user: String) -> String? {
        samples["telemt_\(name){user=\"\(user)\"}"]
    }

    /// Users labelled in family `telemt_<name>`, in the order printed.
    func users(_ name: String) -> [String] {
        let prefix = "telemt_\(name){user=\""
        return order.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count).dropLast(2)) }
    }

    /// Samples printed before their family's `# TYPE` line, or of a family without one.
    func untyped(in text: String) -> [String] {
        var declared: Set<String> = []
        var missing: [String] = []
        for line in text.split(separator: "\n").map(String.init) {
            if line.hasPrefix("# TYPE ") {
                declared.insert(String(line.split(separator: " ")[2]))
            } else if !line.hasPrefix("#"), let space = line.lastIndex(of: " ") {
                let family = Self.family(String(line[..<space]))
                if !declared.contains(family) { missing.append(line) }
            }
        }
        return missing
    }
}
