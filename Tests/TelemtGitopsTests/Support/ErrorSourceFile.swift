import Foundation
import Testing

/// A Swift source file that declares an error type, and where its cases or codes are: the test
/// reads them from the source so that a new case or code without a catalog entry fails.
struct ErrorSourceFile: Sendable, CustomTestStringConvertible {
    /// The error type as catalog keys name it.
    let type: String
    /// The file, relative to the repository.
    let path: String
    /// The enum whose cases are the kinds, `Code` for `static let name = Code(` lines, or nil for a type without kinds.
    let member: String?

    var testDescription: String { type }

    static let all: [ErrorSourceFile] = [
        .init(type: "GitSourceError", path: "Sources/Reconciler/Git/GitSourceError.swift", member: "GitSourceError"),
        .init(type: "EngineError", path: "Sources/Reconciler/Engine/EngineError.swift", member: "Code"),
        .init(type: "ConfigurationError", path: "Sources/Reconciler/Configuration/ConfigurationError.swift", member: "Code"),
        .init(type: "DesiredStateError", path: "Sources/Reconciler/Desired/DesiredStateError.swift", member: "DesiredStateError"),
        .init(type: "DesiredFilesError", path: "Sources/Reconciler/Desired/DesiredFilesError.swift", member: "Problem"),
        .init(type: "StatusFileError", path: "Sources/Reconciler/Status/StatusFileError.swift", member: nil),
        .init(type: "TelemtImportError", path: "Sources/Reconciler/Import/TelemtImportError.swift", member: nil),
        .init(type: "DaemonError", path: "Sources/Daemon/DaemonError.swift", member: "Code"),
        .init(type: "StatsStoreError", path: "Sources/StatsSink/Store/StatsStoreError.swift", member: "Code"),
        .init(type: "PostgresSettingsError", path: "Sources/StatsSinkPostgres/PostgresSettingsError.swift", member: "Code"),
        .init(type: "ScrapeError", path: "Sources/StatsSink/HTTP/ScrapeError.swift", member: "Reason"),
        .init(type: "TelemtScrapeError", path: "Sources/StatsSink/HTTP/TelemtScraper.swift", member: "TelemtScrapeError"),
        .init(type: "TelemtMetricsError", path: "Sources/StatsSink/Telemt/TelemtMetricsError.swift", member: "Reason"),
        .init(type: "PrometheusParseError", path: "Sources/StatsSink/Prometheus/PrometheusParseError.swift", member: "Reason"),
        .init(type: "TelemtAPIError", path: "Sources/StatsSink/API/TelemtAPIError.swift", member: "Reason"),
        .init(type: "JSONScanError", path: "Sources/StatsSink/API/JSONScanError.swift", member: nil),
        .init(type: "MasterKeyError", path: "Sources/TelemtRender/MasterKeyError.swift", member: "Problem"),
        .init(type: "ManagedTablesError", path: "Sources/TelemtRender/ManagedTablesError.swift", member: "Reason"),
        .init(type: "FileWriteError", path: "Sources/TelemtRender/FileWriteError.swift", member: "Operation"),
        .init(type: "TOMLParseError", path: "Sources/TelemtRender/TOMLParseError.swift", member: "Code"),
        .init(type: "ConfigRenderError", path: "Sources/TelemtRender/ConfigRenderError.swift", member: "ConfigRenderError"),
        .init(type: "TemplateDiagnostic", path: "Sources/TelemtRender/TemplateDiagnostic.swift", member: "Rule"),
        .init(type: "QRCodeError", path: "Sources/TelemtRender/QRCode.swift", member: nil),
        .init(type: "DuplicateSecretError", path: "Sources/TelemtRender/SecretDeriver.swift", member: nil),
    ]

    /// Error enums nested in a type above (their cases are that type's kinds).
    static let nested = ["Reason"]

    /// Spec's errors become users.yaml diagnostics, which docs/users-yaml.md lists rule by rule.
    static let documentedElsewhere = ["SpecValidationError", "Problem"]

    /// The names of the kinds: the cases of `member`, or the `static let name = Code(` constants.
    func memberNames() throws -> [String] {
        guard let member else { return [] }
        let source = try String(contentsOfFile: CLI.root + "/" + path, encoding: .utf8)
        if member == "Code", !source.contains("enum Code") { return Self.codeConstants(in: source) }
        return Self.cases(of: member, in: source)
    }

    /// `nodeClaimed` for `public static let nodeClaimed = Code(description: "node claimed")`.
    static func codeConstants(in source: String) -> [String] {
        source.matches(of: /static let (\w+) = Code\(/).map { String($0.output.1) }
    }

    /// The case names declared directly in `enum name { … }` (not the `case .x:` of its switches).
    static func cases(of name: String, in source: String) -> [String] {
        var depth = 0
        var inside = false
        var names: [String] = []
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let code = String(line.replacing(/"(\\.|[^"\\])*"/, with: "\"\"").prefix { $0 != "/" })
            if !inside, code.contains("enum \(name):") || code.contains("enum \(name) ") { inside = true }
            guard inside else { continue }
            if depth == 1 { names += declaredCases(code) }
            depth += code.filter { $0 == "{" }.count - code.filter { $0 == "}" }.count
            if depth == 0, code.contains("}") { break }
        }
        return names
    }

    /// `a`, `b` and `c` for `case a, b(Int), c = "x"`; nothing for other lines.
    private static func declaredCases(_ line: String) -> [String] {
        guard let match = line.firstMatch(of: /^\s*case\s+(.*)$/) else { return [] }
        var names: [String] = []
        var nesting = 0
        var current = ""
        for character in match.output.1 {
            if character == "(" { nesting += 1 }
            if character == ")" { nesting -= 1 }
            if character == ",", nesting == 0 {
                names.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        names.append(current)
        return names.compactMap { $0.firstMatch(of: /^\s*([a-z][A-Za-z0-9_]*)/).map { String($0.output.1) } }
    }

    /// Every `public struct|enum Name: Error` of the modules.
    static func publicErrorTypes() throws -> [String] {
        let sources = CLI.root + "/Sources"
        let files = FileManager.default.enumerator(atPath: sources)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        return try files.flatMap { file in
            try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
                .matches(of: /public (?:struct|enum) (\w+): Error\b/).map { String($0.output.1) }
        }
    }
}
