import Foundation
import Spec
import Testing
@testable import Reconciler

extension StateTests {
    /// Every state against every kind of input, and the precedence between them.
    @Suite struct UserStateMachineTests {
        static let now = StateTests.date("2026-11-15T12:00:00Z")
        static let used = 10 * StateTests.gib

        enum LimitCase: CaseIterable { case below, at, above, unlimited, zero }
        enum ExpiryCase: CaseIterable { case past, future, none }
        enum HoldCase: CaseIterable { case none, neverConnected, connectedRunning, connectedRanOut }

        struct Inputs: CustomTestStringConvertible {
            var limit: LimitCase, expiry: ExpiryCase, hold: HoldCase, disabled: Bool
            var testDescription: String { "\(limit) \(expiry) \(hold) disabled=\(disabled)" }

            static var all: [Inputs] {
                LimitCase.allCases.flatMap { limit in
                    ExpiryCase.allCases.flatMap { expiry in
                        HoldCase.allCases.flatMap { hold in
                            [false, true].map { Inputs(limit: limit, expiry: expiry, hold: hold, disabled: $0) }
                        }
                    }
                }
            }

            var user: UserSpec {
                let limits: [LimitCase: DataLimit] = [
                    .below: .bytes(used - 1), .at: .bytes(used), .above: .bytes(used + 1), .unlimited: .unlimited, .zero: .bytes(0),
                ]
                let expiries: [ExpiryCase: Date?] = [.past: now.addingTimeInterval(-1), .future: now.addingTimeInterval(86_400 * 10), .none: nil]
                return UserSpec(
                    name: "alice", dataLimit: limits[limit]!, reset: .monthly, expire: expiries[expiry]!,
                    disabled: disabled, onHold: hold == .none ? nil : StateTests.thirtyDays
                )
            }

            var observation: UserObservation {
                let firsts: [HoldCase: Date?] = [
                    .none: nil, .neverConnected: nil,
                    .connectedRunning: now.addingTimeInterval(-86_400), .connectedRanOut: now.addingTimeInterval(-31 * 86_400),
                ]
                return UserObservation(periodUsage: used, firstConnection: firsts[hold]!)
            }

            /// The conditions that hold, in precedence order; the first one is the state.
            var expected: UserState {
                let conditions: [(Bool, UserState)] = [
                    (disabled, .disabled),
                    (expiry == .past || hold == .connectedRanOut, .expired),
                    ([.below, .at, .zero].contains(limit), .limited),
                    (hold == .neverConnected, .onHold),
                ]
                return conditions.first { $0.0 }?.1 ?? .active
            }
        }

        @Test(arguments: Inputs.all)
        func stateFollowsThePrecedenceOfItsConditions(inputs: Inputs) {
            let evaluation = Self.evaluate(inputs.user, inputs.observation)
            #expect(evaluation.state == inputs.expected)
            #expect(evaluation.used == Self.used)
            #expect(evaluation.limit == inputs.user.dataLimit)
            #expect(evaluation.firstSeen == inputs.observation.firstConnection)
            #expect(evaluation.state.allowsConnections == [.active, .onHold].contains(evaluation.state))
        }

        @Test func everyStateIsReachable() {
            let reached = Set(Inputs.all.map(\.expected))
            #expect(reached == Set(UserState.allCases))
            #expect(UserState.allCases.map(\.rawValue) == ["active", "disabled", "limited", "expired", "on_hold"])
        }

        static func evaluate(_ user: UserSpec, _ observation: UserObservation = UserObservation(), at now: Date = now) -> UserEvaluation {
            UserStateMachine().evaluate(user, observation: observation, timeZone: StateTests.moscow, now: now)
        }

        @Test func expiryIsTheEarlierOfExpireAndTheHold() {
            let first = Self.now.addingTimeInterval(-86_400)
            let holdEnd = first.addingTimeInterval(30 * 86_400)
            let early = Self.now.addingTimeInterval(3_600)
            let late = holdEnd.addingTimeInterval(3_600)
            let observation = UserObservation(firstConnection: first)
            #expect(Self.evaluate(UserSpec(name: "a", expire: early, onHold: StateTests.thirtyDays), observation).expire == early)
            #expect(Self.evaluate(UserSpec(name: "a", expire: late, onHold: StateTests.thirtyDays), observation).expire == holdEnd)
            #expect(Self.evaluate(UserSpec(name: "a", onHold: StateTests.thirtyDays), observation).expire == holdEnd)
            #expect(Self.evaluate(UserSpec(name: "a", onHold: StateTests.thirtyDays)).expire == nil)
            #expect(Self.evaluate(UserSpec(name: "a", expire: late, onHold: StateTests.thirtyDays)).expire == late)
        }

        @Test func expiryIsReachedAtItsInstant() {
            let expire = Self.now.addingTimeInterval(60)
            let user = UserSpec(name: "a", expire: expire)
            #expect(Self.evaluate(user, at: expire.addingTimeInterval(-0.001)).state == .active)
            #expect(Self.evaluate(user, at: expire).state == .expired)
        }

        @Test func anExplicitExpiryThatPassedExpiresAnOnHoldUser() {
            let user = UserSpec(name: "a", expire: Self.now.addingTimeInterval(-1), onHold: StateTests.thirtyDays)
            #expect(Self.evaluate(user).state == .expired)
        }

        @Test func raisingTheLimitAboveUsageMakesTheUserActive() {
            let observation = UserObservation(periodUsage: 30 * StateTests.gib)
            #expect(Self.evaluate(UserSpec(name: "a", dataLimit: .bytes(20 * StateTests.gib), reset: .monthly), observation).state == .limited)
            #expect(Self.evaluate(UserSpec(name: "a", dataLimit: .bytes(50 * StateTests.gib), reset: .monthly), observation).state == .active)
            #expect(Self.evaluate(UserSpec(name: "a", dataLimit: .unlimited, reset: .monthly), observation).state == .active)
        }

        @Test func evaluatesAWholeSpecWithMissingObservationsAsUnused() {
            let desired = DesiredState(
                proxy: ProxyEndpoint(host: "p.example.com"), timeZone: StateTests.moscow,
                users: [UserSpec(name: "b", dataLimit: .bytes(0)), UserSpec(name: "a", dataLimit: .bytes(StateTests.gib))]
            )
            let observations = ["a": UserObservation(periodUsage: StateTests.gib)]
            let evaluations = UserStateMachine().evaluate(desired, observations: observations, now: Self.now)
            #expect(evaluations.map(\.user) == ["a", "b"])
            #expect(evaluations.map(\.state) == [.limited, .limited])
            #expect(evaluations.map(\.used) == [StateTests.gib, 0])
            #expect(evaluations.allSatisfy { $0.timeZone == StateTests.moscow })
        }
    }
}
