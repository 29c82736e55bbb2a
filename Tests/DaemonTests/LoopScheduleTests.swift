import Daemon
import Foundation
import Reconciler
import Testing

/// The schedule as a value: instants in, sleeps and notices out, no clock.
struct LoopScheduleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func schedule(_ interval: Int = 30) -> LoopSchedule {
        var settings = LoopSchedule.Settings(interval: .seconds(interval))
        settings.jitter = 0.1
        return LoopSchedule(settings: settings)
    }

    @Test func aCleanTickSleepsTheIntervalWithinItsJitter() {
        var low = schedule(), high = schedule()
        let a = low.finished(.succeeded, nextChange: nil, at: now, random: 0)
        let b = high.finished(.succeeded, nextChange: nil, at: now, random: 0.999)
        #expect(a.sleep == .seconds(27) && a.reason == .interval && a.notice == nil)
        #expect(b.sleep > .seconds(32) && b.sleep <= .seconds(33))
    }

    @Test func aSoonerStateChangeWakesHalfASecondAfterIt() {
        var s = schedule()
        let next = s.finished(.succeeded, nextChange: now.addingTimeInterval(4), at: now, random: 0.5)
        #expect(next.sleep == .milliseconds(4_500) && next.reason == .stateChange)
        let past = s.finished(.succeeded, nextChange: now.addingTimeInterval(-10), at: now, random: 0.5)
        #expect(past.sleep == .milliseconds(500), "a change already due is ticked at once")
        let later = s.finished(.succeeded, nextChange: now.addingTimeInterval(3_600), at: now, random: 0.5)
        #expect(later.sleep == .seconds(30) && later.reason == .interval)
    }

    @Test func transientFailuresBackOffExponentiallyToFiveMinutes() {
        var s = schedule()
        let sleeps = (0..<12).map { _ in s.finished(.failed(.transient, message: "remote down"), nextChange: nil, at: now, random: 0.5).sleep }
        #expect(Array(sleeps.prefix(6)) == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(32)])
        #expect(sleeps.last == .seconds(300))
        #expect(s.failures == 12)
    }

    @Test func aBadRevisionWaitsTheIntervalNotABackoff() {
        var s = schedule()
        for _ in 0..<5 {
            #expect(s.finished(.failed(.stalled, message: "users.yaml:3:1: error"), nextChange: nil, at: now, random: 0.5).sleep == .seconds(30))
        }
    }

    @Test func failingIsAnnouncedOncePerRunAndRecoveryOnce() {
        var s = schedule()
        let first = s.finished(.failed(.transient, message: "boom"), nextChange: nil, at: now, random: 0.5)
        #expect(first.notice == .failing(message: "boom", since: now))
        let second = s.finished(.failed(.stalled, message: "other"), nextChange: nil, at: now.addingTimeInterval(5), random: 0.5)
        #expect(second.notice == nil)
        let back = s.finished(.succeeded, nextChange: nil, at: now.addingTimeInterval(10), random: 0.5)
        #expect(back.notice == .recovered(since: now, failures: 2))
        #expect(s.finished(.succeeded, nextChange: nil, at: now.addingTimeInterval(40), random: 0.5).notice == nil)
        #expect(s.failingSince == nil && s.failures == 0)
    }

    @Test func aRunOfFailuresCarriesOverARestart() {
        var s = LoopSchedule(settings: .init(interval: .seconds(30)), failingSince: now)
        #expect(s.finished(.failed(.transient, message: "still"), nextChange: nil, at: now.addingTimeInterval(60), random: 0.5).notice == nil)
        #expect(s.finished(.succeeded, nextChange: nil, at: now.addingTimeInterval(90), random: 0.5).notice == .recovered(since: now, failures: 2),
                "the run before the restart counts as one failed tick, the one after as another")
    }

    @Test func degradedTicksRetrySoonerButNeverLaterThanTheInterval() {
        var s = schedule()
        let sleeps = (0..<10).map { _ in s.finished(.degraded(unreachable: ["git remote"]), nextChange: nil, at: now, random: 0.5) }
        #expect(sleeps.first?.sleep == .seconds(1) && sleeps.first?.reason == .retry)
        #expect(sleeps.allSatisfy { $0.sleep <= .seconds(30) && $0.notice == nil })
        #expect(sleeps.last?.sleep == .seconds(30))
        #expect(s.finished(.succeeded, nextChange: nil, at: now, random: 0.5).sleep == .seconds(30))
    }

    /// Property: whatever happens, a sleep is never negative, never over the larger of the interval
    /// and the maximum backoff (with jitter), and a notice only comes at the edges of a failure run.
    @Test func sleepsStayBoundedForAnyHistory() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var s = schedule(Int.random(in: 1...600, using: &generator))
            var failing = false
            for step in 0..<50 {
                let roll = Int.random(in: 0..<4, using: &generator)
                let result: LoopSchedule.Result = [.succeeded, .degraded(unreachable: ["telemt"]), .failed(.transient, message: "t"),
                                                   .failed(.stalled, message: "s")][roll]
                let change = Bool.random(using: &generator) ? now.addingTimeInterval(Double.random(in: -100...10_000, using: &generator)) : nil
                let next = s.finished(result, nextChange: change, at: now.addingTimeInterval(Double(step)), random: Double.random(in: 0..<1, using: &generator))
                let bound = max(s.settings.interval, s.settings.maxBackoff) * 1.1
                #expect(next.sleep >= .zero && next.sleep <= bound)
                let failedNow = roll >= 2
                if case .failing = next.notice { #expect(failedNow && !failing) }
                if case .recovered = next.notice { #expect(!failedNow && failing) }
                failing = failedNow
            }
        }
    }
}
