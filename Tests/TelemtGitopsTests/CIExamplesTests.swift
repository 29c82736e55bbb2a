import Crypto
import Foundation
import Testing

/// examples/ci: the workflows are what their runners accept, their commands run as written in a
/// desired-state checkout, the comment is created once and then updated, and every script passes shellcheck.
@Suite struct CIExamplesTests {
    static let ci = CLI.root + "/examples/ci"
    static let image = "ghcr.io/telemt-gitops/telemt-gitops:0.1.0"
    static let workflows = ["github": ci + "/github/telemt-gitops-plan.yml", "gitea": ci + "/gitea/telemt-gitops-plan.yml"]
    static let gitlab = ci + "/gitlab/telemt-gitops-plan.gitlab-ci.yml"

    // MARK: - The files

    @Test func theWorkflowsMatchTheirRunnersSchemas() throws {
        let bin = try CIChecks.lintTools()
        for (schema, files) in [("vendor.github-workflows", Array(Self.workflows.values).sorted()), ("vendor.gitlab-ci", [Self.gitlab])] {
            let result = try CLI.run(bin + "/check-jsonschema", ["--builtin-schema", schema] + files)
            #expect(result.status == 0, "\(schema): \(result.stdout)\(result.stderr)")
        }
    }

    @Test(arguments: ["github", "gitea"]) func theWorkflowRunsOnPullRequestsWithMinimalPermissions(platform: String) throws {
        let workflow = try CIChecks.yaml(Self.workflows[platform]!)
        let on = try #require(workflow["on"] as? [String: Any])
        #expect(Array(on.keys) == ["pull_request"])
        #expect(workflow["permissions"] as? [String: String] == ["contents": "read", "pull-requests": "write"])
        let env = try #require(workflow["env"] as? [String: String])
        #expect(env["TELEMT_GITOPS_IMAGE"] == Self.image)
        #expect(env["PLAN_COMMENT_SH_SHA256"] == CIChecks.scriptDigest, "the pinned digest is plan-comment.sh's")
        #expect(env["PLAN_COMMENT_SH_URL"]?.hasSuffix("/v0.1.0/examples/ci/plan-comment.sh") == true)

        let steps = try CIChecks.steps(workflow)
        let checkout = try #require(steps.first { ($0["uses"] as? String)?.hasPrefix("actions/checkout@") == true })
        #expect((checkout["with"] as? [String: Any])?["fetch-depth"] as? Int == 0, "plan needs the applied revision in the history")
        let comment = try #require(steps.first { ($0["run"] as? String)?.contains("plan-comment.sh") == true && $0["env"] != nil })
        #expect(comment["run"] as? String == "sh \"$RUNNER_TEMP/plan-comment.sh\" \(platform)")
        let stepEnv = try #require(comment["env"] as? [String: String])
        #expect(stepEnv["PLAN_COMMENT_TOKEN"] == "${{ github.token }}")
        #expect(stepEnv["PLAN_COMMENT_PR"] == "${{ github.event.pull_request.number }}")
    }

    @Test func theGitLabJobsRunOnMergeRequestsAndPostAfterAFailure() throws {
        let pipeline = try CIChecks.yaml(Self.gitlab)
        #expect((pipeline["variables"] as? [String: String])?["PLAN_COMMENT_SH_SHA256"] == CIChecks.scriptDigest)
        let plan = try #require(pipeline["telemt-gitops-plan"] as? [String: Any])
        let comment = try #require(pipeline["telemt-gitops-plan-comment"] as? [String: Any])
        #expect((plan["image"] as? [String: Any])?["name"] as? String == Self.image)
        #expect((plan["image"] as? [String: Any])?["entrypoint"] as? [String] == [""], "the image's entrypoint is telemt-gitops, not a shell")
        #expect((plan["variables"] as? [String: String])?["GIT_DEPTH"] == "0")
        #expect((plan["script"] as? [String])?.contains { $0.contains("sh plan-comment.sh body plan-comment.md") } == true)
        #expect((plan["artifacts"] as? [String: Any])?["when"] as? String == "always")
        for job in [plan, comment] {
            let rules = try #require(job["rules"] as? [[String: Any]])
            #expect(rules.first?["if"] as? String == "$CI_PIPELINE_SOURCE == \"merge_request_event\"")
        }
        #expect((comment["rules"] as? [[String: Any]])?.first?["when"] as? String == "always")
        #expect((comment["needs"] as? [[String: Any]])?.first?["job"] as? String == "telemt-gitops-plan")
        #expect(comment["script"] as? [String] == ["sh plan-comment.sh post gitlab plan-comment.md"])
        #expect(plan.keys.allSatisfy { !["PLAN_COMMENT_TOKEN"].contains($0) })
    }

