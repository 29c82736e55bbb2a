import Foundation

if CommandLine.arguments.dropFirst().first == "stats" {
    try StatsBenchmark.run(arguments: Array(CommandLine.arguments.dropFirst(2)))
} else {
    print("benchmarks")
}
