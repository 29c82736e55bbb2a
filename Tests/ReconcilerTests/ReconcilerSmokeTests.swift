import Testing
@testable import Reconciler

@Test func moduleLinks() {
    #expect(Bool(true))
}