    @Test func shellcheckPassesOnEveryScript() throws {
        let scripts = try CIChecks.shellScripts()
        #expect(scripts.contains(Self.ci + "/plan-comment.sh"))
        #expect(scripts.contains(Self.ci + "/pre-commit"))
        for script in scripts {
            let result = try CLI.run("/usr/bin/env", ["shellcheck", "-s", "sh", script])
            #expect(result.status == 0, "\(script):\n\(result.stdout)\(result.stderr)")
        }
        // The workflows' run: blocks, as GitHub's and act's bash runs them.
        let scratch = try Scratch()
        for (platform, path) in Self.workflows {
            for (index, step) in try CIChecks.steps(try CIChecks.yaml(path)).enumerated() {
                guard let run = step["run"] as? String else { continue }
                #expect(!run.contains("${{"), "expressions belong in env:, not in the shell: \(run)")
                try scratch.write("\(platform)-\(index).sh", "#!/bin/bash\n" + run)
                let result = try CLI.run("/usr/bin/env", ["shellcheck", scratch.file("\(platform)-\(index).sh")])
                #expect(result.status == 0, "\(platform) step \(index):\n\(result.stdout)")
            }
        }
    }

    // MARK: - The comment

    @Test func theBodyHasTheMarkerAndEachNodesPlanOrLocalWithoutStatus() throws {
        let repo = try CIRepository()
        let tools = try CITools(in: repo.scratch)
        let body = repo.scratch.file("body.md")
        var result = try tools.run("sh", [Self.ci + "/plan-comment.sh", "body", body], in: repo.checkout)
        #expect(result.status == 0, "\(result.stderr)")
        var text = try String(contentsOfFile: body, encoding: .utf8)
        #expect(text.hasPrefix("<!-- telemt-gitops-plan -->\n"))
        #expect(text.contains("`validate` passed at `\(repo.head.prefix(12))`"))
        #expect(text.contains("valid: 8 users"))
        #expect(text.contains("### telemt-gitops plan for `eu-1`"))
        #expect(text.contains("| + | `zed` | 10 GiB/month"))
        #expect(!text.contains("plan for `local`"))
        #expect(!text.contains("every user is shown as new"), "the applied revision is found in the history")
        #expect(result.stdout == text, "the job's log shows the comment too")

        // A second node: a plan for each; no status file at all: node local.
        try repo.git("mv", "status/eu-1.yaml", "status/eu-2.yaml")
        try repo.git("commit", "-q", "-m", "another node")
        result = try tools.run("sh", [Self.ci + "/plan-comment.sh", "body", body], in: repo.checkout)
        text = try String(contentsOfFile: body, encoding: .utf8)
        #expect(result.status == 0)
        #expect(text.contains("### telemt-gitops plan for `eu-2`"))
        try repo.git("rm", "-q", "-r", "status")
        try repo.git("commit", "-q", "-m", "no nodes")
        result = try tools.run("sh", [Self.ci + "/plan-comment.sh", "body", body], in: repo.checkout)
        text = try String(contentsOfFile: body, encoding: .utf8)
        #expect(result.status == 0)
        #expect(text.contains("### telemt-gitops plan for `local`"))
        #expect(text.contains("status/local.yaml is not committed"))
    }

