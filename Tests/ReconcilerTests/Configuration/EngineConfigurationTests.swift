import Foundation
import Spec
import StatsSink
import Testing
@testable import Reconciler

struct EngineConfigurationTests {
    func tree(_ text: String) throws -> YAMLNode? {
        try YAMLTreeParser().parse(Array(text.utf8), file: "config.yaml")
    }

    func resolve(_ file: String = "", env: [String: String] = [:], flags: [String: Setting] = [:], root: Bool = false)
        throws -> EngineConfiguration {
        let layers = try ConfigurationLayers(file: tree(file), environment: env, flags: flags)
        return try EngineConfiguration.resolve(layers, environment: env, home: "/home/admin", isRoot: root)
    }

    func failure(_ file: String = "", env: [String: String] = [:], flags: [String: Setting] = [:]) -> ConfigurationError? {
        do {
            _ = try resolve(file, env: env, flags: flags)
            return nil
        } catch let error as ConfigurationError {
            return error
        } catch {
            Issue.record("\(error)")
            return nil
        }
    }

    @Test func theDesignsExampleFileResolves() throws {
        let config = try resolve("""
        node: eu-1
        repo:
          url: git@github.com:acme/proxy-users.git
          branch: main
          ssh_key: /etc/telemt-gitops/deploy_key
          known_hosts: /etc/telemt-gitops/known_hosts
        key: /etc/telemt-gitops/master.key
        telemt:
          config: /etc/telemt/config.toml
          api: http://127.0.0.1:9091
          restart_command: systemctl restart telemt
        state_dir: /var/lib/telemt-gitops
        max_removal: 25%
        interval: 45s
        listen: 127.0.0.1:8081
        notify:
          language: ru
          telegram: { token_file: /etc/telemt-gitops/bot.token, chats: [-1001234567890] }
          thresholds: [95%, 80%]
          expiring_within: 2d
        log_format: json
        """)
        guard case .repository(let repo) = config.source else { Issue.record("\(config.source)"); return }
        #expect(config.node == "eu-1" && repo.url == "git@github.com:acme/proxy-users.git" && repo.sshKey == "/etc/telemt-gitops/deploy_key")
        #expect(config.telemt.api == "http://127.0.0.1:9091" && config.telemt.metrics == "http://127.0.0.1:9090/metrics")
        #expect(config.storePath == "/var/lib/telemt-gitops/stats.sqlite" && config.maxRemoval == 0.25)
        #expect(config.interval == .seconds(45) && config.listen == ("127.0.0.1", 8081) && config.logFormat == "json")
        #expect(config.thresholds == [0.8, 0.95] && config.expiringWithin == .seconds(172_800) && config.language == "ru")
        #expect(config.other["notify.telegram.chats"]?.value == .list(["-1001234567890"]))
    }

    @Test func flagsBeatTheEnvironmentWhichBeatsTheFile() throws {
        let file = "node: from-file\ninterval: 10s\nspec: /srv/spec\n"
        let env = ["TELEMT_GITOPS_NODE": "from-env", "TELEMT_GITOPS_INTERVAL": "20s"]
        let config = try resolve(file, env: env, flags: ["node": .text("from-flag", from: .flag("--node"))])
        #expect(config.node == "from-flag" && config.interval == .seconds(20) && config.source == .directory("/srv/spec"))
    }

    @Test func defaultsFitTheUserRunningIt() throws {
        let user = try resolve("spec: .\n")
        #expect(user.stateDirectory == "/home/admin/.local/state/telemt-gitops" && user.keyFile == user.stateDirectory + "/master.key")
        let root = try resolve("spec: .\n", root: true)
        #expect(root.stateDirectory == "/var/lib/telemt-gitops" && root.keyFile == "/etc/telemt-gitops/master.key")
        #expect(try resolve("spec: .\n", env: ["XDG_STATE_HOME": "/x/state"]).stateDirectory == "/x/state/telemt-gitops")
        #expect(user.maxRemoval == 0.5 && user.interval == .seconds(30) && user.thresholds == [0.8, 0.95])
        #expect(user.telemt.config == "/etc/telemt/config.toml" && user.telemt.reloadTimeout == .seconds(10))
    }

