import Foundation
import Spec
import TestSupport
import Testing
@testable import Reconciler

extension StateTests {
    /// Invariants over seeded random users, usages, zones and clocks.
    @Suite struct UserStateMachinePropertyTests {
        static let zones = ["UTC", "Europe/Moscow", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]
        static let start = StateTests.date("2026-01-01T00:00:00Z")

        struct Case {
            var user: UserSpec
            var observation: UserObservation
            var zone: TimeZone
            var now: Date
        }

        static func randomLimit(_ rng: inout SeededGenerator) -> DataLimit {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0...2: .unlimited
            case 3: .bytes(0)
            default: .bytes(UInt64.random(in: 1...(200 * StateTests.gib), using: &rng))
            }
        }

        static func randomUsage(limit: DataLimit, _ rng: inout SeededGenerator) -> UInt64 {
            let bytes = limit.byteCount ?? 100 * StateTests.gib
            let choices = [0, bytes, bytes &+ 1, bytes == 0 ? 0 : bytes - 1, UInt64.random(in: 0...bytes * 2 + 1, using: &rng)]
            return choices.randomElement(using: &rng)!
        }

        /// An offset around `now`: sometimes none, mostly within two months either way.
        static func randomOffset(_ rng: inout SeededGenerator) -> TimeInterval {
            Int.random(in: 0..<8, using: &rng) == 0 ? 0 : TimeInterval(Int.random(in: -60 * 86_400...60 * 86_400, using: &rng))
        }

        static func randomCase(_ rng: inout SeededGenerator) -> Case {
            let now = start.addingTimeInterval(TimeInterval(Int.random(in: 0...(3 * 366 * 86_400), using: &rng)))
            let limit = randomLimit(&rng)
            let user = UserSpec(
                name: "u", dataLimit: limit, reset: ResetPeriod.allCases.randomElement(using: &rng)!,
                expire: Bool.random(using: &rng) ? now.addingTimeInterval(randomOffset(&rng)) : nil,
                disabled: Int.random(in: 0..<5, using: &rng) == 0,
                onHold: Bool.random(using: &rng) ? SpecDuration(seconds: Int64.random(in: 3_600...(60 * 86_400), using: &rng)) : nil
            )
            let first = Bool.random(using: &rng) ? now.addingTimeInterval(randomOffset(&rng) - 30 * 86_400) : nil
            let observation = UserObservation(periodUsage: randomUsage(limit: limit, &rng), firstConnection: first)
            return Case(user: user, observation: observation, zone: StateTests.zone(zones.randomElement(using: &rng)!), now: now)
        }

        static func evaluate(_ item: Case, at now: Date, machine: UserStateMachine) -> UserEvaluation {
            machine.evaluate(item.user, observation: item.observation, timeZone: item.zone, now: now)
        }

        @Test(arguments: [UserStateMachine(), UserStateMachine(expiringWindow: 0), UserStateMachine(expiringWindow: 45 * 86_400)])
        func evaluationsHoldTheirInvariants(machine: UserStateMachine) {
            var rng = SeededGenerator(seed: 0x57a7e + UInt64(machine.expiringWindow))
            var evaluations: [UserEvaluation] = []
            for _ in 0..<400 {
                let item = Self.randomCase(&rng)
                let evaluation = Self.evaluate(item, at: item.now, machine: machine)
                #expect(evaluation == Self.evaluate(item, at: item.now, machine: machine))
                Self.checkFacts(evaluation, item: item, window: machine.expiringWindow)
                Self.checkStableUntilNextChange(evaluation, item: item, machine: machine, rng: &rng)
                evaluations.append(evaluation)
            }
            #expect(UserStateMachine.soonestChange(evaluations) == evaluations.compactMap(\.nextChange).min())
            #expect(Set(evaluations.map(\.state)) == Set(UserState.allCases))
        }

        /// The state agrees with the inputs it was decided from.
        static func checkFacts(_ evaluation: UserEvaluation, item: Case, window: TimeInterval) {
            let now = item.now
            if let next = evaluation.nextChange { #expect(next > now) }
            #expect((evaluation.state == .disabled) == item.user.disabled)
            if evaluation.state == .expired { #expect(evaluation.expire.map { $0 <= now } == true) }
            if evaluation.state == .limited { #expect(item.user.dataLimit.byteCount.map { evaluation.used >= $0 } == true) }
            if evaluation.state == .onHold { #expect(item.user.onHold != nil && item.observation.firstConnection == nil) }
            if evaluation.state == .active, let limit = item.user.dataLimit.byteCount { #expect(evaluation.used < limit) }
            if let expire = evaluation.expire, evaluation.state == .active { #expect(expire > now) }
            if evaluation.expiringSoon, let expire = evaluation.expire {
                #expect(expire > now && expire.addingTimeInterval(-window) <= now)
            }
            if let period = evaluation.period { #expect(period.start <= now && now < period.end) }
            #expect((evaluation.period == nil) == (item.user.reset == .none))
        }

        /// Sampled instants before `nextChange` give the same evaluation; `nextChange` itself gives another.
        static func checkStableUntilNextChange(
            _ evaluation: UserEvaluation, item: Case, machine: UserStateMachine, rng: inout SeededGenerator
        ) {
            let horizon = evaluation.nextChange ?? item.now.addingTimeInterval(2 * 366 * 86_400)
            let span = horizon.timeIntervalSince(item.now)
            var samples = (0..<6).map { _ in item.now.addingTimeInterval(span * Double.random(in: 0..<1, using: &rng)) }
            samples.append(horizon.addingTimeInterval(-0.001))
            for sample in samples where sample >= item.now {
                #expect(evaluate(item, at: sample, machine: machine) == evaluation, "at \(sample) for \(item.user)")
            }
            guard let next = evaluation.nextChange else { return }
            let after = evaluate(item, at: next, machine: machine)
            let changed = after.state != evaluation.state || after.reason != evaluation.reason
                || after.period != evaluation.period || after.expiringSoon != evaluation.expiringSoon
            #expect(changed || next == evaluation.period?.end, "nothing changes at \(next) for \(item.user)")
            let events = machine.events(from: evaluation, to: after)
            #expect(events.contains { if case .transition = $0 { true } else { false } } == (after.state != evaluation.state))
            #expect(machine.events(from: evaluation, to: evaluation).isEmpty)
            if next != evaluation.period?.end {
                #expect(after.state != evaluation.state || after.expiringSoon != evaluation.expiringSoon)
            }
        }
    }
}
