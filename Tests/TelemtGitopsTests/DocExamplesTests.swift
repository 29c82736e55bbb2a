import Foundation
import Testing

/// Every `telemt-gitops` example in a fenced code block of README.md and docs/*.md runs, in the
/// sandbox the help examples run in (ExampleHost, a fresh one for each example), and ends the way
/// the docs say, printing what they show (DocExample says how a block is read and matched).
@Suite struct DocExamplesTests {
    @Test func theDocsHaveExamplesAndEachCanBeRun() {
        #expect(DocExample.files.contains("README.md") && DocExample.files.contains("docs/engine.md"))
        #expect(DocExample.found.contains { $0.file == "README.md" }, "README.md shows no telemt-gitops example")
        let commands = Set(HelpExample.byCommand.map(\.command))
        for example in DocExample.found {
            #expect(commands.contains(example.run.command), "\(example.location): no subcommand \(example.run.command)")
            #expect(!example.line.contains("\"") && !example.line.contains("'"),
                    "\(example.location): examples are split at spaces, without quoting: \(example.line)")
            #expect(example.run.pager == nil || example.run.pager == "less", "\(example.location): only a pager may follow `|`")
        }
    }

    /// An exemption says why, and one that names no example any more (the docs changed) is stale.
    @Test func exemptionsNameExamplesOfTheDocs() throws {
        #expect(DocExample.stale(DocExample.exempt, in: DocExample.found).isEmpty, "exempt, but in no doc")
        #expect(DocExample.exempt.values.allSatisfy { !$0.isEmpty }, "an exemption says why the example cannot run offline")
        let first = try #require(DocExample.found.first)
        let exempt = [first.line: "needs the internet", "telemt-gitops run": "runs until stopped"]
        #expect(!DocExample.running(DocExample.found, except: exempt).contains { $0.line == first.line })
        #expect(DocExample.running(DocExample.found, except: exempt).count == DocExample.found.count - 1)
        #expect(DocExample.stale(exempt, in: DocExample.found) == ["telemt-gitops run"])
    }

    @Test func aBlockIsReadAsAReaderReadsIt() {
        let markdown = """
            `telemt-gitops validate` outside a block is prose.
            ```sh
            scripts/quickstart.sh
            telemt-gitops render --spec . \\
                --out -   # exit status 0
            ```
            ```console
            $ telemt-gitops plan --detailed-exitcode   # exit status 2: changes to apply
            + alice …

            7 to add
            $ ls
            state
            $ telemt-gitops validate
            ```
            """
        let examples = DocExample.collect(markdown, file: "x.md")
        #expect(examples.map(\.location) == ["x.md:4", "x.md:8", "x.md:14"])
        #expect(examples.map(\.line) == ["telemt-gitops render --spec . --out -   # exit status 0",
                                         "telemt-gitops plan --detailed-exitcode   # exit status 2: changes to apply",
                                         "telemt-gitops validate"])
        #expect(examples.map(\.shownOutput) == [[], ["+ alice …", "", "7 to add"], []])
        #expect(examples[1].run.expectedStatus == 2 && examples[1].run.command == "plan")
    }

    @Test func anEllipsisStandsForAnyText() {
        #expect(DocExample.shown("applied local-…: config.toml written", matches: "applied local-d94e48: config.toml written  "))
        #expect(DocExample.shown("tg://…&secret=ee…", matches: "tg://proxy?server=p&secret=ee0123"))
        #expect(DocExample.shown("a…b…c", matches: "a-b-c") && !DocExample.shown("a…b…c", matches: "a-c-b"))
        #expect(!DocExample.shown("ab…ba", matches: "aba"), "the text before and after `…` may not overlap")
        #expect(!DocExample.shown("7 to add", matches: "6 to add") && !DocExample.shown("7 to add", matches: "7 to add, 1 to remove"))
        let example = DocExample(file: "x.md", lineNumber: 1, line: "telemt-gitops validate", shownOutput: ["valid: …", "…", "", "gone"])
        #expect(example.missing(from: "valid: 7 users\nother\n") == ["gone"])
    }

    @Test(arguments: DocExample.all)
    func exampleRunsAsDocumented(_ example: DocExample) throws {
        let run = try ExampleRun(example.run)
        let ran = "\(example.location): \(run.ran)"
        #expect(run.result.status == example.run.expectedStatus, "\(ran) exited \(run.result.status)\n\(run.output)")
        let errors = run.errors.filter { line in !example.shownOutput.contains { DocExample.shown($0, matches: line) } }
        #expect(errors.isEmpty, "\(ran) printed errors the docs do not show:\n\(errors.joined(separator: "\n"))")
        let missing = example.missing(from: run.output)
        #expect(missing.isEmpty, "\(ran) did not print what the docs show:\n\(missing.joined(separator: "\n"))\nit printed:\n\(run.output)")
        if example.run.pager != nil { #expect(!run.result.stdout.isEmpty, "\(ran) gives the pager nothing to show") }
    }
}
