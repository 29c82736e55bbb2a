import Foundation
import TestSupport
import Testing
@testable import Spec

private func calendar(_ identifier: String) throws -> Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: identifier))
    return calendar
}

private func instant(_ iso: String) throws -> Date {
    try #require(ISO8601DateFormatter().date(from: iso))
}

@Test func dateIsTheEndOfThatDayInTheTimeZone() throws {
    let value = try ExpiryValue(parsing: "2027-01-01")
    #expect(value == .endOfDay(year: 2027, month: 1, day: 1))
    #expect(value.resolved(with: try calendar("Europe/Moscow")) == (try instant("2027-01-01T20:59:59Z")))
    #expect(value.resolved(with: try calendar("UTC")) == (try instant("2027-01-01T23:59:59Z")))
    #expect(value.resolved(with: try calendar("America/New_York")) == (try instant("2027-01-02T04:59:59Z")))
}

@Test func dateFollowsDaylightSavingTime() throws {
    let berlin = try calendar("Europe/Berlin")
    // Summer time (UTC+2) and winter time (UTC+1), on both sides of the October change.
    #expect(try ExpiryValue(parsing: "2026-10-24").resolved(with: berlin) == (try instant("2026-10-24T21:59:59Z")))
    #expect(try ExpiryValue(parsing: "2026-10-25").resolved(with: berlin) == (try instant("2026-10-25T22:59:59Z")))
    // The March change day itself has 23 hours; its end is still 23:59:59 local time (UTC+2).
    #expect(try ExpiryValue(parsing: "2026-03-29").resolved(with: berlin) == (try instant("2026-03-29T21:59:59Z")))
}

@Test(arguments: [
    ("2027-01-01T12:00:00Z", "2027-01-01T12:00:00Z"), ("2027-01-01T12:00:00+03:00", "2027-01-01T09:00:00Z"),
    ("2027-01-01t12:00:00z", "2027-01-01T12:00:00Z"), ("2027-01-01 00:30:00-05:30", "2027-01-01T06:00:00Z"),
    ("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z"),
])
func timestampParses(text: String, iso: String) throws {
    #expect(try ExpiryValue(parsing: text) == .instant(try instant(iso)))
}

@Test func fractionalSecondsAreKept() throws {
    guard case .instant(let date) = try ExpiryValue(parsing: "2027-01-01T00:00:00.25Z") else {
        Issue.record("expected an instant")
        return
    }
    #expect(date.timeIntervalSince(try instant("2027-01-01T00:00:00Z")) == 0.25)
}

@Test(arguments: ["2027-02-29", "2027-13-01", "2027-00-10", "2027-1-1", "01/02/2027", "2027-01-01T12:00:00",
                  "2027-01-01T24:00:00Z", "2027-01-01T12:60:00Z", "2027-01-01T12:00Z", "2027-01-01T12:00:00+0300",
                  "2027-01-01T12:00:00.Z", "2027-01-01X12:00:00Z", "tomorrow", ""])
func expiryIsRefused(text: String) {
    #expect(throws: ValueProblem.self) { try ExpiryValue(parsing: text) }
}

/// Property: the day count agrees with Foundation for random dates over four centuries.
@Test func epochSecondsAgreeWithFoundation() throws {
    let utc = try calendar("UTC")
    var random = SeededGenerator(seed: 7)
    for _ in 0..<1_000 {
        let year = 1900 + Int(random.next() % 400)
        let month = 1 + Int(random.next() % 12)
        let day = 1 + Int(random.next() % UInt64(ExpiryValue.daysIn(month: month, year: year)))
        let expected = try #require(utc.date(from: DateComponents(year: year, month: month, day: day)))
        #expect(ExpiryValue.epochSeconds(year: year, month: month, day: day) == Int(expected.timeIntervalSince1970))
    }
}

/// The renderer writes expiries as RFC 3339 UTC times with four-digit years; both ends of the range
/// it can write are accepted, and everything outside is refused when the spec is read.
@Test(arguments: ["1970-01-01", "1970-01-01T00:00:00Z", "9999-12-31", "9999-12-31T23:59:59Z",
                  "1970-01-01T03:00:00+03:00", "9999-12-31T23:59:59.9Z"])
func expiryAtTheEndsOfTheRangeIsAccepted(text: String) throws {
    let value = try ExpiryValue(parsing: text)
    for zone in ["UTC", "Pacific/Kiritimati", "Etc/GMT+12"] {
        let date = value.resolved(with: try calendar(zone))
        #expect(date >= ExpiryValue.earliest && date <= ExpiryValue.latest.addingTimeInterval(0.99), "\(zone)")
    }
}

@Test(arguments: ["0000-01-01", "0001-01-01T00:00:00Z", "1582-10-10", "1969-12-31", "1969-12-31T23:59:59Z",
                  "1970-01-01T00:59:59+01:00", "9999-12-31T23:59:59-00:01"])
func expiryOutsideTheRendererRangeIsRefused(text: String) throws {
    let problem = try #require(throws: ValueProblem.self) { try ExpiryValue(parsing: text) }
    #expect(problem.message.contains("cannot be an expiry"))
    #expect(problem.hint?.contains("9999-12-31T23:59:59Z") == true)
}

@Test func theLastDayWestOfUTCEndsAtTheLastInstantTheRendererCanWrite() throws {
    let value = try ExpiryValue(parsing: "9999-12-31")
    #expect(value.resolved(with: try calendar("America/New_York")) == ExpiryValue.latest)
    #expect(value.resolved(with: try calendar("Europe/Moscow")) == (try instant("9999-12-31T20:59:59Z")))
}
