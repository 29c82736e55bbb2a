import Foundation
import Spec
import TelemtRender

// Workload generators and measurements for scripts/bench-*.sh.
// Usage: Benchmarks <workload> [arguments]; each workload prints what it produced.

let arguments = Array(CommandLine.arguments.dropFirst())
guard let workload = arguments.first else {
    FileHandle.standardError.write(Data("usage: Benchmarks generate-users COUNT OUT.yaml | derive-secrets [COUNT] | stats ... | api-users [--users N] [--iterations K] [--body-out PATH] | tick --users N --iterations K --template FILE [--dir D] | placement [--users N] [--nodes M] [--replicas R] [--iterations K] | fleet-record [--postgres URL [--password-file F]] [--nodes N] [--users U] [--rounds R] [--interval S] [--arrival together|spread|both] [--dir D]\n".utf8))
    exit(2)
}

switch workload {
case "generate-users":
    guard arguments.count == 3, let count = Int(arguments[1]) else {
        FileHandle.standardError.write(Data("usage: Benchmarks generate-users COUNT OUT.yaml\n".utf8))
        exit(2)
    }
    let yaml = UsersWorkload(count: count).yaml()
    guard FileManager.default.createFile(atPath: arguments[2], contents: Data(yaml.utf8)) else {
        FileHandle.standardError.write(Data("cannot write \(arguments[2])\n".utf8))
        exit(1)
    }
    print("wrote \(count) users (\(yaml.utf8.count) bytes) to \(arguments[2])")
case "stats":
    do {
        try await StatsBenchmark.run(arguments: Array(arguments.dropFirst()))
    } catch {
        FileHandle.standardError.write(Data("stats benchmark failed: \(error)\n".utf8))
        exit(1)
    }
case "api-users":
    do {
        try APIBenchmark.run(arguments: Array(arguments.dropFirst()))
    } catch {
        FileHandle.standardError.write(Data("api-users benchmark failed: \(error)\n".utf8))
        exit(1)
    }
case "tick":
    do {
        try await TickBenchmark.run(arguments: Array(arguments.dropFirst()))
    } catch {
        FileHandle.standardError.write(Data("tick benchmark failed: \(error)\n".utf8))
        exit(1)
    }
case "placement":
    PlacementBenchmark.run(arguments: Array(arguments.dropFirst()))
case "fleet-record":
    do {
        try await FleetRecordBenchmark.run(arguments: Array(arguments.dropFirst()))
    } catch {
        FileHandle.standardError.write(Data("fleet-record benchmark failed: \(error)\n".utf8))
        exit(1)
    }
case "derive-secrets":
    let count = arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000
    let deriver = SecretDeriver(key: MasterKey.generate())
    let users = (0..<count).map { UserSpec(name: "user\($0)") }
    let start = DispatchTime.now()
    guard let secrets = try? deriver.secrets(for: users) else {
        FileHandle.standardError.write(Data("generated users share a secret\n".utf8))
        exit(1)
    }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    print("derived \(secrets.count) secrets in \(String(format: "%.1f", elapsed)) ms")
default:
    FileHandle.standardError.write(Data("unknown workload \(workload)\n".utf8))
    exit(2)
}
