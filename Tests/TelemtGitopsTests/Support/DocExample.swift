import Foundation
import Testing

/// One `telemt-gitops` command line in a fenced code block of README.md or docs/*.md, with the
/// output the docs show after it.
///
/// How a block is read:
/// - A line inside ``` fences whose text starts with `telemt-gitops ` or `$ telemt-gitops ` is an
///   example; a line ending in `\` goes on with the next line, joined with one space.
/// - It is run like a help example (HelpExample: words split at spaces, `| pager`, and
///   `# exit status N` in a comment for a status other than 0).
/// - After a `$ ` command, the lines up to the next `$ ` line or the end of the block are the output
///   the docs show. Each shown line that is not blank must be a line of the real output (standard
///   output or standard error, trailing spaces ignored). A `…` in a shown line stands for any text,
///   so that the docs can leave out what depends on time, secrets, paths or the host; a line that
///   is only `…` stands for lines left out. Lines of the real output that the docs leave out are
///   not checked, except `error:` lines: the docs must show every error an example prints.
struct DocExample: Sendable, CustomTestStringConvertible {
    /// The file, relative to the repository root, and the line the command starts on.
    let file: String
    let lineNumber: Int
    /// The command line, without `$ ` and with continuations joined.
    let line: String
    /// The lines the docs show after the command.
    let shownOutput: [String]

    var location: String { "\(file):\(lineNumber)" }
    var testDescription: String { "\(location): \(line)" }

    /// How the example is run: as a help example of its subcommand.
    var run: HelpExample {
        HelpExample(command: line.split(separator: " ").dropFirst().first.map(String.init) ?? "", line: line)
    }

    /// The examples of one Markdown text, in order.
    static func collect(_ markdown: String, file: String) -> [DocExample] {
        var reader = BlockReader(file: file)
        for (index, text) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            reader.read(String(text), at: index + 1)
        }
        reader.endCommand()
        return reader.examples
    }

    /// The Markdown files whose examples run: README.md and docs/*.md, relative to the repository root.
    static let files: [String] = {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: CLI.root + "/docs")) ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }()

    /// Every example of every file in `files`.
    static let found: [DocExample] = files.flatMap { file in
        collect((try? String(contentsOfFile: CLI.root + "/" + file, encoding: .utf8)) ?? "", file: file)
    }

    /// The examples that cannot run offline (the internet, a real telemt, systemd) or do not end by
    /// themselves (`run`), by command line, with the reason. Every other example runs, so a new one in
    /// the docs runs unless it is added here. None needs it now: ExampleHost stands in for the host,
    /// telemt and the remotes the examples name.
    static let exempt: [String: String] = [:]

    /// The examples that run: `found` without the exempt ones.
    static let all: [DocExample] = running(found, except: exempt)

    /// `examples` without those whose command line is a key of `exempt`.
    static func running(_ examples: [DocExample], except exempt: [String: String]) -> [DocExample] {
        examples.filter { exempt[$0.line] == nil }
    }

    /// The exempt command lines that none of `examples` has (the docs changed), sorted.
    static func stale(_ exempt: [String: String], in examples: [DocExample]) -> [String] {
        exempt.keys.filter { line in !examples.contains { $0.line == line } }.sorted()
    }

    /// Whether a shown line matches a real one: equal, or with `…` standing for any text.
    static func shown(_ shown: String, matches real: String) -> Bool {
        let pieces = shown.trimmingTrailingSpaces.components(separatedBy: "…")
        let real = real.trimmingTrailingSpaces
        guard let first = pieces.first, let last = pieces.last, pieces.count > 1 else { return real == shown.trimmingTrailingSpaces }
        guard real.count >= first.count + last.count, real.hasPrefix(first), real.hasSuffix(last) else { return false }
        var rest = real.dropFirst(first.count).dropLast(last.count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }

    /// The shown lines (not blank, not only `…`) that no line of `output` matches.
    func missing(from output: String) -> [String] {
        let real = output.split(separator: "\n").map(String.init)
        return shownOutput.filter { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            return !text.isEmpty && text != "…" && !real.contains { Self.shown(line, matches: $0) }
        }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}

/// Reads Markdown line by line and collects the examples of its fenced code blocks.
private struct BlockReader {
    let file: String
    var examples: [DocExample] = []
    private var inBlock = false
    private var command: (line: Int, text: String, prompt: Bool, continued: Bool)?
    private var output: [String] = []

    init(file: String) { self.file = file }

    mutating func read(_ text: String, at number: Int) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("```") {
            endCommand()
            inBlock.toggle()
        } else if inBlock, let current = command, current.continued {
            continueCommand(trimmed)
        } else if inBlock {
            readInBlock(trimmed, text: text, at: number)
        }
    }

    private mutating func readInBlock(_ trimmed: String, text: String, at number: Int) {
        let prompt = trimmed.hasPrefix("$ ")
        let line = prompt ? String(trimmed.dropFirst(2)).trimmingCharacters(in: .whitespaces) : trimmed
        if line.hasPrefix("telemt-gitops ") {
            endCommand()
            command = (number, "", prompt, false)
            continueCommand(line)
        } else if prompt || command?.prompt != true {
            endCommand()
        } else {
            output.append(text)
        }
    }

    private mutating func continueCommand(_ text: String) {
        guard var current = command else { return }
        current.continued = text.hasSuffix("\\")
        let part = current.continued ? String(text.dropLast()).trimmingCharacters(in: .whitespaces) : text
        current.text += (current.text.isEmpty ? "" : " ") + part
        command = current
    }

    mutating func endCommand() {
        if let current = command {
            examples.append(DocExample(file: file, lineNumber: current.line, line: current.text, shownOutput: output))
        }
        command = nil
        output = []
    }
}