    /// The workflow's own commands against a stand-in of the platform's API: the first push creates the
    /// comment, the next ones update that comment, an invalid spec shows its errors and fails the check.
    @Test(arguments: ["github", "gitea", "gitlab"]) func oneCommentIsCreatedThenUpdatedInPlace(platform: String) throws {
        let repo = try CIRepository()
        let tools = try CITools(in: repo.scratch)
        let token = "tok-\(UUID().uuidString)"
        let api = try CommentsAPIStandIn(token: token, seed: 150)
        let job = try CIJob(platform: platform, repo: repo, tools: tools, api: api, token: token)

        var run = try job.run()
        #expect(run.status == 0, "\(run.output)")
        var state = try api.state(platform)
        let marked = state.comments.filter { $0.body.hasPrefix("<!-- telemt-gitops-plan -->") }
        #expect(state.comments.count == 151)
        #expect(marked.count == 1)
        let id = try #require(marked.first?.id)
        #expect(marked.first?.body.contains("| + | `zed` | 10 GiB/month") == true)
        #expect(state.requests.filter { $0.method == "POST" }.count == 1)

        // The next push changes zed: the same comment is edited.
        try repo.edit("  zed: { data_limit: 10 GiB }", "  zed: { data_limit: 20 GiB }")
        run = try job.run()
        #expect(run.status == 0, "\(run.output)")
        state = try api.state(platform)
        let edit = platform == "gitlab" ? "PUT" : "PATCH"
        #expect(state.comments.count == 151)
        #expect(state.requests.filter { $0.method == "POST" }.count == 1, "never a second comment")
        #expect(state.requests.last?.method == edit)
        #expect(state.requests.last?.path.hasSuffix("/\(id)") == true)
        #expect(state.comments.first { $0.id == id }?.body.contains("| + | `zed` | 20 GiB/month") == true)

        // A typo: the check fails and the comment shows the error with its position.
        try repo.edit("  zed: { data_limit: 20 GiB }", "  zed: { data_limt: 20 GiB }")
        run = try job.run()
        #expect(run.status != 0)
        state = try api.state(platform)
        let body = state.comments.first { $0.id == id }?.body ?? ""
        #expect(state.comments.count == 151)
        #expect(state.requests.filter { $0.method == "POST" }.count == 1)
        #expect(body.contains("`validate` **failed**"))
        #expect(body.contains("users.yaml:21:10: error: unknown key `data_limt` in user `zed`"))
        #expect(!body.contains("### telemt-gitops plan for"))

        // The token came in the platform's header on every request, and went nowhere else.
        #expect(state.requests.allSatisfy { $0.authorized })
        #expect(!job.outputs.joined().contains(token))
        #expect(!state.comments.contains { $0.body.contains(token) })
        if platform != "gitlab" {
            #expect(tools.dockerLog().contains("--network none"), "telemt-gitops ran from the image, without network")
        }
    }

    @Test func aWrongTokenFailsTheJobWithoutPrintingIt() throws {
        let repo = try CIRepository()
        let tools = try CITools(in: repo.scratch)
        let api = try CommentsAPIStandIn(token: "the-right-one", seed: 0)
        let job = try CIJob(platform: "github", repo: repo, tools: tools, api: api, token: "a-wrong-token-\(UUID().uuidString)")
        let run = try job.run()
        #expect(run.status == 1)
        #expect(run.output.contains("HTTP 401"))
        #expect(!run.output.contains(job.token))
        #expect(try api.state("github").comments.isEmpty)
    }

    // MARK: - The pre-commit hook

