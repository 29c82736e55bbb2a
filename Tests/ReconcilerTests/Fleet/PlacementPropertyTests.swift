import Foundation
import Testing
@testable import Reconciler

extension FleetTests {
    /// How placement moves users when the fleet changes. Tolerances: with N users, the share that
    /// moves is binomial, so its standard deviation is √(p(1−p)/N); the bounds are 5 of them.
    @Suite struct PlacementPropertyTests {
        @Test(arguments: [1, 2])
        func aFourthNodeTakesAQuarterOfTheUsersAndOnlyTheyMove(replicas: Int) {
            let users = FleetTests.users(20_000, replicas: replicas)
            let before = RendezvousPlacer(nodes: FleetTests.nodes(3)).place(users)
            let after = RendezvousPlacer(nodes: FleetTests.nodes(4)).place(users)
            let moves = before.moves(to: after)
            for move in moves {
                #expect(move.to == ["n3"])
                #expect(move.from.count == 1)
                #expect(move.reason == .nodeAdded("n3"))
            }
            // Each user's new node set holds n3 with probability replicas/4; one replica moves to it.
            let share = Double(moves.count) / Double(users.count)
            let expected = Double(replicas) / 4
            let sigma = (expected * (1 - expected) / Double(users.count)).squareRoot()
            #expect(abs(share - expected) < 5 * sigma, "moved \(share), expected \(expected) ± \(5 * sigma)")
        }

        @Test(arguments: [1, 2])
        func removingANodeMovesOnlyItsUsers(replicas: Int) {
            let users = FleetTests.users(10_000, replicas: replicas)
            let before = RendezvousPlacer(nodes: FleetTests.nodes(5)).place(users)
            let after = RendezvousPlacer(nodes: FleetTests.nodes(5).filter { $0.name != "n2" }).place(users)
            let moves = before.moves(to: after)
            #expect(moves.count == before.userCounts["n2"])
            for move in moves {
                #expect(move.from == ["n2"])
                #expect(move.to.count == 1)
                #expect(move.reason == .nodeRemoved("n2"))
            }
        }

        /// Shares of weights 1:2:3:4 with one replica: Pearson's χ² over the 4 nodes (3 degrees of
        /// freedom) stays below 16.27, its 0.1 % critical value.
        @Test func weightsAreRespectedInProportion() {
            let nodes = (1...4).map { PlacementNode(name: "w\($0)", weight: Double($0)) }
            let users = FleetTests.users(40_000)
            let counts = RendezvousPlacer(nodes: nodes).place(users).userCounts
            var chiSquare = 0.0
            for node in nodes {
                let expected = Double(users.count) * node.weight / 10
                let observed = Double(counts[node.name] ?? 0)
                chiSquare += (observed - expected) * (observed - expected) / expected
            }
            #expect(chiSquare < 16.27, "χ² = \(chiSquare), counts \(counts)")
        }

        @Test func changingAWeightMovesUsersOnlyToTheHeavierNode() {
            let users = FleetTests.users(10_000)
            let before = RendezvousPlacer(nodes: FleetTests.nodes(4)).place(users)
            var nodes = FleetTests.nodes(4)
            nodes[1] = PlacementNode(name: "n1", weight: 2)
            let moves = before.moves(to: RendezvousPlacer(nodes: nodes).place(users))
            #expect(!moves.isEmpty)
            #expect(moves.allSatisfy { $0.to == ["n1"] && $0.reason == .fleetChanged })
        }

        @Test func scoresDoNotDecreaseWithTheDrawAroundTheLogarithmsSeams() {
            // The fast placer compares draws inside a weight group: the score must never fall as the draw grows.
            let seams: [UInt64] = [0, (1 << 51) - 20, UInt64(0.7071067811865476 * 0x1p52) - 20, (1 << 50) - 20, (1 << 52) - 40]
            for seam in seams {
                var previous = RendezvousHash.score(weight: 1, draw: seam)
                for draw in seam + 1..<seam + 40 {
                    let score = RendezvousHash.score(weight: 1, draw: draw)
                    #expect(score >= previous)
                    previous = score
                }
            }
        }
    }
}
