import Foundation

extension StatsBenchmark {
    /// Wall-clock seconds of `cli usage --db path --period month --timezone Europe/Moscow`, end to
    /// end (process start, store open, queries, table printed to a pipe), once per run.
    static func commandTimes(cli: String, database: String, runs: Int) throws -> [Double] {
        try (0..<runs).map { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: cli)
            process.arguments = ["usage", "--db", database, "--period", "month", "--timezone", "Europe/Moscow"]
            let output = Pipe()
            process.standardOutput = output
            var printed = 0
            let start = DispatchTime.now().uptimeNanoseconds
            try process.run()
            printed = output.fileHandleForReading.readDataToEndOfFile().count
            process.waitUntilExit()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard process.terminationStatus == 0, printed > 0 else {
                throw CommandFailed(cli: cli, status: process.terminationStatus)
            }
            return seconds
        }
    }

    /// The usage command exited with an error or printed nothing.
    struct CommandFailed: Error, CustomStringConvertible {
        var cli: String
        var status: Int32
        var description: String { "\(cli) usage exited with status \(status); build it with 'swift build -c release --product telemt-gitops'" }
    }
}
