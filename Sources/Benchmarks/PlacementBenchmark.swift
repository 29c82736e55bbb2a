import Foundation
import Reconciler

/// `Benchmarks placement --users N --nodes M --replicas R --iterations K`: weighted rendezvous
/// placement of N users (`user000000`, …) over M nodes (`node-00`, …; every fifth of weight 2, the
/// others 1), by ``RendezvousPlacer`` (median and fastest of K runs) and by the straightforward
/// ``ReferencePlacer`` (median of 3), with a checksum of the placement that
/// scripts/bench/baseline_placement.py computes the same way. Prints one `key=value` line for
/// scripts/bench-placement.sh.
enum PlacementBenchmark {
    static func run(arguments: [String]) {
        let options = Dictionary(stride(from: 0, to: arguments.count - 1, by: 2).map { (arguments[$0], arguments[$0 + 1]) }, uniquingKeysWith: { $1 })
        let userCount = Int(options["--users"] ?? "") ?? 100_000
        let nodeCount = Int(options["--nodes"] ?? "") ?? 50
        let replicas = Int(options["--replicas"] ?? "") ?? 1
        let iterations = max(1, Int(options["--iterations"] ?? "") ?? 15)
        let nodes = (0..<nodeCount).map { PlacementNode(name: String(format: "node-%02d", $0), weight: $0 % 5 == 0 ? 2 : 1) }
        let users = (0..<userCount).map { PlacementUser(name: String(format: "user%06d", $0), request: .spread(replicas)) }
        let fast = RendezvousPlacer(nodes: nodes)
        var placement = fast.place(users)
        var times: [Double] = []
        for _ in 0..<iterations { times.append(milliseconds { placement = fast.place(users) }) }
        let reference = ReferencePlacer(nodes: nodes)
        var slow = placement
        let referenceTimes = (0..<3).map { _ in milliseconds { slow = reference.place(users) } }
        print(
            "fast_ms=\(format(median(times))) fast_min_ms=\(format(times.min() ?? 0)) reference_ms=\(format(median(referenceTimes)))"
                + " same=\(slow == placement) checksum=\(checksum(placement))"
        )
    }

    /// `RendezvousHash.key` of the lines `user:node,node\n`, as 16 hex digits.
    static func checksum(_ placement: Placement) -> String {
        var text = ""
        text.reserveCapacity(placement.count * 24)
        for index in 0..<placement.count {
            text += placement.users[index].name + ":" + placement.nodeNames(ofUserAt: index).joined(separator: ",") + "\n"
        }
        let hex = String(RendezvousHash.key(text), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static func milliseconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    private static func median(_ values: [Double]) -> Double {
        values.sorted()[values.count / 2]
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
