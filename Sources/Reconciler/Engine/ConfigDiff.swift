/// A line diff of two `config.toml` texts with every secret masked: values in `[access.users]` are
/// shown as `"<secret>"`, so a plan can be posted anywhere. Long common runs are elided.
public struct ConfigDiff: Sendable, Equatable {
    /// Diff lines: `+ …`, `- …`, `  …` (context) and `@@ …` (elided run).
    public var lines: [String]

    /// Whether the texts differ.
    public var isEmpty: Bool { !lines.contains { $0.hasPrefix("+") || $0.hasPrefix("-") } }

    /// The diff of `old` (nil: no file yet) and `new`, with `context` lines around changes.
    public init(old: [UInt8]?, new: [UInt8], context: Int = 2, maxLines: Int = 2_000) {
        let before = Self.masked(old ?? [])
        let after = Self.masked(new)
        var script = Self.script(before, after)
        if script.count > maxLines * 4 { script = Array(script.prefix(maxLines * 4)) }
        lines = Self.withContext(script, context: context, maxLines: maxLines)
    }

    /// Lines of a config with `[access.users]` values replaced.
    static func masked(_ bytes: [UInt8]) -> [String] {
        var inUsers = false
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map { raw in
            let line = String(raw)
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") { inUsers = trimmed.hasPrefix("[access.users]") }
            guard inUsers, !trimmed.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { return line }
            return line[..<equals] + "= \"<secret>\""
        }
    }

    /// An edit script by common prefix/suffix and a greedy middle (configs change in few places;
    /// the managed tables are sorted, so runs line up).
    static func script(_ a: [String], _ b: [String]) -> [(Character, String)] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var result = a[..<prefix].map { (Character(" "), $0) }
        let middleA = Array(a[prefix..<(a.count - suffix)]), middleB = Array(b[prefix..<(b.count - suffix)])
        let inB = Set(middleB), inA = Set(middleA)
        var i = 0, j = 0
        while i < middleA.count || j < middleB.count {
            if i < middleA.count, j < middleB.count, middleA[i] == middleB[j] {
                result.append((" ", middleA[i])); i += 1; j += 1
            } else if i < middleA.count, !inB.contains(middleA[i]) || j >= middleB.count {
                result.append(("-", middleA[i])); i += 1
            } else if j < middleB.count, !inA.contains(middleB[j]) || i >= middleA.count {
                result.append(("+", middleB[j])); j += 1
            } else {
                result.append(("-", middleA[i])); i += 1
            }
        }
        result += a[(a.count - suffix)...].map { (Character(" "), $0) }
        return result
    }

    static func withContext(_ script: [(Character, String)], context: Int, maxLines: Int) -> [String] {
        let changed = script.indices.filter { script[$0].0 != " " }
        guard !changed.isEmpty else { return [] }
        var keep = Set<Int>()
        for index in changed { for near in max(0, index - context)...min(script.count - 1, index + context) { keep.insert(near) } }
        var lines: [String] = []
        var skipped = 0
        for index in script.indices {
            guard keep.contains(index) else { skipped += 1; continue }
            if skipped > 0 { lines.append("@@ \(skipped) unchanged lines @@"); skipped = 0 }
            lines.append("\(script[index].0) \(script[index].1)")
            if lines.count >= maxLines { lines.append("@@ diff cut at \(maxLines) lines @@"); return lines }
        }
        if skipped > 0 { lines.append("@@ \(skipped) unchanged lines @@") }
        return lines
    }
}
