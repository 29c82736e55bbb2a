import Foundation
import TestSupport
import Testing
@testable import Spec

/// Property: adding `plans:` (and users that take them) never changes a user who has no plan: random
/// specs load with and without random plans, and every user without `plan:` is the same in both.
@Test func resolvingPlansNeverChangesUsersWithoutAPlan() throws {
    var writer = RandomSpecWriter(random: SeededGenerator(seed: 4_242))
    for iteration in 0..<150 {
        let (text, users) = writer.document(users: 2 + writer.number(below: 10))
        let planned = users.filter { _ in writer.chance(40) }.map(\.name)
        let plans = (0..<(1 + writer.number(below: 3))).map { index in
            "  p\(index): { data_limit: \(1 + writer.number(below: 900)) GiB, reset: \(writer.pick(ResetPeriod.allCases).rawValue), "
                + "max_connections: \(writer.number(below: 50)), max_unique_ips: \(writer.number(below: 9)) }"
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Each planned user gets `plan:` as the first key of a block mapping written after the users.
        lines = lines.map { line in
            guard let name = planned.first(where: { line.hasPrefix("  \($0):") }) else { return line }
            let rest = line.dropFirst("  \(name):".count).trimmingCharacters(in: .whitespaces)
            let plan = "plan: p\(writer.number(below: UInt64(plans.count)))"
            if rest.hasPrefix("{"), rest != "{}" { return "  \(name): { \(plan), " + rest.dropFirst().trimmingCharacters(in: .whitespaces) }
            if rest.isEmpty, line == "  \(name):" { return line + "\n    \(plan)" }
            return "  \(name): { \(plan) }"
        }
        let withPlans = lines.joined(separator: "\n").replacingOccurrences(of: "users:\n", with: "plans:\n" + plans.joined(separator: "\n") + "\nusers:\n")
        let before = try SpecLoader.load([source("users.yaml", text)]).state
        let after = try SpecLoader.load([source("users.yaml", withPlans)]).state
        #expect(after.plans.count == plans.count, "iteration \(iteration)")
        for user in before.users where !planned.contains(user.name) {
            var moved = try #require(after.user(named: user.name), "iteration \(iteration)")
            moved.location = user.location
            #expect(moved == user, "iteration \(iteration):\n\(withPlans)")
        }
        for name in planned { #expect(after.user(named: name)?.plan != nil, "iteration \(iteration): \(name)\n\(withPlans)") }
    }
}
