import Foundation
import Testing
@testable import telemt_gitops

/// One line of the `Examples:` block in a subcommand's help, read the way a shell reads it: words
/// split at spaces (no quoting), an optional `| pager`, an optional `# comment`.
struct HelpExample: Sendable, CustomTestStringConvertible {
    /// The subcommand whose help shows the example.
    let command: String
    /// The line as printed, without its indentation.
    let line: String
    /// The words before any `|` or `#`, `telemt-gitops` first.
    let words: [String]
    /// The program standard output is piped into, if any.
    let pager: String?
    /// The exit status the comment documents (`# exit status 2 …`), else 0.
    let expectedStatus: Int32

    var testDescription: String { line }

    init(command: String, line: String) {
        self.command = command
        self.line = line.trimmingCharacters(in: .whitespaces)
        let (code, comment) = Self.split(self.line, at: " #")
        let (run, pipe) = Self.split(code, at: " | ")
        words = run.split(separator: " ").map(String.init)
        pager = pipe?.trimmingCharacters(in: .whitespaces)
        expectedStatus = comment?.firstMatch(of: /exit status (\d+)/).flatMap { Int32($0.1) } ?? 0
    }

    /// The text before the first `separator` and, when there is one, the text after it.
    private static func split(_ text: String, at separator: String) -> (String, String?) {
        guard let range = text.range(of: separator) else { return (text, nil) }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }

    /// Each subcommand's name and the examples its help shows, in the order `--help` lists them.
    static let byCommand: [(command: String, examples: [HelpExample])] = TelemtGitops.configuration.subcommands.map { type in
        let name = type.configuration.commandName ?? "\(type)"
        return (name, block(type.configuration.discussion).map { HelpExample(command: name, line: $0) })
    }

    /// Every example of every subcommand.
    static let all: [HelpExample] = byCommand.flatMap(\.examples)

    /// The indented lines under a line `Examples:`, up to the first line that is not indented.
    static func block(_ discussion: String) -> [String] {
        let lines = discussion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "Examples:" }) else { return [] }
        return lines[(start + 1)...].prefix { $0.hasPrefix("  ") }.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Whether the example reads telemt: a scrape, `usage` (of what scrapes recorded), or a plan or
    /// reconcile on the host that does not say --no-telemt.
    var needsTelemt: Bool {
        switch command {
        case "scrape", "usage": true
        case "plan", "reconcile": !words.contains("--no-telemt") && !words.contains("--from-status")
        default: false
        }
    }
}

/// An example run once in a fresh ExampleHost: what it printed, and the command line as it ran.
struct ExampleRun {
    let result: CLI.Result
    /// `telemt-gitops` and the arguments after the replacements, for failure messages.
    let ran: String

    init(_ example: HelpExample) throws {
        let host = try ExampleHost(for: example)
        let arguments = host.arguments(example)
        // `run` does not end by itself: it is stopped with SIGTERM after some ticks, as an operator would.
        let stop = example.command == "run" ? 4.0 : nil
        result = try CLI.run(arguments, in: host.checkout, environment: host.environment, terminateAfter: stop)
        ran = "telemt-gitops \(arguments.joined(separator: " "))"
    }

    /// Standard output, then standard error.
    var output: String { result.stdout + result.stderr }

    /// The lines of the output that report an error.
    var errors: [String] {
        output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("error:") || $0.contains(": error:") }
    }
}
