import Foundation
import Testing

/// Every example in the subcommands' `--help` runs as printed, in a sandbox shaped like the host it
/// assumes (ExampleHost says what is replaced and why), and ends the way it is documented to.
@Suite struct HelpExamplesTests {
    /// A command without examples fails here: each subcommand shows at least one, of itself.
    @Test func everySubcommandShowsExamplesOfItself() {
        #expect(!HelpExample.byCommand.isEmpty, "the subcommands are read from TelemtGitops.configuration")
        for (command, examples) in HelpExample.byCommand {
            #expect(!examples.isEmpty, "`telemt-gitops \(command) --help` has no Examples: block")
            for example in examples {
                #expect(Array(example.words.prefix(2)) == ["telemt-gitops", command], "an example in \(command)'s help: \(example.line)")
                #expect(!example.line.contains("\"") && !example.line.contains("'"),
                        "examples are split at spaces, without quoting: \(example.line)")
                #expect(example.pager == nil || example.pager == "less", "only a pager may follow `|`: \(example.line)")
            }
        }
    }

    @Test func anExampleIsReadAsAShellReadsIt() {
        let example = HelpExample(command: "plan", line: "  telemt-gitops plan --spec . --out - | less   # exit status 2 when it changes")
        #expect(example.words == ["telemt-gitops", "plan", "--spec", ".", "--out", "-"])
        #expect(example.pager == "less")
        #expect(example.expectedStatus == 2)
        #expect(HelpExample(command: "validate", line: "telemt-gitops validate   # users.yaml here").expectedStatus == 0)
        let block = HelpExample.block("Text.\nExamples:\n  telemt-gitops a\n  telemt-gitops b\nMore text.\n  indented")
        #expect(block == ["telemt-gitops a", "telemt-gitops b"])
    }

    @Test(arguments: HelpExample.all)
    func exampleRunsAsDocumented(_ example: HelpExample) throws {
        let run = try ExampleRun(example)
        #expect(run.result.status == example.expectedStatus, "\(run.ran) exited \(run.result.status)\n\(run.result.stdout)\n\(run.result.stderr)")
        #expect(run.errors.isEmpty, "\(run.ran) printed errors:\n\(run.errors.joined(separator: "\n"))")
        if example.pager != nil { #expect(!run.result.stdout.isEmpty, "\(run.ran) gives the pager nothing to show") }
    }
}
