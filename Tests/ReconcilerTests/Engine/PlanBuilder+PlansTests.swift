import Foundation
import Spec
import Testing
@testable import Reconciler

/// A plan groups the users whose plan (tariff) changes.
@Suite struct PlanBuilderPlansTests {
    static func spec(_ users: String) throws -> DesiredState {
        let text = """
            version: 1
            proxy: { host: proxy.example.com }
            plans:
              basic: { data_limit: 50 GiB, reset: monthly }
              pro: { data_limit: 500 GiB, reset: monthly }
            users:

            """ + users
        return try SpecLoader.load([SpecSource(path: "users.yaml", bytes: Array(text.utf8))]).state
    }

    @Test func planChangesAreCountedByPairLargestFirst() throws {
        let before = try Self.spec((0..<14).map { "  u\($0): { plan: basic }\n" }.joined() + "  v: {}\n  w: { plan: pro }\n")
        let after = try Self.spec((0..<12).map { "  u\($0): { plan: pro }\n" }.joined()
            + "  u12: { plan: basic }\n  u13: { plan: basic }\n  v: { plan: basic }\n  w: {}\n  x: { plan: pro }\n")
        let lines = PlanBuilder.planMoves(applied: before.users.map(UserSnapshot.init), desired: after)
        #expect(lines == ["12 users move basic → pro", "1 user moves (no plan) → basic", "1 user moves pro → (no plan)"])
        #expect(PlanBuilder.planMoves(applied: nil, desired: after).isEmpty, "nothing applied: no moves")
    }

    @Test func thePlanSurvivesTheAppliedRecordAndOldRecordsReadWithout() throws {
        let desired = try Self.spec("  alice: { plan: pro, data_limit: 1 TiB }\n  bob: {}\n")
        let record = AppliedRecord(revision: "r", configSHA256: "s", keyFingerprint: nil, at: Date(timeIntervalSince1970: 0),
                                   users: desired.users.map(UserSnapshot.init), evaluations: [])
        let decoded = try #require(AppliedRecord(encoded: record.encoded()))
        #expect(decoded.users.map(\.plan) == ["pro", nil])
        #expect(decoded.users.first?.limit == 1 << 40, "the user's own field beats the plan's")
        // A record written before plans: eleven fields per user line.
        let old = String(decoding: record.encoded(), as: UTF8.self).split(separator: "\n").map { line in
            line.hasPrefix("user\t") ? line.split(separator: "\t", omittingEmptySubsequences: false).dropLast().joined(separator: "\t") : String(line)
        }.joined(separator: "\n") + "\n"
        #expect(old.contains("user\talice\t") && !old.contains("pro"))
        #expect(try #require(AppliedRecord(encoded: Array(old.utf8))).users.map(\.plan) == [nil, nil])
    }

    @Test func theTextAndJSONShowPlanAndFleetLines() {
        var plan = Plan(node: "eu-1", revision: "abc", appliedRevision: "def", changes: [], config: nil, warnings: [])
        #expect(!plan.hasChanges)
        plan.plans = ["12 users move basic → pro"]
        plan.fleet = ["~ alice eu-1 → eu-2 (eu-1 down since 12:03)"]
        #expect(plan.hasChanges)
        #expect(plan.text().contains("12 users move basic → pro\n~ alice eu-1 → eu-2 (eu-1 down since 12:03)\n"))
        #expect(plan.json().contains("\"plans\": [\n    \"12 users move basic → pro\"") || plan.json().contains("12 users move basic → pro"))
        #expect(plan.markdown().contains("**Fleet**\n\n- ~ alice eu-1 → eu-2 (eu-1 down since 12:03)\n"))
    }
}
