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
