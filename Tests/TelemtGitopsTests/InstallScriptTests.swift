import Foundation
import Testing

/// `install.sh --dry-run --root DIR`: every file written under DIR, nothing run, and each file
/// passing its own checker (the Compose schema, systemd-analyze, shellcheck, hadolint).
@Suite struct InstallScriptTests {
    static let repo = "git@github.com:acme/proxy-users.git"

    private func dryRun(_ mode: String, _ runtime: String, _ extra: [String] = []) throws -> (Installer, CLI.Result) {
        let installer = try Installer()
        var arguments = ["--mode", mode, "--runtime", runtime, "--host", "proxy.example.com", "--dry-run", "--node", "eu-1"]
        if mode == "gitops" { arguments += ["--repo", Self.repo] }
        let result = try installer.run(arguments + extra)
        return (installer, result)
    }

    @Test(arguments: [
        ("proxy", "systemd", ["etc/telemt/config.toml", "etc/systemd/system/telemt.service"]),
        ("proxy", "docker", ["opt/telemt/telemt/config.toml", "opt/telemt/compose.yaml", "opt/telemt/.env"]),
        ("gitops", "systemd", ["etc/telemt/config.toml", "etc/telemt-gitops/config.yaml", "etc/telemt-gitops/master.key",
                               "etc/telemt-gitops/deploy_key", "etc/telemt-gitops/known_hosts", "etc/telemt-gitops/webhook.secret",
                               "etc/telemt-gitops/starter/users.yaml", "etc/telemt-gitops/starter/telemt.toml",
                               "etc/systemd/system/telemt.service", "etc/systemd/system/telemt-gitops.service"]),
        ("gitops", "docker", ["opt/telemt/telemt/config.toml", "opt/telemt/gitops/config.yaml", "opt/telemt/gitops/master.key",
                              "opt/telemt/gitops/deploy_key", "opt/telemt/compose.yaml", "opt/telemt/.env"]),
    ])
    func aDryRunWritesEveryFileUnderTheRootAndRunsNothing(mode: String, runtime: String, files: [String]) throws {
        let (installer, result) = try dryRun(mode, runtime)
        #expect(result.status == 0, "\(result.stderr)")
        for file in files { #expect(installer.exists(file), "\(file) missing") }
        #expect(!result.stdout.contains("wrote /etc") && !result.stdout.contains("wrote /opt"))
        for line in result.stdout.split(separator: "\n") where line.hasPrefix("wrote ") {
            #expect(line.dropFirst(6).hasPrefix(installer.root.path), "\(line)")
        }
        if runtime == "docker" { #expect(result.stdout.contains("dry run: would run: docker compose")) }
        // Secrets are 0600; telemt's config is 0640 (telemt reads it through its group).
        let base = runtime == "docker" ? "opt/telemt/" : "etc/"
        #expect(installer.mode(base + "telemt/config.toml") == 0o640)
        if mode == "gitops" {
            let keys = runtime == "docker" ? "opt/telemt/gitops/" : "etc/telemt-gitops/"
            #expect(installer.mode(keys + "master.key") == 0o600)
            #expect(installer.mode(keys + "deploy_key") == 0o600)
            #expect(try installer.read(keys + "master.key").trimmingCharacters(in: .newlines).count == 64)
        }
    }

    @Test func theProxyModePrintsTheFirstUsersLinkWithItsSecretAndDomain() throws {
        let (installer, result) = try dryRun("proxy", "systemd", ["--tls-domain", "www.example.org", "--first-user", "olga", "--port", "8443"])
        #expect(result.status == 0)
        let config = try installer.read("etc/telemt/config.toml")
        let secret = try #require(config.split(separator: "\n").first { $0.hasPrefix("olga = ") }).split(separator: "\"")[1]
        let domainHex = Data("www.example.org".utf8).map { String(format: "%02x", $0) }.joined()
        #expect(result.stdout.contains("tg://proxy?server=proxy.example.com&port=8443&secret=ee\(secret)\(domainHex)"))
        #expect(config.contains("read_only = true") && config.contains("metrics_listen = \"127.0.0.1:9090\""))
        #expect(config.contains("port = 8443"))
    }

    @Test func theComposeFileFollowsItsSchemaAndKeepsMetricsAndAPIInternal() throws {
        let (installer, result) = try dryRun("gitops", "docker", ["--edge"])
        #expect(result.status == 0)
        let compose = installer.root.file("opt/telemt/compose.yaml")
        let check = try CLI.run(Installer.lintTools + "/check-jsonschema", ["--builtin-schema", "vendor.compose-spec", compose])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let text = try installer.read("opt/telemt/compose.yaml")
        // The config directory is shared, never the file (telemt watches the directory; rename must work).
        #expect(text.components(separatedBy: "- ./telemt:/etc/telemt\n").count == 3)
        #expect(!text.contains("config.toml:/"))
        #expect(!text.contains(":9090\"") && !text.contains(":9091\""))
        #expect(text.contains("internal: true") && text.contains("read_only: true") && text.contains("no-new-privileges:true"))
        let config = try installer.read("opt/telemt/telemt/config.toml")
        #expect(config.contains("metrics_listen = \"0.0.0.0:9090\""))
        #expect(config.contains("metrics_whitelist = [\"172.30.53.0/24\""))
        #expect(config.contains("[server.api]") && config.contains("read_only = true"))
        #expect(config.contains("proxy_protocol = true"))
        #expect(try installer.read("opt/telemt/.env").contains("COMPOSE_PROFILES=gitops,edge"))
        #expect(try installer.read("opt/telemt/edge/nginx.conf").contains("ssl_preread on;"))
        let settings = try installer.read("opt/telemt/gitops/config.yaml")
        #expect(settings.contains("metrics: http://telemt:9090/metrics") && settings.contains("key: /etc/telemt-gitops/master.key"))
    }

    @Test func theSystemdUnitsPassSystemdAnalyzeAndAreHardened() throws {
        let (installer, result) = try dryRun("gitops", "systemd")
        #expect(result.status == 0)
        // The binaries are not installed by a dry run; stand-ins let verify check the units themselves.
        for binary in ["telemt", "telemt-gitops"] {
            try installer.root.write("usr/local/bin/\(binary)", "#!/bin/sh\n")
            chmod(installer.root.file("usr/local/bin/\(binary)"), 0o755)
        }
        let units = ["telemt.service", "telemt-gitops.service"].map { installer.root.file("etc/systemd/system/\($0)") }
        let verify = try CLI.run("/usr/bin/systemd-analyze", ["verify"] + units)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(!verify.stderr.contains("telemt"), "\(verify.stderr)")
        let unit = try installer.read("etc/systemd/system/telemt-gitops.service")
        for directive in ["ProtectSystem=strict", "NoNewPrivileges=yes", "User=telemt-gitops", "SupplementaryGroups=telemt",
                          "ReadWritePaths=\(installer.root.path)/etc/telemt \(installer.root.path)/var/lib/telemt-gitops"] {
            #expect(unit.contains(directive + "\n"), "\(directive)")
        }
        #expect(unit.contains("ExecStart=\(installer.root.path)/usr/local/bin/telemt-gitops run --config \(installer.root.path)/etc/telemt-gitops/config.yaml"))
    }

    @Test(arguments: [("gitops", "systemd"), ("proxy", "docker"), ("gitops", "docker")])
    func runningItTwiceChangesNothing(mode: String, runtime: String) throws {
        let (installer, first) = try dryRun(mode, runtime)
        #expect(first.status == 0)
        let before = try installer.snapshot()
        let again = try installer.run(["--mode", mode, "--runtime", runtime, "--host", "proxy.example.com", "--dry-run",
                                       "--node", "eu-1"] + (mode == "gitops" ? ["--repo", Self.repo] : []))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try installer.snapshot() == before)
        #expect(!again.stdout.contains("wrote "), "\(again.stdout)")
        #expect(again.stdout.contains("unchanged ") || again.stdout.contains("kept "))
    }

    @Test func anExistingKeyOrConfigIsNeverOverwritten() throws {
        let installer = try Installer()
        let key = String(repeating: "ab", count: 32) + "\n"
        try installer.root.write("etc/telemt-gitops/master.key", key)
        try installer.root.write("etc/telemt/config.toml", "# my own config\n")
        let result = try installer.run(["--mode", "gitops", "--runtime", "systemd", "--host", "proxy.example.com",
                                        "--repo", Self.repo, "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try installer.read("etc/telemt-gitops/master.key") == key)
        #expect(try installer.read("etc/telemt/config.toml") == "# my own config\n")
        #expect(result.stdout.contains("kept \(installer.root.path)/etc/telemt-gitops/master.key"))
        #expect(result.stdout.contains("kept \(installer.root.path)/etc/telemt/config.toml"))
    }

    @Test func withoutATerminalNothingIsAskedAndMissingAnswersAreUsageErrors() throws {
        let installer = try Installer()
        let noMode = try installer.run(["--dry-run"])
        #expect(noMode.status == 64)
        #expect(noMode.stderr.contains("no --mode given (proxy or gitops; TELEMT_INSTALL_MODE)"))
        let noRepo = try installer.run(["--mode", "gitops", "--runtime", "docker", "--host", "h.example.com", "--dry-run"])
        #expect(noRepo.status == 64 && noRepo.stderr.contains("gitops mode needs --repo URL"))
        let badPort = try installer.run(["--mode", "proxy", "--runtime", "docker", "--host", "h.example.com", "--port", "70000", "--dry-run"])
        #expect(badPort.status == 64 && badPort.stderr.contains("port '70000' is not a number from 1 to 65535"))
        #expect(try installer.snapshot().isEmpty)
    }

    @Test func onATerminalItAsksForWhatFlagsLeftOpen() throws {
        let installer = try Installer()
        let output = try installer.runOnTerminal(["--dry-run"], answers: ["proxy", "", "tty.example.com"])
        #expect(output.contains("Mode: proxy (telemt alone) or gitops (users from git) [gitops]:"), "\(output)")
        #expect(output.contains("Runtime: docker or systemd [docker]:"))
        #expect(output.contains("tg://proxy?server=tty.example.com&port=443&secret=ee"))
        #expect(installer.exists("opt/telemt/compose.yaml") && !installer.exists("opt/telemt/gitops"))
    }

    @Test func variablesWorkLikeFlagsAndFlagsWin() throws {
        let installer = try Installer()
        let result = try installer.run(["--port", "8443"], environment: [
            "TELEMT_INSTALL_MODE": "proxy", "TELEMT_INSTALL_RUNTIME": "docker", "TELEMT_INSTALL_HOST": "env.example.com",
            "TELEMT_INSTALL_PORT": "2443", "TELEMT_INSTALL_DRY_RUN": "1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try installer.read("opt/telemt/.env").contains("TELEMT_PUBLISH=8443\n"))
        #expect(result.stdout.contains("server=env.example.com&port=8443"))
    }

    @Test func everyShellScriptPassesShellcheck() throws {
        let scripts = try FileManager.default.contentsOfDirectory(atPath: CLI.root + "/scripts").filter { $0.hasSuffix(".sh") }.map { "scripts/" + $0 }
        let library = try FileManager.default.contentsOfDirectory(atPath: CLI.root + "/deploy/install").map { "deploy/install/" + $0 }
        let result = try CLI.run("/usr/bin/shellcheck", ["-x", "install.sh"] + library + scripts)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(library.count >= 4)
    }

    @Test func theDockerfilePassesHadolint() throws {
        let result = try CLI.run(Installer.lintTools + "/hadolint", ["Dockerfile"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let text = try String(contentsOfFile: CLI.root + "/Dockerfile", encoding: .utf8)
        #expect(text.contains("HEALTHCHECK") && text.contains("USER 65532:65532") && text.contains("AS build"))
    }
}

/// A hostile environment and a careless user: crafted values, symlinks, umasks, half-written files,
/// missing tools, and commands on nothing installed. Each case once went wrong.
extension InstallScriptTests {
    static let gitops = ["--mode", "gitops", "--runtime", "systemd", "--host", "proxy.example.com", "--node", "eu-1", "--dry-run"]

    /// `install.sh` in bash under `umask`, with `environment` (PATH, say) replacing this process's.
    private func run(_ installer: Installer, _ arguments: [String], umask: String = "022",
                     environment: [String: String] = [:]) throws -> CLI.Result {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TELEMT_INSTALL_") }
        env.merge(environment) { $1 }
        return try CLI.run("/bin/bash", ["-c", "umask \(umask) && exec /bin/bash \"$0\" \"$@\"", CLI.root + "/install.sh"]
                           + arguments + ["--root", installer.root.path], environment: env)
    }

    @Test(arguments: [
        ("--branch", "main\nkey: /tmp/evil", "--branch"),
        ("--path", "a b: c", "--path"),
        ("--path", "../elsewhere", "--path"),
        ("--repo", "https://user:hunter2@github.com/acme/users.git", "carries a password or token"),
        ("--repo", "https://ghp_0123456789@github.com/acme/users.git", "carries a password or token"),
        ("--repo", "git@github.com:acme/a\\b.git", "--repo has spaces"),
        ("--telemt-version", "1'; touch /tmp/owned; '", "--telemt-version"),
        ("--telemt-user", "nobody\nExecStartPre=/bin/sh -c id", "is not a user name"),
        ("--service-user", "a|b", "is not a user name"),
    ])
    func craftedValuesAreUsageErrorsBeforeAnythingIsWritten(flag: String, value: String, message: String) throws {
        let installer = try Installer()
        let result = try installer.run(Self.gitops + ["--repo", InstallScriptTests.repo, flag, value])
        #expect(result.status == 64, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stdout.contains("hunter2") && !result.stderr.contains("hunter2"))
        #expect(try installer.snapshot().isEmpty)
    }

    @Test func aRootWithCharactersUnitsCannotHoldIsRefused() throws {
        let installer = try Installer()
        let root = installer.root.file("a b|c")
        let result = try installer.run(Self.gitops + ["--repo", InstallScriptTests.repo, "--root", root], root: false)
        #expect(result.status == 64 && result.stderr.contains("--root"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root))
    }

    @Test func valuesYAMLWouldRetypeStayText() throws {
        let installer = try Installer()
        let result = try installer.run(["--mode", "gitops", "--runtime", "systemd", "--host", "1e3", "--tls-domain", "true",
                                        "--first-user", "null", "--node", "123", "--branch", "1.0", "--path", "users/2026",
                                        "--repo", InstallScriptTests.repo, "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        let validate = try CLI.run(["validate", installer.root.file("etc/telemt-gitops/starter")])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        let settings = try installer.read("etc/telemt-gitops/config.yaml")
        for line in ["node: \"123\"\n", "  branch: \"1.0\"\n", "  path: \"users/2026\"\n"] {
            #expect(settings.contains(line), "\(line)")
        }
    }

    @Test func aUserNameWithADotIsOneTOMLKeyAndGetsItsLink() throws {
        let installer = try Installer()
        let result = try installer.run(["--mode", "proxy", "--runtime", "systemd", "--host", "proxy.example.com",
                                        "--first-user", "olga.k", "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        let config = try installer.read("etc/telemt/config.toml")
        let line = try #require(config.split(separator: "\n").first { $0.hasPrefix("\"olga.k\" = \"") }, "\(config)")
        let secret = try #require(line.split(separator: "\"").last)
        #expect(secret.count == 32 && result.stdout.contains("secret=ee\(secret)"), "\(result.stdout)")
    }

    @Test func aKeptConfigWithoutTheFirstUserPrintsNoBrokenLink() throws {
        let installer = try Installer()
        let proxy = ["--mode", "proxy", "--runtime", "systemd", "--host", "proxy.example.com", "--dry-run"]
        #expect(try installer.run(proxy).status == 0)
        let again = try installer.run(proxy + ["--first-user", "olga", "--tls-domain", "www.example.org"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!again.stdout.contains("tg://"), "\(again.stdout)")
        #expect(again.stderr.contains("has no user olga"))
        let domain = try installer.run(proxy + ["--tls-domain", "www.example.org"])
        let hex = Data("www.google.com".utf8).map { String(format: "%02x", $0) }.joined()
        #expect(domain.stdout.contains(hex + "\n") && domain.stderr.contains("tls_domain www.google.com"), "\(domain.stdout)")
    }

    @Test func symlinksCarryNoWriteAndNoModeOutsideTheRoot() throws {
        let outside = try Scratch()
        try outside.write("elsewhere/keep", "x")
        let linked = try Installer()
        try FileManager.default.createDirectory(atPath: linked.root.file("etc"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: linked.root.file("etc/telemt"), withDestinationPath: outside.file("elsewhere"))
        let directory = try linked.run(Self.gitops + ["--repo", InstallScriptTests.repo])
        #expect(directory.status == 1 && directory.stderr.contains("leads outside --root"), "\(directory.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.file("elsewhere")) == ["keep"])
        #expect(outside.mode("elsewhere") & 0o7777 != 0o2750)

        // A config.toml that points elsewhere (the service user owns its directory and could plant
        // one at /etc/shadow) is kept, and its target's mode and owner are left alone.
        try outside.write("target", "secret\n")
        chmod(outside.file("target"), 0o604)
        let planted = try Installer()
        try FileManager.default.createDirectory(atPath: planted.root.file("etc/telemt"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: planted.root.file("etc/telemt/config.toml"), withDestinationPath: outside.file("target"))
        let file = try planted.run(Self.gitops + ["--repo", InstallScriptTests.repo])
        #expect(file.status == 0, "\(file.stderr)")
        #expect(file.stderr.contains("config.toml is a symlink"))
        #expect(outside.mode("target") & 0o7777 == 0o604)
        #expect(try outside.read("target") == "secret\n")
    }

    @Test(arguments: ["000", "077"])
    func directoriesGetTheirModesWhateverTheUmask(umask: String) throws {
        let installer = try Installer()
        let result = try run(installer, ["--mode", "gitops", "--runtime", "docker", "--host", "proxy.example.com",
                                         "--repo", InstallScriptTests.repo, "--edge", "--dry-run"], umask: umask)
        #expect(result.status == 0, "\(result.stderr)")
        for (path, mode) in try installer.snapshot() {
            let bits = Int(mode.split(separator: " ")[0], radix: 8)! & 0o7777
            #expect(bits & 0o002 == 0, "\(path) is writable by others (\(String(bits, radix: 8)))")
        }
        // The compose project's directory stays traversable: docker and the operator read it.
        #expect(installer.mode("opt/telemt") & 0o777 == 0o755)
        #expect(installer.mode("opt/telemt/gitops/master.key") & 0o777 == 0o600)
    }

    @Test func aHalfWrittenKeyIsNeverKeptAsIfItWereWhole() throws {
        let installer = try Installer()
        let arguments = Self.gitops + ["--repo", InstallScriptTests.repo]
        #expect(try installer.run(arguments).status == 0)
        // A run stopped between the private key and its .pub: the public half is made again.
        let pub = try installer.read("etc/telemt-gitops/deploy_key.pub")
        try FileManager.default.removeItem(atPath: installer.root.file("etc/telemt-gitops/deploy_key.pub"))
        let again = try installer.run(arguments)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("  ssh-ed25519 "))
        #expect(try installer.read("etc/telemt-gitops/deploy_key.pub").split(separator: " ").prefix(2)
                == pub.split(separator: " ").prefix(2))
        // A private key cut short, or an empty master key: an error saying what to do, nothing replaced.
        try FileManager.default.removeItem(atPath: installer.root.file("etc/telemt-gitops/deploy_key.pub"))
        let key = try installer.read("etc/telemt-gitops/deploy_key")
        try installer.root.write("etc/telemt-gitops/deploy_key", String(key.prefix(100)))
        let cut = try installer.run(arguments)
        #expect(cut.status == 1 && cut.stderr.contains("is not a usable private key"), "\(cut.stderr)")
        try installer.root.write("etc/telemt-gitops/master.key", "")
        let empty = try installer.run(arguments)
        #expect(empty.status == 1 && empty.stderr.contains("master.key exists but is not a master key"), "\(empty.stderr)")
        #expect(try installer.read("etc/telemt-gitops/master.key") == "")
    }

    @Test func missingToolsAndFilesAreErrorsBeforeAnythingIsWritten() throws {
        // A PATH with the basics but no ssh-keygen: said at once, not "command not found" half way.
        let bin = try Scratch()
        for tool in ["bash", "sed", "od", "tr", "cat", "mkdir", "mktemp", "chmod", "mv", "dirname", "awk", "hostname", "id",
                     "head", "rm", "cmp", "install", "uname", "realpath", "grep", "stat"] {
            let which = try CLI.run("/bin/sh", ["-c", "command -v \(tool)"])
            try FileManager.default.createSymbolicLink(atPath: bin.file(tool),
                                                       withDestinationPath: which.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let installer = try Installer()
        let noKeygen = try run(installer, Self.gitops + ["--repo", InstallScriptTests.repo], environment: ["PATH": bin.path])
        #expect(noKeygen.status == 1 && noKeygen.stderr.contains("ssh-keygen is missing: apt-get install openssh-client"),
                "\(noKeygen.stderr)")
        let noFile = try installer.run(Self.gitops + ["--repo", InstallScriptTests.repo, "--known-hosts", installer.root.file("none")])
        #expect(noFile.status == 1 && noFile.stderr.contains("--known-hosts"), "\(noFile.stderr)")
        #expect(try installer.snapshot().isEmpty)
    }

    @Test func statusAndUpgradeOfNothingInstalledSaySoAndFail() throws {
        let installer = try Installer()
        let status = try installer.run(["status"])
        #expect(status.status == 1 && status.stderr.contains("nothing is installed"), "\(status.stderr)")
        let upgrade = try installer.run(["upgrade", "--dry-run"])
        #expect(upgrade.status == 1 && upgrade.stderr.contains("nothing is installed"), "\(upgrade.stderr)")
        #expect(try installer.snapshot().isEmpty, "an upgrade of nothing wrote units")
    }

    @Test func aPurgeAfterADockerUninstallDeletesTheDockerKeys() throws {
        let installer = try Installer()
        #expect(try installer.run(["--mode", "gitops", "--runtime", "docker", "--host", "proxy.example.com",
                                   "--repo", InstallScriptTests.repo, "--dry-run"]).status == 0)
        // What `uninstall` leaves: compose.yaml gone, .env and the keys kept.
        try FileManager.default.removeItem(atPath: installer.root.file("opt/telemt/compose.yaml"))
        let purge = try installer.run(["uninstall", "--purge", "--yes"])
        #expect(purge.status == 0, "\(purge.stderr)")
        #expect(purge.stdout.contains("runtime docker"), "\(purge.stdout)")
        #expect(!installer.exists("opt/telemt/gitops/master.key"))
    }
}
