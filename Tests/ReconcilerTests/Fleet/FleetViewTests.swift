import Foundation
import Spec
import Testing
@testable import Reconciler

extension FleetTests {
    /// One host's part of a fleet spec: which users it renders, and the errors of a host the spec does not list.
    @Suite struct FleetViewTests {
        static func spec(_ body: String) throws -> DesiredState {
            let text = "version: 1\nproxy: { host: proxy.example.com }\n" + body
            return try SpecLoader.load([SpecSource(path: "users.yaml", bytes: Array(text.utf8))]).state
        }

        static let fleet = """
            nodes:
              eu-1: { host: eu1.example.com, labels: [eu] }
              eu-2: { host: eu2.example.com, labels: [eu] }
              us-1: { host: us1.example.com, weight: 2 }
            users:
              everywhere: {}
              pinned: { nodes: [us-1] }
              europe: { nodes: { labels: [eu] } }
              one: { replicas: 1 }
              two: { replicas: 2 }

            """

        @Test func eachNodeRendersExactlyItsUsersAndTogetherTheyServeEveryone() throws {
            let desired = try Self.spec(Self.fleet)
            var served: [String: [String]] = [:]
            for node in ["eu-1", "eu-2", "us-1"] {
                let view = try #require(try FleetView.make(desired, node: node, down: [:]))
                for user in view.local.users { served[user.name, default: []].append(node) }
                #expect(view.local.nodes == desired.nodes, "the view keeps the fleet for links")
            }
            #expect(served["everywhere"] == ["eu-1", "eu-2", "us-1"])
            #expect(served["pinned"] == ["us-1"])
            #expect(served["europe"] == ["eu-1", "eu-2"], "a selector without replicas is every matching node")
            #expect(served["one"]?.count == 1 && served["two"]?.count == 2)
            let reference = ReferencePlacer(nodes: desired.nodes.map(FleetView.placementNode))
                .place([PlacementUser(name: "one", request: .spread(1)), PlacementUser(name: "two", request: .spread(2))])
            #expect(Set(served["one"] ?? []) == Set(reference.nodeNames(ofUserAt: 0)))
            #expect(Set(served["two"] ?? []) == Set(reference.nodeNames(ofUserAt: 1)))
        }

        @Test func aDownNodeLosesItsPlacedUsersButNotItsPinnedOnes() throws {
            let desired = try Self.spec(Self.fleet)
            let view = try #require(try FleetView.make(desired, node: "us-1", down: ["us-1": nil]))
            let names = view.local.users.map(\.name)
            #expect(names.contains("pinned") && names.contains("everywhere"), "pins do not fail over")
            #expect(!names.contains("one") && !names.contains("two"))
            #expect(view.stamp == "down:us-1")
        }

        @Test func withEveryNodeDownNoneIsLeftOut() throws {
            let desired = try Self.spec(Self.fleet)
            let down: [String: Date?] = ["eu-1": nil, "eu-2": nil, "us-1": nil]
            let all = try #require(try FleetView.make(desired, node: "eu-1", down: down))
            let none = try #require(try FleetView.make(desired, node: "eu-1", down: [:]))
            #expect(all.local.users == none.local.users && all.down.isEmpty)
        }

        @Test func aHostTheSpecDoesNotListIsRefusedWithTheNames() throws {
            let desired = try Self.spec(Self.fleet)
            #expect(throws: EngineError.self) { try FleetView.make(desired, node: "eu-3", down: [:]) }
            let error = EngineError.unknownNode("eu_1", nodes: desired.nodes.map(\.name))
            #expect(error.code == .unknownNode && error.code.reaction == .stalled)
            #expect(error.description.contains("eu-1, eu-2, us-1") && error.description.contains("did you mean `--node eu-1`?"))
        }

        @Test func aSpecWithoutNodesHasNoView() throws {
            #expect(try FleetView.make(try Self.spec("users:\n  alice: {}\n"), node: "local", down: [:]) == nil)
        }

        @Test func aRecordedPlacementComputesTheSamePlacementAgain() throws {
            let desired = try Self.spec(Self.fleet)
            let view = try #require(try FleetView.make(desired, node: "eu-1", down: ["eu-2": nil]))
            let placed = PlacedFleet(view.placement, revision: "abc")
            let decoded = try #require(FleetRecord(json: FleetRecord(availability: NodeAvailability(downAfter: 30, upAfter: 60), placed: placed).json))
            #expect(decoded.placed == placed)
            #expect(placed.placement.assignments == view.placement.assignments)
            #expect(placed.matches(view.placement, revision: "abc") && !placed.matches(view.placement, revision: "def"))
            #expect(FleetRecord(json: Array("{\"availability\": 1}".utf8)) == nil, "a damaged record starts afresh")
        }

        @Test func heartbeatsAreReadFromTheHeadOfEachStatusFile() {
            let files = [
                DesiredFile(path: "status/eu-1.yaml", bytes: Array("version: 1\nnode: eu-1\nheartbeat: 2026-12-04T10:00:00Z\nusers: {}\n".utf8)),
                DesiredFile(path: "status/eu-2.yaml", bytes: Array("version: 1\nnode: eu-2\nusers:\n  heartbeat: 2026-12-04T10:00:00Z\n".utf8)),
                DesiredFile(path: "status/../x.yaml", bytes: Array("heartbeat: 2026-12-04T10:00:00Z\n".utf8)),
            ]
            #expect(FleetHeartbeats.read(files) == ["eu-1": StatusText.parseInstant("2026-12-04T10:00:00Z")!])
        }
    }
}
