import Testing
@testable import StatsSink

@Test func moduleLinks() {
    #expect(Bool(true))
}
