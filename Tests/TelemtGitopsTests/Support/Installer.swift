import Foundation

/// Runs the repository's `install.sh` as a user would (no terminal: every answer from flags or
/// `TELEMT_INSTALL_*`), under a scratch root, and reads back what it wrote.
struct Installer {
    let root: Scratch

    init() throws { root = try Scratch() }

    /// `install.sh ARGUMENTS --root ROOT` with this process's environment plus `environment`.
    func run(_ arguments: [String], environment: [String: String] = [:], root: Bool = true) throws -> CLI.Result {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TELEMT_INSTALL_") }
        env.merge(environment) { $1 }
        return try CLI.run("/bin/bash", [CLI.root + "/install.sh"] + arguments + (root ? ["--root", self.root.path] : []),
                           environment: env)
    }

    /// Every file under the root: its mode and bytes, by path relative to the root.
    func snapshot() throws -> [String: String] {
        var files: [String: String] = [:]
        let base = URL(fileURLWithPath: root.path).resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return files }
        for case let relative as String in walker {
            let path = base + "/" + relative
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let bytes = (info.st_mode & S_IFMT) == S_IFREG ? (FileManager.default.contents(atPath: path) ?? Data()) : Data()
            files[relative] = String(info.st_mode, radix: 8) + " \(info.st_uid):\(info.st_gid) " + bytes.base64EncodedString()
        }
        return files
    }

    /// The mode bits of a file under the root.
    func mode(_ relative: String) -> mode_t { root.mode(relative) }

    /// The owner and group names of a file under the root.
    func owners(_ relative: String) throws -> String {
        let attributes = try FileManager.default.attributesOfItem(atPath: root.file(relative))
        return "\(attributes[.ownerAccountName] as? String ?? "?"):\(attributes[.groupOwnerAccountName] as? String ?? "?")"
    }

    func read(_ relative: String) throws -> String { try root.read(relative) }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: root.file(relative)) }

    /// The bin directory of the checkers that `scripts/lint-tools.sh` installs (check-jsonschema, hadolint).
    static let lintTools: String = {
        let result = try? CLI.run("/bin/bash", [CLI.root + "/scripts/lint-tools.sh"])
        return (result?.stdout ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }()
}

extension Installer {
    /// `install.sh ARGUMENTS --root ROOT` on a terminal (a pseudo-terminal from `script`), typing
    /// `answers` one line at a time as the questions come.
    func runOnTerminal(_ arguments: [String], answers: [String]) throws -> String {
        let command = (["bash", CLI.root + "/install.sh"] + arguments + ["--root", root.path]).joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let typist = Thread {
            for answer in answers {
                Thread.sleep(forTimeInterval: 0.4)
                input.fileHandleForWriting.write(Data((answer + "\n").utf8))
            }
            Thread.sleep(forTimeInterval: 1)
            try? input.fileHandleForWriting.close()
        }
        typist.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r", with: "")
    }
}
