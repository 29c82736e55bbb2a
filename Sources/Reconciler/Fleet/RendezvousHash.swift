/// The hash and score of weighted rendezvous hashing: which nodes a user lands on.
///
/// This is a wire format. Every host of a fleet computes placement on its own from the same commit,
/// so every host, on every platform and Swift version, for ever, must get the same bits; changing
/// anything here moves users. It uses no seeded or platform hash (not Swift's `Hasher`) and no libm:
///
/// 1. `key(name)` = `fmix64(fnv1a64(utf8(name)))`: FNV-1a 64 (offset basis `0xcbf29ce484222325`,
///    prime `0x100000001b3`) over the name's UTF-8 bytes as written, then MurmurHash3's 64-bit
///    finalizer `fmix64` (shifts 33, multipliers `0xff51afd7ed558ccd`, `0xc4ceb9fe1a85ec53`).
/// 2. `pair(user, node)` = `fmix64(key(user) ^ (key(node) &* 0x9e3779b97f4a7c15))` (the node's
///    side is multiplied so that a user and a node of the same name do not cancel).
/// 3. `draw` = `pair >> 12` (52 bits); `u` = `(draw + 0.5) · 2⁻⁵²`, exactly, in the open interval (0, 1).
/// 4. `score` = `weight / −ln(u)`, with ``PortableLog/ln(_:)`` (IEEE 754 operations only).
///
/// A user's nodes are the eligible nodes ordered by score (highest first), then by draw (highest
/// first), then by name (byte order); its first `replicas` of them are its placement.
public enum RendezvousHash {
    /// The stable 64-bit key of a user's or node's name (step 1).
    @inline(__always)
    public static func key(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return fmix64(hash)
    }

    /// The node's side of step 2, computed once per node.
    @inline(__always)
    public static func nodePart(_ nodeKey: UInt64) -> UInt64 {
        nodeKey &* 0x9e37_79b9_7f4a_7c15
    }

    /// The 52-bit draw of a user on a node (steps 2 and 3), from the user's key and the node's part.
    @inline(__always)
    public static func draw(userKey: UInt64, nodePart: UInt64) -> UInt64 {
        fmix64(userKey ^ nodePart) >> 12
    }

    /// The draw as a number in (0, 1): `(draw + 0.5) · 2⁻⁵²`, exact in a `Double`.
    @inline(__always)
    public static func unit(_ draw: UInt64) -> Double {
        (Double(draw) + 0.5) * 0x1p-52
    }

    /// The score of a draw on a node of `weight` (step 4): `weight / −ln(u)`.
    @inline(__always)
    public static func score(weight: Double, draw: UInt64) -> Double {
        weight / -PortableLog.ln(unit(draw))
    }

    /// The score of `user` on `node` of `weight`, from the names: the definition, for tests and checks.
    public static func score(user: String, node: String, weight: Double) -> Double {
        score(weight: weight, draw: draw(userKey: key(user), nodePart: nodePart(key(node))))
    }

    /// MurmurHash3's 64-bit finalizer: a bijection on 64 bits whose every input bit flips about
    /// half of the output bits.
    @inline(__always)
    public static func fmix64(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed ^= mixed >> 33
        mixed = mixed &* 0xff51_afd7_ed55_8ccd
        mixed ^= mixed >> 33
        mixed = mixed &* 0xc4ce_b9fe_1a85_ec53
        mixed ^= mixed >> 33
        return mixed
    }
}
