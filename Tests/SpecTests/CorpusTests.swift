import Foundation
import Testing
@testable import Spec

/// The files of `Corpus/bad` (each with a `.expected` sidecar) and `Corpus/good`.
enum Corpus {
    static let root = Bundle.module.url(forResource: "Corpus", withExtension: nil)

    static func files(in folder: String) -> [String] {
        guard let root, let names = try? FileManager.default.contentsOfDirectory(atPath: root.appending(path: folder).path)
        else { return [] }
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    static func source(_ folder: String, _ name: String) throws -> SpecSource {
        let url = try #require(root).appending(path: folder).appending(path: name)
        return SpecSource(path: name, bytes: Array(try Data(contentsOf: url)))
    }

    static func expected(for name: String) throws -> [String] {
        let url = try #require(root).appending(path: "bad").appending(path: name.replacingOccurrences(of: ".yaml", with: ".expected"))
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }
}

/// Every bad file fails with exactly the diagnostics of its `.expected` file, one line per diagnostic:
/// `line:col: severity: text that the diagnostic contains`, in order.
@Test(arguments: Corpus.files(in: "bad"))
func badFileReportsExpectedDiagnostics(name: String) throws {
    let source = try Corpus.source("bad", name)
    let expected = try Corpus.expected(for: name)
    let error = try #require(throws: SpecValidationError.self) { try SpecLoader.load([source]) }
    let actual = error.diagnostics
    #expect(actual.count == expected.count, "\(name): got\n\(actual.map(\.description).joined(separator: "\n"))")
    for (diagnostic, line) in zip(actual, expected) {
        let parts = line.split(separator: ":", maxSplits: 3).map { $0.trimmingCharacters(in: .whitespaces) }
        try #require(parts.count == 4, "malformed expectation `\(line)` in \(name)")
        #expect(diagnostic.location.file == name)
        #expect("\(diagnostic.location.line):\(diagnostic.location.column)" == "\(parts[0]):\(parts[1])",
                "\(name): \(diagnostic)")
        #expect(diagnostic.severity.rawValue == parts[2], "\(name): \(diagnostic)")
        #expect(diagnostic.description.contains(parts[3]), "\(name): `\(diagnostic)` lacks `\(parts[3])`")
    }
}

@Test func corpusHasAtLeastThirtyBadFiles() {
    #expect(Corpus.files(in: "bad").count >= 30)
}

@Test(arguments: Corpus.files(in: "good"))
func goodFileLoads(name: String) throws {
    let loaded = try SpecLoader.load([try Corpus.source("good", name)])
    #expect(loaded.state.proxy.host.isEmpty == false)
    #expect(loaded.warnings.allSatisfy { $0.severity == .warning })
}
