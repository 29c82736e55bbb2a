import Testing
@testable import TelemtRender

@Suite struct TemplateValidatorTests {
    /// A template that passes every rule.
    static let clean = """
    [general.telemetry]
    user_enabled = true

    [server]
    port = 443
    metrics_listen = "127.0.0.1:9090"

    [server.api]
    enabled = true
    read_only = true

    [censorship]
    tls_domain = "www.example.com"

    [access.users]
    hello = "00000000000000000000000000000000"
    """

    static func findings(_ template: String) -> [String] {
        TemplateValidator().validate(template).map { "\($0.severity.rawValue) \($0.rule.rawValue) \($0.location)" }
    }

    @Test func cleanTemplateHasNoDiagnostics() {
        #expect(TemplateValidator().validate(Self.clean).isEmpty)
    }

    @Test func reportsSyntaxErrorsWithPosition() {
        #expect(Self.findings("[server]\nport = 443\nport = 444\n") == ["error syntax 3:1"])
    }

    @Test func telemtExampleWarnsAboutAPIAndMetrics() throws {
        let diagnostics = TemplateValidator().validate(try TestSupport.golden("config.example.toml"))
        #expect(diagnostics.map { "\($0.severity.rawValue) \($0.rule.rawValue) \($0.location)" }
            == ["warning metricsDisabled 31:1", "warning writableAPI 39:1"])
        #expect(diagnostics.allSatisfy { !$0.fix.isEmpty && !$0.message.isEmpty })
    }

    @Test func userTelemetryOffIsAnError() {
        let template = Self.clean.replacingOccurrences(of: "user_enabled = true", with: "user_enabled = false")
        #expect(Self.findings(template) == ["error userTelemetryDisabled 2:1"])
    }

    @Test(arguments: [
        ("[server.api]\nenabled = false\n", false),
        ("[server.api]\nread_only = true\n", false),
        ("[server.api]\nlisten = \"127.0.0.1:9091\"\n", true),
        ("[server]\napi = { enabled = true }\n", true),
        ("", true),
    ])
    func writableAPIWarns(api: String, warns: Bool) {
        let template = "[server]\nmetrics_port = 9090\n" + api.replacingOccurrences(of: "[server]\n", with: "")
        let rules = TemplateValidator().validate(template).map(\.rule)
        #expect(rules.contains(.writableAPI) == warns)
    }

    @Test(arguments: [
        ("\"\"", "error"), ("\"bad domain\"", "error"), ("\"a/b\"", "error"), ("42", "error"),
        ("\"example.com:443\"", "warning"), ("\"-a.example\"", "warning"), ("\"a..b\"", "warning"),
        ("\"www.example.com\"", nil), ("\"пример.рф\"", nil),
    ] as [(String, String?)])
    func checksTLSDomain(value: String, severity: String?) {
        let template = Self.clean.replacingOccurrences(of: "tls_domain = \"www.example.com\"", with: "tls_domain = \(value)")
        let found = TemplateValidator().validate(template).filter { $0.rule == .invalidTLSDomain }
        #expect(found.map(\.severity.rawValue) == (severity.map { [$0] } ?? []))
        #expect(found.allSatisfy { $0.location.line == 13 })
    }

    @Test func checksTLSDomainsList() {
        let withList = Self.clean.replacingOccurrences(
            of: "tls_domain = \"www.example.com\"", with: "tls_domain = \"www.example.com\"\ntls_domains = [\"ok.example\", \"x y\"]")
        #expect(Self.findings(withList) == ["error invalidTLSDomain 14:1"])
    }

    @Test func managedTablesInOtherFormsAreErrors() {
        let template = Self.clean.replacingOccurrences(
            of: "[access.users]\nhello", with: "[access]\nusers.hello")
        #expect(Self.findings(template) == ["error managedTableForm 16:1"])
    }

    @Test func checksAccessSettings() {
        let template = Self.clean.replacingOccurrences(of: "[access.users]", with: """
        [access]
        user_max_unique_ips_window_secs = 0
        user_max_unique_ips_mode = "sometimes"
        replay_window_secs = -1

        [access.user_ad_tags]
        hello = "00000000000000000000000000000000"

        [access.users]
        """)
        #expect(Self.findings(template) == [
            "error accessSetting 16:1", "error accessSetting 17:1", "error accessSetting 18:1",
            "warning unmanagedPerUserTable 20:1",
        ])
    }

    @Test func warnsAboutIncludes() {
        #expect(Self.findings(Self.clean + "\n  include = \"users.toml\"\n") == ["warning include 17:1"])
    }

    @Test func reportsRestartOnlyChanges() throws {
        let old = try TOMLDocument(parsing: Self.clean + "\n[general]\nlog_level = \"normal\"\nuse_middle_proxy = true\n")
        let new = try TOMLDocument(parsing: Self.clean
            .replacingOccurrences(of: "port = 443", with: "port = 8443")
            .replacingOccurrences(of: "hello = \"0", with: "other = \"0")
            + "\n[general]\nlog_level = \"debug\"\nuse_middle_proxy = false\n")
        #expect(TemplateValidator.restartRequiredChanges(from: old, to: new) == ["general.use_middle_proxy", "server.port"])
        #expect(TemplateValidator.restartRequiredChanges(from: old, to: old).isEmpty)
    }
}
