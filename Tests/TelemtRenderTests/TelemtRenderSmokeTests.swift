import Testing
@testable import TelemtRender

@Test func moduleLinks() {
    #expect(Bool(true))
}
