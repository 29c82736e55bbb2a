import TestSupport
import Testing
@testable import Spec

@Test(arguments: [
    ("0", UInt64(0)), ("1024", 1024), ("1 B", 1), ("1KB", 1_000), ("1 MB", 1_000_000), ("2 GB", 2_000_000_000),
    ("3 TB", 3_000_000_000_000), ("1 KiB", 1_024), ("1 MiB", 1_048_576), ("50 GiB", 53_687_091_200),
    ("2 TiB", 2_199_023_255_552), ("1.5 GiB", 1_610_612_736), ("0.5 KB", 500), ("1.1 GiB", 1_181_116_006),
    ("0.0005 KB", 1), ("0.0004 KB", 1), ("0.0 KB", 0), ("  7 MiB ", 7_340_032), ("16777215 TiB", 18_446_742_974_197_923_840),
])
func sizeParses(text: String, bytes: UInt64) throws {
    #expect(try DataLimit(parsing: text) == .bytes(bytes))
}

@Test func unlimitedParses() throws {
    #expect(try DataLimit(parsing: "unlimited") == .unlimited)
    #expect(DataLimit.unlimited.byteCount == nil)
}

@Test(arguments: ["", "GiB", "5 gib", "5 Gb", "1.2.3 GB", ".5 GB", "5. GB", "5 parsecs", "16777216 TiB",
                  "18446744073709551616", "-5 GB", "unlimited!"])
func sizeIsRefused(text: String) {
    #expect(throws: ValueProblem.self) { try DataLimit(parsing: text) }
}

@Test func wrongCaseUnitSuggestsTheRightOne() throws {
    let problem = try #require(throws: ValueProblem.self) { try DataLimit(parsing: "5 mib") }
    #expect(problem.hint == "did you mean `MiB`?")
}

/// Property: for any byte count and any unit that divides it, `N unit` parses back to the same count.
@Test func sizesRoundTripThroughEveryUnit() throws {
    var random = SeededGenerator(seed: 0x51_2E)
    for _ in 0..<2_000 {
        let unit = DataLimit.units[Int(random.next() % UInt64(DataLimit.units.count))]
        let count = (random.next() / unit.multiplier) >> (random.next() % 64)
        #expect(try DataLimit(parsing: "\(count) \(unit.name)") == .bytes(count * unit.multiplier))
    }
}
