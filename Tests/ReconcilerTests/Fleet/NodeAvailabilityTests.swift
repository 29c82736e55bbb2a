import Foundation
import Testing
@testable import Reconciler

extension FleetTests {
    /// Heartbeats every 10 s; down after 30 s without one, back after 60 s of fresh ones.
    @Suite struct NodeAvailabilityTests {
        let nodes = ["a", "b"]

        /// Looks every 10 s from `start` to `end`; `beats(t)` says whether `b` sends a heartbeat at `t`
        /// (`a` always does). Returns the actions with the time each was returned.
        func run(
            _ availability: inout NodeAvailability, from start: Int, to end: Int, beats: (Int) -> Bool, last: inout Int?
        ) -> [(Int, AvailabilityAction)] {
            var actions: [(Int, AvailabilityAction)] = []
            for t in stride(from: start, through: end, by: 10) {
                if beats(t) { last = t }
                var heartbeats = ["a": FleetTests.at(TimeInterval(t))]
                if let last { heartbeats["b"] = FleetTests.at(TimeInterval(last)) }
                actions += availability.observe(heartbeats: heartbeats, nodes: nodes, now: FleetTests.at(TimeInterval(t))).map { (t, $0) }
            }
            return actions
        }

        @Test func aSilentNodeGoesDownOnceAndComesBackOnceAfterUpAfter() {
            var availability = NodeAvailability(downAfter: 30, upAfter: 60)
            var last: Int?
            // b beats until 100, is silent until 300, then beats again.
            let actions = run(&availability, from: 0, to: 600, beats: { $0 <= 100 || $0 >= 300 }, last: &last)
            #expect(actions.map(\.0) == [140, 360])
            #expect(actions.map(\.1) == [.markDown(node: "b", since: FleetTests.at(130)), .markUp(node: "b", downSince: FleetTests.at(130))])
            #expect(availability.down.isEmpty)
        }

        @Test func anAlternatingHeartbeatTakesTheNodeDownOnceAndNeverBack() {
            var availability = NodeAvailability(downAfter: 30, upAfter: 60)
            var last: Int?
            // 50 s of heartbeats, 50 s of silence, again and again: never fresh for 60 s in a row.
            let actions = run(&availability, from: 0, to: 2_000, beats: { $0 % 100 < 50 }, last: &last)
            #expect(actions.map(\.1) == [.markDown(node: "b", since: FleetTests.at(70))])
            #expect(availability.down == ["b"])
        }

        @Test func aGapBetweenTwoLooksCountsAsAnOutage() {
            var availability = NodeAvailability(downAfter: 30, upAfter: 60)
            _ = availability.observe(heartbeats: ["b": FleetTests.at(0)], nodes: ["b"], now: FleetTests.at(0))
            // The host did not look for 100 s; b's newest heartbeat is fresh but 100 s after the last.
            let actions = availability.observe(heartbeats: ["b": FleetTests.at(100)], nodes: ["b"], now: FleetTests.at(105))
            #expect(actions == [.markDown(node: "b", since: FleetTests.at(30))])
            #expect(availability.observe(heartbeats: ["b": FleetTests.at(130)], nodes: ["b"], now: FleetTests.at(130)).isEmpty)
            #expect(availability.observe(heartbeats: ["b": FleetTests.at(160)], nodes: ["b"], now: FleetTests.at(160))
                == [.markUp(node: "b", downSince: FleetTests.at(30))])
        }

        @Test func firstSightTrustsAFreshHeartbeatAndDatesAStaleOne() {
            var availability = NodeAvailability(downAfter: 30, upAfter: 60)
            let actions = availability.observe(
                heartbeats: ["fresh": FleetTests.at(95), "stale": FleetTests.at(10)], nodes: ["fresh", "stale", "never"], now: FleetTests.at(100))
            #expect(actions == [.markDown(node: "never", since: nil), .markDown(node: "stale", since: FleetTests.at(40))])
            #expect(availability.down == ["never", "stale"])
            #expect(availability.downSince == ["stale": FleetTests.at(40)])
        }

        @Test func aNodeNeverHeardFromJoinsOnItsFirstFreshHeartbeat() {
            var availability = NodeAvailability(downAfter: 30, upAfter: 60)
            #expect(availability.observe(heartbeats: [:], nodes: ["new"], now: FleetTests.at(0)) == [.markDown(node: "new", since: nil)])
            #expect(availability.observe(heartbeats: [:], nodes: ["new"], now: FleetTests.at(50)).isEmpty)
            #expect(availability.observe(heartbeats: ["new": FleetTests.at(55)], nodes: ["new"], now: FleetTests.at(60))
                == [.markUp(node: "new", downSince: nil)])
            #expect(availability.down.isEmpty)
        }

        @Test func anOlderHeartbeatIsIgnoredAndRemovedNodesAreForgotten() {
            var availability = NodeAvailability(downAfter: 30, upAfter: 60)
            _ = availability.observe(heartbeats: ["b": FleetTests.at(100), "c": FleetTests.at(100)], nodes: ["b", "c"], now: FleetTests.at(100))
            #expect(availability.observe(heartbeats: ["b": FleetTests.at(50)], nodes: ["b"], now: FleetTests.at(110)).isEmpty)
            #expect(availability.health == ["b": .up(lastHeartbeat: FleetTests.at(100))])
        }

        @Test func hostsThatLookAtDifferentTimesAgreeOnTheTimes() {
            var everyTen = NodeAvailability(downAfter: 30, upAfter: 60)
            var everyTwenty = NodeAvailability(downAfter: 30, upAfter: 60)
            var lastTen: Int?, lastTwenty: Int?
            let beats: (Int) -> Bool = { $0 <= 100 || $0 >= 300 }
            let ten = run(&everyTen, from: 0, to: 600, beats: beats, last: &lastTen).map(\.1)
            var twenty: [AvailabilityAction] = []
            for t in stride(from: 0, through: 600, by: 20) {
                if beats(t) { lastTwenty = t }
                let heartbeats = ["a": FleetTests.at(TimeInterval(t)), "b": FleetTests.at(TimeInterval(lastTwenty ?? 0))]
                twenty += everyTwenty.observe(heartbeats: heartbeats, nodes: nodes, now: FleetTests.at(TimeInterval(t)))
            }
            #expect(ten == twenty)
        }

        @Test func placementFailsOverAndComesBackExactlyOnce() {
            let placer = RendezvousPlacer(nodes: (["a", "b", "c"]).map { PlacementNode(name: $0) })
            let users = FleetTests.users(600)
            var availability = NodeAvailability(downAfter: 30, upAfter: 60)
            var last: Int?
            var placement = placer.place(users)
            let onB = Set(users.indices.filter { placement.nodeNames(ofUserAt: $0) == ["b"] }.map { users[$0].name })
            var moved: [String: Int] = [:]
            for t in stride(from: 0, through: 600, by: 10) {
                if t <= 100 || t >= 300 { last = t }
                let heartbeats = ["a": FleetTests.at(TimeInterval(t)), "b": FleetTests.at(TimeInterval(last!)), "c": FleetTests.at(TimeInterval(t))]
                _ = availability.observe(heartbeats: heartbeats, nodes: ["a", "b", "c"], now: FleetTests.at(TimeInterval(t)))
                let next = placer.place(users, excluding: availability.down)
                for move in placement.moves(to: next, downSince: availability.downSince) { moved[move.user, default: 0] += 1 }
                placement = next
            }
            #expect(Set(moved.keys) == onB)
            #expect(moved.values.allSatisfy { $0 == 2 })
        }
    }
}