    @Test func thePreCommitHookChecksTheStagedTreeNotTheWorkTree() throws {
        let repo = try CIRepository()
        let tools = try CITools(in: repo.scratch)
        try FileManager.default.copyItem(atPath: Self.ci + "/pre-commit", toPath: repo.checkout + "/.git/hooks/pre-commit")
        let users = repo.checkout + "/users.yaml"
        let good = try String(contentsOfFile: users, encoding: .utf8)
        let broken = good.replacingOccurrences(of: "  zed: { data_limit: 10 GiB }", with: "  zed: { data_limt: 10 GiB }")

        // Broken in the index, fixed only in the work tree: refused, with the staged error's position.
        try broken.write(toFile: users, atomically: true, encoding: .utf8)
        try repo.git("add", "users.yaml")
        try good.write(toFile: users, atomically: true, encoding: .utf8)
        var result = try tools.run("git", ["commit", "-q", "-m", "broken"], in: repo.checkout, git: true)
        #expect(result.status != 0)
        #expect(result.stderr.contains("users.yaml:21:10: error: unknown key `data_limt`"))
        #expect(result.stderr.contains("the staged spec is invalid"))

        // Valid in the index, broken only in the work tree: committed.
        try good.replacingOccurrences(of: "data_limit: 10 GiB", with: "data_limit: 11 GiB").write(toFile: users, atomically: true, encoding: .utf8)
        try repo.git("add", "users.yaml")
        try broken.write(toFile: users, atomically: true, encoding: .utf8)
        result = try tools.run("git", ["commit", "-q", "-m", "zed gets 11 GiB"], in: repo.checkout, git: true)
        #expect(result.status == 0, "\(result.stderr)")
        #expect((result.stdout + result.stderr).contains("valid: 8 users"))
        let committed = try tools.run("git", ["show", "HEAD:users.yaml"], in: repo.checkout)
        #expect(committed.stdout.contains("  zed: { data_limit: 11 GiB }"))
    }
}

// MARK: - Support

