import Foundation
import Testing
@testable import TelemtRender

@Suite struct ConfigRendererTests {
    @Test func rendersTelemtExampleLikeGolden() throws {
        let template = try TestSupport.golden("config.example.toml")
        let rendered = try ConfigRenderer().render(template: template, users: TestSupport.users)
        if TestSupport.shouldUpdateGolden { try TestSupport.updateGolden("config.example.rendered.toml", rendered) }
        #expect(rendered == (try TestSupport.golden("config.example.rendered.toml")))
    }
}
