import Foundation
import Testing
@testable import Reconciler

extension FleetTests {
    /// The hash is a wire format: these values were computed by this implementation and, independently,
    /// by scripts/bench/baseline_placement.py. If one changes, every host would move users.
    @Suite struct RendezvousHashTests {
        @Test(arguments: [
            ("alice", "eu-1", 1.0, UInt64(2_498_459_890_022_204), 1.6972093745753325),
            ("alice", "eu-2", 1.0, UInt64(1_503_327_047_737_825), 0.9114139288051663),
            ("bob", "eu-1", 2.0, UInt64(4_192_228_425_755_495), 27.91558858815629),
            ("carol", "us-1", 0.5, UInt64(809_251_446_771_982), 0.29128658262836993),
            ("eu-1", "eu-1", 1.0, UInt64(414_625_654_872_156), 0.4192421767822835),
        ])
        func drawsAndScoresAreFixed(user: String, node: String, weight: Double, draw: UInt64, score: Double) {
            let computed = RendezvousHash.draw(userKey: RendezvousHash.key(user), nodePart: RendezvousHash.nodePart(RendezvousHash.key(node)))
            #expect(computed == draw)
            #expect(RendezvousHash.score(user: user, node: node, weight: weight).bitPattern == score.bitPattern)
        }

        @Test func keysAreFNV1aThenFmix64() {
            #expect(RendezvousHash.key("") == RendezvousHash.fmix64(0xcbf2_9ce4_8422_2325))
            #expect(RendezvousHash.key("") == 17_280_346_270_528_514_342)
            #expect(RendezvousHash.key("alice") == 3_821_251_815_001_557_236)
        }

        @Test func drawsMapIntoTheOpenUnitInterval() {
            #expect(RendezvousHash.unit(0) == 0x1p-53)
            #expect(RendezvousHash.unit((1 << 52) - 1) == 1 - 0x1p-53)
            #expect(RendezvousHash.score(weight: 1, draw: (1 << 52) - 1).isFinite)
            #expect(RendezvousHash.score(weight: 1, draw: 0) > 0)
        }

        @Test func portableLogIsWithinAFewUnitsOfLibm() {
            var worst = 0.0
            for step in 1..<20_000 {
                let x = Double(step) / 20_000
                worst = max(worst, abs(PortableLog.ln(x) - log(x)) / abs(log(x)))
            }
            for x in [0x1p-53, 1e-10, 0.5, 0.7071067811865476, 0.7071067811865475, 1 - 0x1p-53] {
                worst = max(worst, abs(PortableLog.ln(x) - log(x)) / abs(log(x)))
            }
            #expect(worst < 4 * Double.ulpOfOne)
            #expect(PortableLog.ln(1 - 0x1p-53) < 0)
        }
    }
}