enum CIChecks {
    /// scripts/lint-tools.sh's bin directory (it installs check-jsonschema on first use).
    static func lintTools() throws -> String {
        let result = try CLI.run(CLI.root + "/scripts/lint-tools.sh", [])
        guard result.status == 0 else { throw CIRepository.Failure(description: "lint-tools.sh: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A YAML file as JSON objects, read by the YAML 1.2 reader check-jsonschema uses (`on` stays a string).
    static func yaml(_ path: String) throws -> [String: Any] {
        let python = try lintTools() + "/python"
        let result = try CLI.run(python, ["-c", "import json, sys; from ruamel.yaml import YAML; print(json.dumps(YAML(typ='safe').load(open(sys.argv[1]))))", path])
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw CIRepository.Failure(description: "\(path): \(result.stderr)")
        }
        return object
    }

    static func steps(_ workflow: [String: Any]) throws -> [[String: Any]] {
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        return try #require((jobs["plan"] as? [String: Any])?["steps"] as? [[String: Any]])
    }

    static var scriptDigest: String {
        let data = FileManager.default.contents(atPath: CIExamplesTests.ci + "/plan-comment.sh") ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Every file under examples/ci that starts with `#!`.
    static func shellScripts() throws -> [String] {
        let root = CIExamplesTests.ci
        return try FileManager.default.subpathsOfDirectory(atPath: root).sorted().map { root + "/" + $0 }.filter { path in
            var directory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &directory), !directory.boolValue,
                  let handle = FileHandle(forReadingAtPath: path) else { return false }
            defer { try? handle.close() }
            return handle.readData(ofLength: 2) == Data("#!".utf8)
        }
    }
}

/// A desired-state repository as CI checks it out: examples/users.yaml and telemt.toml, applied once by
/// a host (node eu-1, whose status/eu-1.yaml was pushed and pulled), then a pull request adding zed.
final class CIRepository {
    struct Failure: Error, CustomStringConvertible { let description: String }

    let scratch: Scratch
    let checkout: String
    private(set) var head = ""

    init() throws {
        scratch = try Scratch()
        checkout = scratch.file("checkout")
        let remote = scratch.file("remote.git")
        try git("init", "-q", "--bare", "-b", "main", remote, in: scratch.path)
        try git("init", "-q", "-b", "main", checkout, in: scratch.path)
        try FileManager.default.copyItem(atPath: CLI.root + "/examples/users.yaml", toPath: checkout + "/users.yaml")
        try FileManager.default.copyItem(atPath: CLI.root + "/examples/telemt.toml", toPath: checkout + "/telemt.toml")
        try git("add", "users.yaml", "telemt.toml")
        try git("commit", "-q", "-m", "Users")
        try git("remote", "add", "origin", remote)
        try git("push", "-q", "-u", "origin", "main")
        try FileManager.default.copyItem(atPath: CLI.root + "/examples/telemt.toml", toPath: scratch.file("config.toml"))
        for arguments in [["keygen", "--out", scratch.file("master.key")],
                          ["reconcile", "--once", "--repo", "file://" + remote, "--key", scratch.file("master.key"), "--node", "eu-1",
                           "--telemt-config", scratch.file("config.toml"), "--state-dir", scratch.file("state"), "--no-telemt"]] {
            let result = try CLI.run(arguments, in: scratch.path, environment: CLI.gitEnvironment(ProcessInfo.processInfo.environment))
            guard result.status == 0 else { throw Failure(description: "\(arguments[0]): \(result.stderr)") }
        }
        try git("pull", "-q", "--ff-only")
        guard FileManager.default.fileExists(atPath: checkout + "/status/eu-1.yaml") else { throw Failure(description: "no status/eu-1.yaml") }
        try git("checkout", "-q", "-b", "add-zed")
        try edit("users:\n", "users:\n  zed: { data_limit: 10 GiB }\n")
    }

    /// Replaces `old` with `new` in users.yaml and commits it, as a push to the pull request.
    func edit(_ old: String, _ new: String) throws {
        let path = checkout + "/users.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let range = text.range(of: old) else { throw Failure(description: "users.yaml has no \(old)") }
        try text.replacingCharacters(in: range, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        try git("commit", "-q", "--no-verify", "-m", "zed", "users.yaml")
    }

    func git(_ arguments: String..., in directory: String? = nil) throws {
        let result = try CLI.run("/usr/bin/env", ["git"] + arguments, in: directory ?? checkout,
                                 environment: CLI.gitEnvironment(ProcessInfo.processInfo.environment))
        guard result.status == 0 else { throw Failure(description: "git \(arguments.joined(separator: " ")): \(result.stderr)") }
        guard FileManager.default.fileExists(atPath: checkout + "/.git") else { return }
        let rev = try CLI.run("/usr/bin/env", ["git", "rev-parse", "HEAD"], in: checkout)
        head = rev.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// What a runner gives the commands: `image/` holds telemt-gitops as the image has it, `host/` a
/// docker stand-in that runs `docker run … --entrypoint E IMAGE ARGS…` as `E ARGS…` in an empty
/// directory with image/ first on PATH, logging its arguments; temporary files stay in the scratch.
struct CITools {
    let image: String
    let host: String
    let temporary: String
    let dockerLogPath: String

    init(in scratch: Scratch) throws {
        image = scratch.file("image-bin")
        host = scratch.file("host-bin")
        temporary = scratch.file("tmp")
        dockerLogPath = scratch.file("docker.log")
        for directory in [image, host, temporary] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        try FileManager.default.createSymbolicLink(atPath: image + "/telemt-gitops", withDestinationPath: CLI.binary)
        try scratch.write("host-bin/docker", """
            #!/bin/sh
            printf '%s\\n' "$*" >>"\(dockerLogPath)"
            [ "$1" = run ] || exit 99
            shift
            entry=/usr/local/bin/telemt-gitops
            while [ $# -gt 0 ]; do
              case $1 in
                --rm | -i) shift ;;
                --network) shift 2 ;;
                --entrypoint) entry=$2; shift 2 ;;
                -*) echo "docker stand-in: unexpected $1" >&2; exit 98 ;;
                *) [ "$1" = "\(CIExamplesTests.image)" ] || exit 97; shift; break ;;
              esac
            done
            cd "$(mktemp -d)" || exit 96
            PATH="\(image):$PATH" exec "$entry" "$@"

            """)
        chmod(host + "/docker", 0o755)
    }

    /// The environment of a job: PATH with `extra` first, then the system's; no TELEMT_GITOPS_* variables.
    func environment(path extra: [String], _ values: [String: String] = [:], git: Bool = false) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TELEMT_GITOPS") && !$0.key.hasPrefix("PLAN_COMMENT") && !$0.key.hasPrefix("GITHUB_") }
        environment["PATH"] = (extra + ["/usr/local/bin", "/usr/bin", "/bin"]).joined(separator: ":")
        environment["TMPDIR"] = temporary
        if git { environment = CLI.gitEnvironment(environment) }
        return environment.merging(values) { $1 }
    }

    /// Runs `command` with telemt-gitops on PATH (as in the image).
    func run(_ command: String, _ arguments: [String], in directory: String, git: Bool = false) throws -> CLI.Result {
        try CLI.run("/usr/bin/env", [command] + arguments, in: directory, environment: environment(path: [image], git: git))
    }

    func dockerLog() -> String { (try? String(contentsOfFile: dockerLogPath, encoding: .utf8)) ?? "" }
}

/// One platform's job, run from its file: GitHub's and Gitea's "Validate, plan and comment" step with
/// the workflow's and the step's env (expressions filled in as the runner would), or GitLab's two
/// jobs' `script:` lines in turn, each job stopping at its first failing line.
final class CIJob {
    let platform: String
    let repo: CIRepository
    let tools: CITools
    let api: CommentsAPIStandIn
    let token: String
    private(set) var outputs: [String] = []

    init(platform: String, repo: CIRepository, tools: CITools, api: CommentsAPIStandIn, token: String) throws {
        (self.platform, self.repo, self.tools, self.api, self.token) = (platform, repo, tools, api, token)
        // Where the workflow's earlier step (or GitLab's before_script) puts the script.
        let target = platform == "gitlab" ? repo.checkout + "/plan-comment.sh" : tools.temporary + "/plan-comment.sh"
        try FileManager.default.copyItem(atPath: CIExamplesTests.ci + "/plan-comment.sh", toPath: target)
    }

    func run() throws -> (status: Int32, output: String) {
        let result = platform == "gitlab" ? try runGitLab() : try runActions()
        outputs.append(result.output)
        return result
    }

    private func runActions() throws -> (status: Int32, output: String) {
        let workflow = try CIChecks.yaml(CIExamplesTests.workflows[platform]!)
        let step = try #require(try CIChecks.steps(workflow).first { $0["name"] as? String == "Validate, plan and comment" })
        let expressions = [
            "${{ github.token }}": token,
            "${{ github.event.pull_request.number }}": "7",
            "${{ github.event.pull_request.head.sha }}": repo.head,
            "${{ github.server_url }}": api.apiURL("gitea").replacingOccurrences(of: "/api/v1", with: ""),
            "${{ github.repository }}": "acme/proxy-users",
        ]
        var values = ["RUNNER_TEMP": tools.temporary, "GITHUB_REPOSITORY": "acme/proxy-users", "GITHUB_API_URL": api.apiURL("github")]
        for env in [workflow["env"], step["env"]] {
            for (key, value) in (env as? [String: String]) ?? [:] {
                let filled = expressions.reduce(value) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
                #expect(!filled.contains("${{"), "an expression the test does not fill in: \(value)")
                values[key] = filled
            }
        }
        let script = try #require(step["run"] as? String)
        let result = try CLI.run("/bin/bash", ["-e", "-c", script], in: repo.checkout, environment: tools.environment(path: [tools.host], values))
        return (result.status, result.stdout + result.stderr)
    }

    private func runGitLab() throws -> (status: Int32, output: String) {
        let pipeline = try CIChecks.yaml(CIExamplesTests.gitlab)
        let global = (pipeline["variables"] as? [String: String]) ?? [:]
        var output = ""
        var planStatus: Int32 = 0
        let ci = ["CI_PIPELINE_SOURCE": "merge_request_event", "CI_COMMIT_SHA": repo.head, "CI_API_V4_URL": api.apiURL("gitlab"),
                  "CI_PROJECT_ID": "42", "CI_MERGE_REQUEST_IID": "7"]
        for (name, path, secrets) in [("telemt-gitops-plan", [tools.image], [:]), ("telemt-gitops-plan-comment", [], ["PLAN_COMMENT_TOKEN": token])] {
            let job = try #require(pipeline[name] as? [String: Any])
            let values = global.merging((job["variables"] as? [String: String]) ?? [:]) { $1 }.merging(ci) { $1 }.merging(secrets) { $1 }
            for line in try #require(job["script"] as? [String]) {
                let result = try CLI.run("/bin/sh", ["-c", line], in: repo.checkout, environment: tools.environment(path: path, values))
                output += result.stdout + result.stderr
                if result.status != 0 {
                    if name == "telemt-gitops-plan" { planStatus = result.status }
                    else { return (result.status, output) }
                    break
                }
            }
        }
        return (planStatus, output)
    }
}
