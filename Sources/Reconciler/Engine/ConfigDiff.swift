/// A line diff of two `config.toml` texts with every secret masked: values in `[access.users]` are
/// shown as `"<secret>"`, so a plan can be posted anywhere. Long common runs are elided.
///
/// Works on line offsets, not strings: the configs of 100,000 users have half a million lines, of
/// which a change touches a few in each managed table. Each table is diffed on its own (common
/// prefix and suffix, then a greedy middle), and text is made only for the lines printed.
public struct ConfigDiff: Sendable, Equatable {
    /// Diff lines: `+ …`, `- …`, `  …` (context) and `@@ …` (elided run).
    public var lines: [String]

    /// Whether the texts differ.
    public var isEmpty: Bool { !lines.contains { $0.hasPrefix("+") || $0.hasPrefix("-") } }

    /// The diff of `old` (nil: no file yet) and `new`, with `context` lines around changes.
    public init(old: [UInt8]?, new: [UInt8], context: Int = 2, maxLines: Int = 2_000) {
        let a = ConfigLines(old ?? []), b = ConfigLines(new)
        var script: [ConfigDiffStep] = []
        let limit = maxLines * 4
        if a.sections.map({ a.line($0.lowerBound) }) == b.sections.map({ b.line($0.lowerBound) }) {
            for (rangeA, rangeB) in zip(a.sections, b.sections) where script.count < limit {
                Self.script(a, rangeA, b, rangeB, limit: limit, into: &script)
            }
        } else {
            Self.script(a, 0..<a.count, b, 0..<b.count, limit: limit, into: &script)
        }
        lines = Self.withContext(Self.merged(script), a: a, b: b, context: context, maxLines: maxLines)
    }

    /// Common prefix and suffix of the two ranges, then a greedy middle: a line missing from the
    /// other side is removed or added, else the old line goes first.
    static func script(_ a: ConfigLines, _ rangeA: Range<Int>, _ b: ConfigLines, _ rangeB: Range<Int>, limit: Int,
                       into script: inout [ConfigDiffStep]) {
        var i = rangeA.lowerBound, j = rangeB.lowerBound, endA = rangeA.upperBound, endB = rangeB.upperBound
        while i < endA, j < endB, a.line(i) == b.line(j) { i += 1; j += 1 }
        if i > rangeA.lowerBound { script.append(.same(a: rangeA.lowerBound, b: rangeB.lowerBound, count: i - rangeA.lowerBound)) }
        var suffix = 0
        while endA > i, endB > j, a.line(endA - 1) == b.line(endB - 1) { endA -= 1; endB -= 1; suffix += 1 }
        let inA = Set((i..<endA).map(a.line)), inB = Set((j..<endB).map(b.line))
        while i < endA || j < endB, script.count < limit {
            if i < endA, j < endB, a.line(i) == b.line(j) {
                script.append(.same(a: i, b: j, count: 1)); i += 1; j += 1
            } else if i < endA, j >= endB || !inB.contains(a.line(i)) {
                script.append(.removed(i)); i += 1
            } else if j < endB, i >= endA || !inA.contains(b.line(j)) {
                script.append(.added(j)); j += 1
            } else {
                script.append(.removed(i)); i += 1
            }
        }
        if suffix > 0, script.count < limit { script.append(.same(a: endA, b: endB, count: suffix)) }
    }

    /// The script with adjacent runs of equal lines joined.
    static func merged(_ script: [ConfigDiffStep]) -> [ConfigDiffStep] {
        var result: [ConfigDiffStep] = []
        for step in script {
            if case .same(let a, let b, let count) = step, case .same(let startA, let startB, let previous)? = result.last,
               startA + previous == a, startB + previous == b {
                result[result.count - 1] = .same(a: startA, b: startB, count: previous + count)
            } else {
                result.append(step)
            }
        }
        return result
    }

    /// The printed lines: every change with `context` unchanged lines around it, longer unchanged
    /// runs as `@@ N unchanged lines @@`, cut at `maxLines`.
    static func withContext(_ script: [ConfigDiffStep], a: ConfigLines, b: ConfigLines, context: Int, maxLines: Int) -> [String] {
        guard script.contains(where: { if case .same = $0 { false } else { true } }) else { return [] }
        var lines: [String] = []
        for (index, step) in script.enumerated() {
            switch step {
            case .removed(let line): lines.append("- " + a.masked(line))
            case .added(let line): lines.append("+ " + b.masked(line))
            case .same(let start, _, let count):
                let head = index > 0 ? min(context, count) : 0
                let tail = index + 1 < script.count ? min(context, count - head) : 0
                for offset in 0..<head { lines.append("  " + a.masked(start + offset)) }
                if count - head - tail > 0 { lines.append("@@ \(count - head - tail) unchanged lines @@") }
                for offset in (count - tail)..<count { lines.append("  " + a.masked(start + offset)) }
            }
            if lines.count >= maxLines { return Array(lines.prefix(maxLines)) + ["@@ diff cut at \(maxLines) lines @@"] }
        }
        return lines
    }
}

/// One step of a config diff's edit script.
enum ConfigDiffStep {
    /// `count` equal lines from line `a` of the old text and line `b` of the new one.
    case same(a: Int, b: Int, count: Int)
    case removed(Int)
    case added(Int)
}
