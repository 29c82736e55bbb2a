import Foundation
import Testing
import TestSupport
@testable import Reconciler

extension FleetTests {
    @Suite struct RendezvousPlacerTests {
        @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
        func agreesWithTheReferenceOnRandomFleets(seed: UInt64) {
            var random = SeededGenerator(seed: seed)
            for _ in 0..<20 {
                let nodes = FleetTests.randomNodes(&random)
                let users = FleetTests.randomUsers(200, nodes: nodes, random: &random)
                let excluded = Set(nodes.filter { _ in random.next() % 4 == 0 }.map(\.name))
                let fast = RendezvousPlacer(nodes: nodes).place(users, excluding: excluded)
                let reference = ReferencePlacer(nodes: nodes).place(users, excluding: excluded)
                #expect(fast == reference)
            }
        }

        @Test func theOrderOfTheNodesDoesNotMatter() {
            var random = SeededGenerator(seed: 11)
            let nodes = (0..<9).map { index -> PlacementNode in
                let labels: Set<String> = index % 2 == 0 ? ["eu"] : []
                return PlacementNode(name: "n\(index)", weight: Double(1 + index % 3), labels: labels)
            }
            let users = FleetTests.randomUsers(2_000, nodes: nodes, random: &random)
            let placed = RendezvousPlacer(nodes: nodes).place(users)
            for _ in 0..<5 {
                #expect(RendezvousPlacer(nodes: nodes.shuffled(using: &random)).place(users).assignments == placed.assignments)
            }
        }

        @Test func replicasAreDistinctNodesAndAsManyAsThereAre() {
            let placement = RendezvousPlacer(nodes: FleetTests.nodes(5)).place(
                (1...7).map { PlacementUser(name: "user\($0)", request: .spread($0)) })
            for index in 0..<placement.count {
                let names = placement.nodeNames(ofUserAt: index)
                #expect(names.count == min(index + 1, 5))
                #expect(Set(names).count == names.count)
            }
        }

        @Test func labelSelectorsChooseAmongNodesWithEveryLabel() {
            let nodes = [
                PlacementNode(name: "eu-1", labels: ["eu", "fast"]), PlacementNode(name: "eu-2", labels: ["eu"]),
                PlacementNode(name: "us-1", labels: ["us", "fast"]),
            ]
            let users = (0..<300).map { PlacementUser(name: "u\($0)", request: .replicas(2, labels: ["eu"])) }
                + [PlacementUser(name: "fast-eu", request: .replicas(3, labels: ["eu", "fast"])),
                   PlacementUser(name: "nowhere", request: .replicas(1, labels: ["asia"]))]
            let placed = RendezvousPlacer(nodes: nodes).place(users).assignments
            for index in 0..<300 { #expect(Set(placed["u\(index)"]!) == ["eu-1", "eu-2"]) }
            #expect(placed["fast-eu"] == ["eu-1"])
            #expect(placed["nowhere"] == [])
        }

        @Test func pinsKeepTheirOrderSkipUnknownNamesAndRepeatsAndStayWhenDown() {
            let placer = RendezvousPlacer(nodes: FleetTests.nodes(3))
            let users = [PlacementUser(name: "bob", request: .pinned(["n2", "gone", "n0", "n2"]))]
            #expect(placer.place(users).nodeNames(ofUserAt: 0) == ["n2", "n0"])
            #expect(placer.place(users, excluding: ["n2"]).nodeNames(ofUserAt: 0) == ["n2", "n0"])
        }

        @Test func nodesWithoutAPositiveWeightAreLeftOut() {
            let nodes = [PlacementNode(name: "a"), PlacementNode(name: "b", weight: 0), PlacementNode(name: "c", weight: .nan),
                         PlacementNode(name: "a", weight: 5)]
            let placer = RendezvousPlacer(nodes: nodes)
            #expect(placer.nodes == [PlacementNode(name: "a")])
            #expect(placer.place(FleetTests.users(50, replicas: 3)).userCounts == ["a": 50])
        }

        @Test func aDownNodesUsersGoToTheirNextNodeInRendezvousOrder() {
            let nodes = (0..<6).map { PlacementNode(name: "n\($0)", weight: Double(1 + $0 % 2)) }
            let users = FleetTests.users(3_000, replicas: 2)
            let placer = RendezvousPlacer(nodes: nodes)
            let reference = ReferencePlacer(nodes: nodes)
            let down = placer.place(users, excluding: ["n3"])
            for index in users.indices {
                let order = reference.rendezvousOrder(users[index].name, among: Array(0..<6)).map { "n\($0)" }
                #expect(down.nodeNames(ofUserAt: index) == Array(order.filter { $0 != "n3" }.prefix(2)))
            }
        }
    }
}
