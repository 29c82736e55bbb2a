/// Human-readable byte counts in binary units, as users.yaml writes limits (`1.5 GiB`).
public enum ByteCountFormat {
    /// `bytes` with one decimal in the largest binary unit not above it (`0 B`, `512 B`, `1.5 KiB`, `2.0 GiB`).
    public static func string(_ bytes: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1_024, unit < units.count - 1 {
            value /= 1_024
            unit += 1
        }
        guard unit > 0 else { return "\(bytes) B" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