    @Test func mistakesPointAtTheirOrigin() {
        let typo = failure("spec: .\nrepo:\n  brnach: dev\n")
        #expect(typo?.description == "config.yaml:3:3: error: `repo.brnach` is not a setting; did you mean `repo.branch`?")
        let env = failure("spec: .\n", env: ["TELEMT_GITOPS_INTERVALL": "5s"])
        #expect(env?.description == "environment variable TELEMT_GITOPS_INTERVALL: error: no setting is named TELEMT_GITOPS_INTERVALL; did you mean TELEMT_GITOPS_INTERVAL?")
        #expect(failure("spec: .\ninterval: soon\n")?.origin == .file(.init(file: "config.yaml", line: 2, column: 11)))
        #expect(failure("spec: .\nmax_removal: 150%\n")?.message == "`max_removal`: `150%` is outside 0% to 100%")
        #expect(failure("spec: .\nlog_format: jsn\n")?.hint == "did you mean `json`?")
        #expect(failure("spec: .\nlisten: localhost\n")?.message == "`listen`: `localhost` is not host:port")
        #expect(failure("spec: .\nnode: a/b\n")?.message.contains("is not a node name") == true)
        #expect(failure("spec: .\nrepo: { url: x, tag: v1, commit: abc }\n")?.code == .conflict)
        #expect(failure("")?.message == "no desired state: neither `repo.url` nor `spec` is set")
        #expect(failure("spec: .\nstore: postgres://db/x\n")?.message == "`store`: `postgres://db/x` is not a postgres://USER@HOST/DATABASE URL")
        #expect(failure("- a\n- b\n")?.message.contains("must be a mapping of settings") == true)
        #expect(failure("spec: [a, b]\n")?.message == "`spec`: expected one value, found a list")
    }

    @Test func retentionHasDefaultsAndRefusesHoursShorterThanQuarterHours() throws {
        #expect(try resolve("spec: .\n").retention == RetentionPolicy())
        let custom = try resolve("spec: .\nretention: { raw: 1d, quarter_hours: 2d, hours: 3d }\n").retention
        #expect(custom.rawTraffic == 86_400 && custom.quarterHours == 172_800 && custom.hours == 259_200 && custom.scrapes == 400 * 86_400)
        let short = failure("spec: .\nretention: { quarter_hours: 30d, hours: 10d }\n")
        #expect(short?.message.contains("`retention.hours`") == true && short?.hint?.contains("folded into hours") == true)
    }

    @Test func everyKeyHasOneEnvironmentNameAndIsDocumented() throws {
        let names = ConfigurationKeys.all.map(\.environmentName)
        #expect(Set(names).count == names.count)
        #expect(ConfigurationKeys.key("repo.url")?.environmentName == "TELEMT_GITOPS_REPO_URL")
        let docs = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../docs/configuration.md").standardized, encoding: .utf8)
        for key in ConfigurationKeys.all {
            #expect(docs.contains("| `\(key.path)` |"), "docs/configuration.md lacks \(key.path)")
            #expect(docs.contains(key.environmentName), "docs/configuration.md lacks \(key.environmentName)")
        }
    }

    @Test func aConfigurationFileIsReadBoundedAndNamed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("config.yaml").path
        try "spec: /srv\nnode: n1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigurationFile.load(nil, environment: ["TELEMT_GITOPS_CONFIG": path], flags: [:], home: "/h", isRoot: false)
        #expect(config.node == "n1")
        #expect(throws: ConfigurationError.self) { try ConfigurationFile.read(directory.appendingPathComponent("none.yaml").path) }
        try Data(repeating: 0x20, count: ConfigurationFile.maximumBytes + 10).write(to: URL(fileURLWithPath: path))
        #expect { try ConfigurationFile.read(path) } throws: { ($0 as? ConfigurationError)?.message.contains("over the limit") == true }
    }
}

/// Notification URLs are checked where the settings are read, so the refusal points at the line.
struct NotificationSettingsTests {
    @Test func plainHTTPToAnotherHostIsRefusedAtItsLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("config.yaml").path
        try "spec: /srv\nnotify:\n  webhook: { url: \"http://hooks.example.com/x\", secret_file: /s }\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ConfigurationFile.load(path, environment: [:], flags: [:], home: "/h", isRoot: false)
            Issue.record("accepted plain http to another host")
        } catch {
            #expect(error.description.contains("config.yaml:3:") && error.description.contains("must use https"), "\(error.description)")
        }
        #expect(NotificationSettings.allowsOutbound("http://127.0.0.1:9/x") && NotificationSettings.allowsOutbound("https://api.telegram.org"))
        #expect(!NotificationSettings.allowsOutbound("ftp://x") && !NotificationSettings.allowsOutbound("not a url"))
    }
}
