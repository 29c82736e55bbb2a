import Testing
@testable import Spec

@Test func moduleLinks() {
    #expect(Bool(true))
}
