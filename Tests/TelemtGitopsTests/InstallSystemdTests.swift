import Foundation
import Testing
import TestSupport

/// The systemd path of `install.sh` for real, as far as it goes without systemd running: the
/// binary installed under a root, settings and keys in place with their modes and owners, and a
/// `reconcile --once` from the installed files, as the service user, against a local repository
/// and the telemt stand-in.
@Suite(.serialized) struct InstallSystemdTests {
    /// Users every Debian system has: the reconciler runs as `daemon`, telemt as `nobody`.
    static let serviceUser = "daemon", telemtUser = "nobody", telemtGroup = "nogroup"

    /// A bare repository holding what a dry run offers to commit (`starter/`), writable by the service user.
    private func starterRepository(in scratch: Scratch) throws -> String {
        let preview = try Installer()
        let dry = try preview.run(["--mode", "gitops", "--runtime", "systemd", "--host", "proxy.example.com",
                                   "--repo", "file:///unused", "--node", "eu-1", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        return try repository(in: scratch, files: [
            "users.yaml": try preview.read("etc/telemt-gitops/starter/users.yaml"),
            "telemt.toml": try preview.read("etc/telemt-gitops/starter/telemt.toml"),
        ])
    }

    /// A bare repository (`users.git`, branch main) with `files` committed, and its clone in `work/`.
    private func repository(in scratch: Scratch, files: [String: String]) throws -> String {
        let bare = scratch.file("users.git"), work = scratch.file("work")
        let env = CLI.gitEnvironment(ProcessInfo.processInfo.environment)
        func git(_ arguments: [String], in directory: String) throws {
            let result = try CLI.run("/usr/bin/git", arguments, in: directory, environment: env)
            #expect(result.status == 0, "git \(arguments): \(result.stderr)")
        }
        if !FileManager.default.fileExists(atPath: bare) {
            try git(["init", "-q", "--bare", "-b", "main", bare], in: scratch.path)
            try git(["clone", "-q", bare, work], in: scratch.path)
        }
        for (name, text) in files { try scratch.write("work/" + name, text) }
        try git(["add", "."], in: work)
        try git(["commit", "-qm", "Users of the proxy"], in: work)
        try git(["push", "-q", "origin", "HEAD:main"], in: work)
        _ = try CLI.run("/bin/chown", ["-R", Self.serviceUser, bare])
        return bare
    }

    private func runAsService(_ arguments: [String], home: String) throws -> CLI.Result {
        try CLI.run("/usr/bin/setpriv", ["--reuid=\(Self.serviceUser)", "--regid=\(Self.serviceUser)",
                                         "--groups=\(Self.telemtGroup)", "/usr/bin/env", "HOME=\(home)"] + arguments)
    }

    @Test func anInstallUnderARootReconcilesFromItsOwnFilesAsTheServiceUser() throws {
        let scratch = try Scratch()
        let bare = try starterRepository(in: scratch)
        let installer = try Installer()
        let metricsPort = try LoopbackServer.freePort(), apiPort = try LoopbackServer.freePort()
        try scratch.write("telemt", "#!/bin/sh\nexit 0\n")
        chmod(scratch.file("telemt"), 0o755)
        let arguments = ["--mode", "gitops", "--runtime", "systemd", "--host", "proxy.example.com", "--repo", "file://" + bare,
                         "--node", "eu-1", "--binary", CLI.binary, "--telemt-binary", scratch.file("telemt"),
                         "--service-user", Self.serviceUser, "--telemt-user", Self.telemtUser,
                         "--metrics-port", String(metricsPort), "--api-port", String(apiPort), "--yes"]
        let install = try installer.run(arguments)
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        #expect(install.stdout.contains("systemd is not running here (or this is under --root)"))
        #expect(FileManager.default.contentsEqual(atPath: installer.root.file("usr/local/bin/telemt-gitops"), andPath: CLI.binary))

        try expectModesAndOwners(installer)
        let again = try installer.snapshot()
        #expect(try installer.run(arguments).status == 0)
        #expect(try installer.snapshot() == again, "a second install changed files")

        let configURL = URL(fileURLWithPath: installer.root.file("etc/telemt/config.toml"))
        let telemt = try TelemtStandIn(configAt: configURL, metricsPort: metricsPort, apiPort: apiPort)
        defer { telemt.stop() }
        let tick = try runAsService([installer.root.file("usr/local/bin/telemt-gitops"), "reconcile", "--once",
                                     "--config", installer.root.file("etc/telemt-gitops/config.yaml")],
                                    home: installer.root.file("var/lib/telemt-gitops"))
        #expect(tick.status == 0, "\(tick.stdout)\(tick.stderr)")
        let rendered = try installer.read("etc/telemt/config.toml")
        let links = try CLI.run(["links", "admin", "--spec", scratch.file("work"), "--key", installer.root.file("etc/telemt-gitops/master.key")])
        let secret = try #require(links.stdout.split(separator: "secret=ee").dropFirst().first?.prefix(32))
        #expect(rendered.contains("admin = \"\(secret)\""))
        #expect(try installer.owners("etc/telemt/config.toml") == "\(Self.serviceUser):\(Self.telemtGroup)")
        #expect(installer.mode("etc/telemt/config.toml") == 0o640)
        #expect(telemt.reloadLog().contains { $0["result"] as? String == "accepted" })
        let log = try CLI.run("/usr/bin/git", ["--git-dir", bare, "log", "--format=%s", "main"])
        #expect(log.stdout.contains("status"), "\(log.stdout)")
    }

    private func expectModesAndOwners(_ installer: Installer) throws {
        let service = "\(Self.serviceUser):\(Self.serviceUser)"
        for (file, mode, owners) in [
            ("etc/telemt-gitops/master.key", 0o600, service),
            ("etc/telemt-gitops/webhook.secret", 0o600, service),
            ("etc/telemt-gitops/config.yaml", 0o640, "root:\(Self.serviceUser)"),
            ("etc/telemt-gitops", 0o750, "root:\(Self.serviceUser)"),
            ("etc/telemt", 0o2750, "\(Self.serviceUser):\(Self.telemtGroup)"),
            ("etc/telemt/config.toml", 0o640, "\(Self.serviceUser):\(Self.telemtGroup)"),
            ("var/lib/telemt-gitops", 0o700, service),
            ("usr/local/bin/telemt-gitops", 0o755, "root:root"),
        ] as [(String, mode_t, String)] {
            var info = stat()
            stat(installer.root.file(file), &info)
            #expect(info.st_mode & 0o7777 == mode, "\(file): \(String(info.st_mode & 0o7777, radix: 8))")
            #expect(try installer.owners(file) == owners, "\(file)")
        }
    }

    @Test func uninstallKeepsTheStoreAndKeysUnlessPurgedWithConsent() throws {
        let installer = try Installer()
        let base = ["--mode", "gitops", "--runtime", "systemd", "--host", "proxy.example.com", "--repo", "file:///unused",
                    "--dry-run"]
        #expect(try installer.run(base).status == 0)
        try installer.root.write("var/lib/telemt-gitops/stats.sqlite", "store")
        // Without a terminal, --purge needs --yes: a usage error, and nothing is touched.
        let refused = try installer.run(["uninstall", "--runtime", "systemd", "--purge"])
        #expect(refused.status == 64 && refused.stderr.contains("without a terminal it needs --yes"), "\(refused.stderr)")
        #expect(installer.exists("etc/systemd/system/telemt-gitops.service"))
        let keep = try installer.run(["uninstall", "--runtime", "systemd"])
        #expect(keep.status == 0, "\(keep.stderr)")
        #expect(keep.stdout.contains("kept the store"))
        #expect(installer.exists("etc/telemt-gitops/master.key") && installer.exists("var/lib/telemt-gitops/stats.sqlite"))
        #expect(!installer.exists("etc/systemd/system/telemt-gitops.service"))
        let purge = try installer.run(["uninstall", "--runtime", "systemd", "--purge", "--yes"])
        #expect(purge.status == 0 && purge.stdout.contains("deleted the store and the keys"))
        #expect(!installer.exists("etc/telemt-gitops/master.key") && !installer.exists("var/lib/telemt-gitops"))
        #expect(installer.exists("etc/telemt/config.toml"), "telemt's config stays")
    }

    /// An existing telemt with 1,000 users, adopted with `--from-config`: telemt keeps serving the
    /// same file, the imported repository plans no change, and the first tick keeps every secret.
    @Test func anExistingConfigOfAThousandUsersIsAdoptedWithoutChangingAnyLink() throws {
        let scratch = try Scratch()
        let users = ImportCommandTests.users(1_000)
        let existing = ImportCommandTests.config(users)
            .replacingOccurrences(of: "[server]\n", with: "[server]\nmetrics_listen = \"127.0.0.1:9090\"\n")
        try scratch.write("old/config.toml", existing)
        let installer = try Installer()
        let metricsPort = try LoopbackServer.freePort(), apiPort = try LoopbackServer.freePort()
        let install = try installer.run(["--mode", "gitops", "--runtime", "systemd", "--host", "proxy.example.com",
                                         "--repo", "file://" + scratch.file("users.git"), "--node", "eu-1", "--binary", CLI.binary,
                                         "--telemt-binary", "/bin/true", "--service-user", Self.serviceUser, "--telemt-user", Self.telemtUser,
                                         "--metrics-port", String(metricsPort), "--api-port", String(apiPort),
                                         "--from-config", scratch.file("old/config.toml"), "--yes"])
        // The fetch check fails until the imported files are committed; what it wrote is kept.
        #expect(install.status == 1 && install.stderr.contains("commit \(installer.root.path)/etc/telemt-gitops/starter"), "\(install.stderr)")
        #expect(try installer.read("etc/telemt/config.toml") == existing, "telemt keeps serving the existing config")
        let starter = try installer.read("etc/telemt-gitops/starter/users.yaml")
        #expect(users.allSatisfy { starter.contains($0.secret) })
        _ = try repository(in: scratch, files: [
            "users.yaml": starter, "telemt.toml": try installer.read("etc/telemt-gitops/starter/telemt.toml"),
        ])
        #expect(try installer.run(["--mode", "gitops", "--runtime", "systemd", "--host", "proxy.example.com",
                                   "--repo", "file://" + scratch.file("users.git"), "--node", "eu-1", "--binary", CLI.binary,
                                   "--telemt-binary", "/bin/true", "--service-user", Self.serviceUser, "--telemt-user", Self.telemtUser,
                                   "--metrics-port", String(metricsPort), "--api-port", String(apiPort),
                                   "--from-config", scratch.file("old/config.toml"), "--yes"]).status == 0)

        let settings = installer.root.file("etc/telemt-gitops/config.yaml"), home = installer.root.file("var/lib/telemt-gitops")
        let binary = installer.root.file("usr/local/bin/telemt-gitops")
        let plan = try runAsService([binary, "plan", "--config", settings, "--no-telemt", "--detailed-exitcode"], home: home)
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
        let telemt = try TelemtStandIn(configAt: URL(fileURLWithPath: installer.root.file("etc/telemt/config.toml")),
                                       metricsPort: metricsPort, apiPort: apiPort)
        defer { telemt.stop() }
        let tick = try runAsService([binary, "reconcile", "--once", "--config", settings], home: home)
        #expect(tick.status == 0, "\(tick.stdout)\(tick.stderr)")
        let served = try installer.read("etc/telemt/config.toml")
        #expect(users.allSatisfy { served.contains("\"\($0.secret)\"") }, "a secret changed")
    }
}
