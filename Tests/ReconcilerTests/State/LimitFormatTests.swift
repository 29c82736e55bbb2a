import Spec
import Testing
@testable import Reconciler

extension StateTests {
    @Suite struct LimitFormatTests {
        @Test(arguments: [
            (DataLimit.unlimited, "unlimited"),
            (.bytes(0), "0 B"),
            (.bytes(512), "512 B"),
            (.bytes(999), "999 B"),
            (.bytes(1_000), "1 KB"),
            (.bytes(1_024), "1 KiB"),
            (.bytes(1_536), "1.5 KiB"),
            (.bytes(1_001), "1.001 KB"),
            (.bytes(50 << 30), "50 GiB"),
            (.bytes(1_500_000_000), "1.5 GB"),
            (.bytes(1_536 << 20), "1.5 GiB"),
            (.bytes(1 << 40), "1 TiB"),
            (.bytes(1_125_000_000_000), "1.125 TB"),
            (.bytes(10_000 << 30), "10000 GiB"),
            (.bytes(1_048_576), "1 MiB"),
            (.bytes(2_000_000_000), "2 GB"),
        ])
        func exactLimitsPrintInTheirUnit(limit: DataLimit, text: String) {
            #expect(LimitFormat.string(limit) == text)
        }

        @Test func limitsWithoutAShortExactFormAreApproximated() {
            // `1.3 GiB` in users.yaml is rounded to the byte: no unit writes it exactly.
            #expect(LimitFormat.string(.bytes(1_395_864_371)) == "1.3 GiB")
            #expect(LimitFormat.string(.bytes(123_456_789)) == "117.7 MiB")
            #expect(LimitFormat.string(.bytes(UInt64.max)) == "16.0 EiB")
        }
    }
}
