import Testing
@testable import Spec

@Test(arguments: [("45s", Int64(45)), ("90m", 5_400), ("12h", 43_200), ("30d", 2_592_000), ("2w", 1_209_600),
                  ("1 d", 86_400), ("007h", 25_200)])
func durationParses(text: String, seconds: Int64) throws {
    #expect(try SpecDuration(parsing: text) == SpecDuration(seconds: seconds))
}

@Test(arguments: ["0d", "30", "d", "3 days", "1.5d", "-1d", "1d12h", "30D", "99999999999w", "5300w", ""])
func durationIsRefused(text: String) {
    #expect(throws: ValueProblem.self) { try SpecDuration(parsing: text) }
}
