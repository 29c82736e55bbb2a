import Foundation

/// Runs a helper program (ssh-keygen, gpgv) with input from a file, output to files, and a time limit.
enum ProcessRunner {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `program` (found on PATH or in /usr/bin, /bin) with `arguments`; `stdin` bytes are fed on
    /// standard input; its files are named `<filePrefix>stdin` etc. A run longer than `timeout` is terminated and reported with status -1.
    static func run(_ program: String, _ arguments: [String], stdin: [UInt8] = [], filePrefix: URL,
                    timeout: Duration = .seconds(30)) throws(GitSourceError) -> Output {
        guard let executable = locate(program) else {
            throw .invalidConfiguration(field: "signature verification", value: program,
                                        reason: "\(program) is not installed (apt-get install it)")
        }
        let input = URL(fileURLWithPath: filePrefix.path + "stdin")
        let output = URL(fileURLWithPath: filePrefix.path + "stdout")
        let errors = URL(fileURLWithPath: filePrefix.path + "stderr")
        do {
            try Data(stdin).write(to: input)
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.standardInput = try FileHandle(forReadingFrom: input)
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = try FileHandle(forWritingTo: errors)
            let finished = DispatchSemaphore(value: 0)
            process.terminationHandler = { _ in finished.signal() }
            try process.run()
            let timedOut = finished.wait(timeout: .now() + .nanoseconds(Int(clamping: timeout.nanoseconds))) == .timedOut
            if timedOut {
                process.terminate()
                finished.wait()
            }
            return Output(status: timedOut ? -1 : process.terminationStatus,
                          stdout: try String(contentsOf: output, encoding: .utf8),
                          stderr: try String(contentsOf: errors, encoding: .utf8))
        } catch {
            throw .invalidConfiguration(field: "signature verification", value: program, reason: "could not run: \(error)")
        }
    }

    static func locate(_ program: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/local/bin"]
        return directories.lazy.map { URL(fileURLWithPath: $0).appendingPathComponent(program) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
