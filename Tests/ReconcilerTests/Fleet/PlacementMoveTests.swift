import Foundation
import Testing
@testable import Reconciler

extension FleetTests {
    @Suite struct PlacementMoveTests {
        let utc = TimeZone(identifier: "UTC")!

        @Test func aDownNodesUsersMoveWithItsTimeAndComeBack() {
            let placer = RendezvousPlacer(nodes: ["eu-1", "eu-2"].map { PlacementNode(name: $0, labels: ["eu"]) })
            let users = [PlacementUser(name: "alice", request: .replicas(1, labels: ["eu"]))]
            let up = placer.place(users)
            let primary = up.nodeNames(ofUserAt: 0)[0]
            let other = primary == "eu-1" ? "eu-2" : "eu-1"
            let down = placer.place(users, excluding: [primary])
            let since = FleetTests.at(180)  // 12:03 UTC
            let moves = up.moves(to: down, downSince: [primary: since])
            #expect(moves == [PlacementMove(user: "alice", from: [primary], to: [other], reason: .nodeDown(primary, since: since))])
            #expect(moves[0].line(timeZone: utc, now: FleetTests.at(600)) == "~ alice \(primary) → \(other) (\(primary) down since 12:03)")
            #expect(moves[0].line(timeZone: utc, now: FleetTests.at(86_400)) == "~ alice \(primary) → \(other) (\(primary) down since 2026-12-01 12:03)")
            #expect(down.moves(to: up) == [PlacementMove(user: "alice", from: [other], to: [primary], reason: .nodeUp(primary))])
        }

        @Test func requestChangesAndNewAndGoneUsers() {
            let placer = RendezvousPlacer(nodes: FleetTests.nodes(3))
            let before = placer.place([PlacementUser(name: "bob", request: .pinned(["n0"])), PlacementUser(name: "gone")])
            let after = placer.place([PlacementUser(name: "bob", request: .pinned(["n1", "n0"])), PlacementUser(name: "new")])
            let moves = before.moves(to: after)
            #expect(moves == [PlacementMove(user: "bob", from: [], to: ["n1"], reason: .requestChanged)])
            #expect(moves[0].line(timeZone: utc, now: FleetTests.at(0)) == "~ bob (none) → n1 (placement changed)")
            let reordered = placer.place([PlacementUser(name: "bob", request: .pinned(["n0", "n1"]))])
            #expect(after.moves(to: reordered).isEmpty)
        }

        @Test func aNodeThatNeverSentAHeartbeatSaysSo() {
            let move = PlacementMove(user: "carol", from: ["us-1"], to: ["eu-1"], reason: .nodeDown("us-1", since: nil))
            #expect(move.line(timeZone: utc, now: FleetTests.at(0)) == "~ carol us-1 → eu-1 (us-1 down, no heartbeat yet)")
        }
    }
}
