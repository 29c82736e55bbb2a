import Foundation
import Testing
import TestSupport
@testable import Reconciler

/// Placement, node availability and moves of a fleet (Sources/Reconciler/Fleet).
@Suite enum FleetTests {
    /// `count` nodes `n0`, `n1`, … of weight 1.
    static func nodes(_ count: Int) -> [PlacementNode] {
        (0..<count).map { PlacementNode(name: "n\($0)") }
    }

    /// `count` users `user0`, `user1`, … spread over `replicas` nodes.
    static func users(_ count: Int, replicas: Int = 1) -> [PlacementUser] {
        (0..<count).map { PlacementUser(name: "user\($0)", request: .spread(replicas)) }
    }

    /// A random fleet: 1 to 12 nodes, weights from a small set (so that groups of equal weight form)
    /// or arbitrary, labels from `eu`, `us`, `fast`.
    static func randomNodes(_ random: inout SeededGenerator) -> [PlacementNode] {
        let labels = ["eu", "us", "fast"]
        return (0..<Int.random(in: 1...12, using: &random)).map { index in
            let weight = Bool.random(using: &random)
                ? [0.5, 1, 1, 2, 3][Int.random(in: 0..<5, using: &random)] : Double.random(in: 0.01...10, using: &random)
            return PlacementNode(name: "node-\(index)-\(random.next() % 1000)", weight: weight, labels: Set(labels.filter { _ in Bool.random(using: &random) }))
        }
    }

    /// Random users: spread, by label, or pinned (sometimes to a name that is not a node).
    static func randomUsers(_ count: Int, nodes: [PlacementNode], random: inout SeededGenerator) -> [PlacementUser] {
        (0..<count).map { index in
            let name = "u\(index)-\(random.next() % 100_000)"
            switch random.next() % 6 {
            case 0:
                let pins = (0..<Int.random(in: 1...3, using: &random)).map { _ in nodes.randomElement(using: &random)!.name }
                return PlacementUser(name: name, request: .pinned(pins + (Bool.random(using: &random) ? ["gone"] : [])))
            case 1, 2:
                let labels: Set<String> = [["eu"], ["us"], ["eu", "fast"], ["nowhere"]][Int.random(in: 0..<4, using: &random)]
                return PlacementUser(name: name, request: .replicas(Int.random(in: 0...4, using: &random), labels: labels))
            default:
                return PlacementUser(name: name, request: .spread(Int.random(in: 1...4, using: &random)))
            }
        }
    }

    /// The instant `seconds` after a fixed origin (2026-12-01 12:00 UTC).
    static func at(_ seconds: TimeInterval) -> Date {
        Date(timeIntervalSince1970: 1_796_126_400 + seconds)
    }
}
