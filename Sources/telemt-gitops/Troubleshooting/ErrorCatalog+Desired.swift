import Reconciler
import Spec
import TelemtRender

/// The desired state as a whole (``DesiredStateError``) and its files (``DesiredFilesError``).
extension ErrorCatalog {
    static var desiredEntries: [ErrorEntry] { (desiredStateEntries + desiredFileEntries).compactMap { $0 } }

    /// What the real check of `files` throws.
    private static func checking(_ files: [String: String]) -> DesiredStateError? {
        guard let tree = try? DesiredFiles(tree: files.mapValues { Array($0.utf8) }) else { return nil }
        return failure { () throws(DesiredStateError) in _ = try DesiredStateCheck(files: tree).run() }
    }

    private static var desiredStateEntries: [ErrorEntry?] {
        [
            ErrorEntry(failure: checking(["users.yaml": specHead + "  alice: { data_limit: 0 }\n  bob: { reset: monthy }\n"]),
                       "The spec has errors",
                       meaning: "The whole report: one line per problem, then the closing line with the count and the command to run again. Nothing is applied.",
                       fix: "Fix each line (the entries above explain the usual ones), then run `telemt-gitops validate` until it prints `valid: …`."),
            ErrorEntry(failure: checking(["users.yaml": specHead + "  alice: {}\n", "telemt.toml": "[general.telemetry]\nuser_enabled = false\n"]),
                       "The template has errors",
                       meaning: "The repository's telemt.toml (or `--template`) fails a check; the TemplateDiagnostic entries below explain each rule.",
                       fix: "Fix the template at the lines given, then `telemt-gitops validate`."),
            ErrorEntry(failure: duplicateSecret.map(DesiredStateError.secrets), "Two users share a secret",
                       meaning: "Two users' explicit secrets are the same (see DuplicateSecretError).", fix: "Remove the explicit `secret:` of one of them."),
            ErrorEntry(DesiredStateError.render(path: "telemt.toml", .invalidUserName("alice smith")), "The tables cannot be rendered",
                       meaning: "The render into the template failed; the ConfigRenderError entries below explain each reason.",
                       fix: "Fix what the message says; nothing was written and telemt keeps its config."),
            ErrorEntry(failure: checking(["users.yaml": specHead]), "No users",
                       meaning: "The spec defines no user. telemt refuses a config whose [access.users] is empty and would keep serving the old users.",
                       fix: "Add at least one user; to cut everyone off, disable users (`disabled: true`) instead of deleting them."),
            ErrorEntry(DesiredStateError.noTemplate(configPath: "/etc/telemt/config.toml"), "No telemt template",
                       meaning: "There is nothing to render the users into: no `--template`, no telemt.toml in the repository and no existing config at the output path.",
                       fix: "Commit telemt.toml (start from examples/telemt.toml), pass `--template FILE`, or render into telemt's existing config."),
        ]
    }

    private static var desiredFileEntries: [ErrorEntry?] {
        [
            ErrorEntry(failure: failure { () throws(DesiredFilesError) in _ = try DesiredFiles(tree: ["README.md": []]) }, kind: { $0.problem },
                       "No users.yaml", meaning: "The directory (or `--spec`) has neither users.yaml (users.yml) nor users/*.yaml.",
                       fix: "Point the command at the checkout of the desired-state repository, or create users.yaml from examples/users.yaml."),
            desiredFiles(.unreadable("no such file or directory"), "The path cannot be read",
                         meaning: "The spec path does not exist or this user cannot read it.", fix: "Check the path (`ls -l`) and its permissions."),
            desiredFiles(.tooLarge(size: 70_000_000, limit: 67_108_864), "A file is too large",
                         meaning: "A desired-state file is over the size limit.", fix: "Split the users into users/*.yaml files."),
            desiredFiles(.totalTooLarge(limit: 268_435_456), "The files are too large together",
                         meaning: "The files read so far are over the limit for all of them together.", fix: "Remove large files from users/ and status/."),
            desiredFiles(.tooManyFiles(limit: 10_000), "Too many files", meaning: "users/ holds more entries than the limit.", fix: "Merge some of the files."),
            desiredFiles(.leavesTree(target: "/etc/passwd", root: "/srv/proxy-users"), "A symbolic link out of the checkout",
                         meaning: "A file in the local checkout is a link to a file outside it; it is not followed, since a checkout could aim it at any file of the machine.",
                         fix: "Commit the file itself instead of a link."),
        ]
    }

    private static func desiredFiles(_ problem: DesiredFilesError.Problem, _ title: String, meaning: String, fix: String) -> ErrorEntry {
        ErrorEntry(DesiredFilesError(path: "users.yaml", problem: problem), kind: problem, title, meaning: meaning, fix: fix)
    }
}
