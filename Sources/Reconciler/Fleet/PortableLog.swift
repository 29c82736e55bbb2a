/// The natural logarithm from IEEE 754 operations only (`+ − × ÷`, each correctly rounded, in a
/// fixed order, never fused), so that it gives the same bits on every platform and Swift version.
/// libm's `log` may differ in the last bit between C libraries, which would let hosts disagree on
/// a near tie; placement scores (``RendezvousHash``) use this function instead.
///
/// `x = m · 2ᵉ` with `m` in (√2/2, √2], then `ln x = e · ln 2 + 2·atanh(s)` with `s = (m − 1)/(m + 1)`,
/// `|s| ≤ 0.172`, summed as `s · Σₖ₌₀…₁₁ (2/(2k+1)) · s²ᵏ` by Horner's rule, highest term first. The
/// error is within a few units in the last place, far below anything placement can tell apart.
public enum PortableLog {
    /// `ln 2`, correctly rounded.
    static let ln2 = 0.693_147_180_559_945_3
    /// `√2`, correctly rounded.
    static let sqrt2 = 1.414_213_562_373_095_1

    /// The natural logarithm of a positive normal `x` (placement only takes it of numbers in (0, 1)).
    @inline(__always)
    public static func ln(_ x: Double) -> Double {
        let bits = x.bitPattern
        var exponent = Int((bits >> 52) & 0x7ff) - 1023
        var mantissa = Double(bitPattern: (bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000)
        if mantissa > sqrt2 {
            mantissa *= 0.5
            exponent += 1
        }
        let s = (mantissa - 1) / (mantissa + 1)
        let z = s * s
        var sum = 2.0 / 23.0
        sum = sum * z + 2.0 / 21.0
        sum = sum * z + 2.0 / 19.0
        sum = sum * z + 2.0 / 17.0
        sum = sum * z + 2.0 / 15.0
        sum = sum * z + 2.0 / 13.0
        sum = sum * z + 2.0 / 11.0
        sum = sum * z + 2.0 / 9.0
        sum = sum * z + 2.0 / 7.0
        sum = sum * z + 2.0 / 5.0
        sum = sum * z + 2.0 / 3.0
        sum = sum * z + 2.0
        return Double(exponent) * ln2 + s * sum
    }
}
