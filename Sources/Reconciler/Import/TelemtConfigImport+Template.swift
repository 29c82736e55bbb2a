import Spec
import TelemtRender

extension TelemtConfigImport {
    /// The template: the source with the managed tables emptied. A user's secret left in it (in a
    /// comment outside those tables) is an error: telemt.toml goes into git.
    func emptiedTemplate(_ document: TOMLDocument, secrets: Set<String>) throws(TelemtImportError) -> [UInt8] {
        let template: [UInt8]
        do {
            template = try ManagedTables.emptied(document)
        } catch {
            throw TelemtImportError([problem(at: error.location, error.message)])
        }
        let sourceLines = source.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var problems: [TelemtImportError.Problem] = []
        for line in template.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            guard let column = Self.secretColumn(in: line, secrets: secrets) else { continue }
            let number = sourceLines.firstIndex { $0.elementsEqual(line) }.map { $0 + 1 }
            problems.append(TelemtImportError.Problem(path: path, line: number, column: column, message:
                "a user's secret is written here, outside the user tables (in a comment?), and telemt.toml goes into git: "
                + "remove it from the source config and run import again"))
        }
        guard problems.isEmpty else { throw TelemtImportError(problems) }
        return template
    }

    /// The 1-based column where a run of exactly 32 hex digits equal to one of `secrets` starts. A
    /// placeholder (one digit 32 times, like telemt's example `ad_tag`) is no secret to keep out.
    private static func secretColumn(in line: ArraySlice<UInt8>, secrets: Set<String>) -> Int? {
        guard !secrets.isEmpty else { return nil }
        let bytes = Array(line)
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end].isHexDigit { end += 1 }
            if end - start == 32, Set(bytes[start..<end]).count > 1, secrets.contains(String(decoding: bytes[start..<end], as: UTF8.self).lowercased()) { return start + 1 }
            start = end + 1
        }
        return nil
    }

    /// Loads the files as `validate` would: they must hold. Returns the warnings worth showing
    /// (one per explicit secret is left out: every imported user has one).
    func check(usersYAML: [UInt8], template: [UInt8], userCount: Int) throws(TelemtImportError) -> [String] {
        let files = DesiredFiles(users: [SpecSource(path: "users.yaml", bytes: usersYAML)],
                                 template: DesiredFile(path: "telemt.toml", bytes: template))
        do {
            let checked = try DesiredStateCheck(files: files).run()
            return checked.warnings.filter { !$0.contains("explicit secret") }
        } catch {
            if case .noUsers = error {
                return ["warning: \(path) has no users in [access.users]: add users to users.yaml before the first reconcile "
                    + "(telemt refuses a config without users)"]
            }
            let lines = error.description.split(separator: "\n").filter { $0.contains("error:") }
            throw TelemtImportError(lines.map { TelemtImportError.Problem(path: path, message: "the users.yaml to write would not load: \($0)") })
        }
    }
}
