import Testing
@testable import TelemtRender

/// Input that is cheap to write but expensive to hold is refused at its position, within a budget
/// proportional to the document's size; real configs stay far inside it.
@Suite struct TOMLParseBudgetTests {
    private func budgetError(_ source: String) throws -> TOMLParseError {
        let error = try #require(throws: TOMLParseError.self) { try TOMLDocument(parsing: source) }
        #expect(error.code == .tooManyNodes)
        #expect(error.description.contains("remove the repeated"))
        return error
    }

    @Test func manyEmptyInlineTablesAreRefusedAtTheirPosition() throws {
        let source = "x = 1\na = [" + String(repeating: "{},", count: 200_000) + "]\n"
        let error = try budgetError(source)
        let budget = TOMLParseBudget(sourceSize: source.utf8.count)
        #expect(error.line == 2)
        #expect(error.column > 3 * (budget.maximumContainers - 4_096))
        #expect(error.column < 3 * (budget.maximumContainers + 2))
    }

    @Test func manyEmptyArraysAndDottedTablesAreRefused() throws {
        _ = try budgetError("a = [" + String(repeating: "[],", count: 200_000) + "]\n")
        let dotted = (0..<60_000).map { "t\($0).x = 1\n" }.joined()
        #expect(try budgetError(dotted).line > 1)
    }

    @Test func scalarFloodIsBoundedToAFractionOfItsBytes() throws {
        let source = "a = [" + String(repeating: "1,", count: 400_000) + "]\n"
        let error = try budgetError(source)
        #expect(error.column <= 2 * TOMLParseBudget(sourceSize: source.utf8.count).maximumNodes + 6)
    }

    @Test func aLargeRealisticConfigFitsTheBudget() throws {
        let users = (0..<20_000).map { "u\($0) = \"0123456789abcdef0123456789abcdef\"\n" }.joined()
        let enabled = (0..<20_000).map { "u\($0) = true\n" }.joined()
        let limits = (0..<20_000).map { "u\($0) = 8\n" }.joined()
        let source = "[server]\nport = 443\n[access.users]\n\(users)[access.user_enabled]\n\(enabled)"
            + "[access.user_max_tcp_conns]\n\(limits)"
        let document = try TOMLDocument(parsing: source)
        #expect(document[["access", "user_max_tcp_conns", "u19999"]]?.integerValue == 8)
    }

    @Test func dateTimesStayCheapToHold() {
        #expect(MemoryLayout<TOMLValue>.size <= 17)  // a String and a tag; a date-time is boxed
    }
}
