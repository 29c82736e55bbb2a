"""Weighted rendezvous placement in plain Python, as docs/fleet.md defines it (the hash, the
portable logarithm, the order), for scripts/bench-placement.sh: scores every eligible node of every
user, sorts them and takes the first `replicas`, then prints the wall time and a checksum of the
placement that the Swift workload prints too, so the two implementations are checked bit for bit.

Usage: baseline_placement.py USERS NODES REPLICAS [score USER NODE WEIGHT]
"""
import math
import sys
import time

MASK = (1 << 64) - 1
LN2 = 0.6931471805599453
SQRT2 = 1.4142135623730951


def fmix64(k):
    k ^= k >> 33
    k = (k * 0xFF51AFD7ED558CCD) & MASK
    k ^= k >> 33
    k = (k * 0xC4CEB9FE1A85EC53) & MASK
    return k ^ (k >> 33)


def key(name):
    h = 0xCBF29CE484222325
    for byte in name.encode():
        h = ((h ^ byte) * 0x100000001B3) & MASK
    return fmix64(h)


def portable_ln(x):
    mantissa, exponent = math.frexp(x)  # x = mantissa * 2**exponent, mantissa in [0.5, 1): exact
    mantissa, exponent = mantissa * 2.0, exponent - 1
    if mantissa > SQRT2:
        mantissa, exponent = mantissa * 0.5, exponent + 1
    s = (mantissa - 1.0) / (mantissa + 1.0)
    z = s * s
    total = 2.0 / 23.0
    for k in range(10, -1, -1):
        total = total * z + 2.0 / (2 * k + 1)
    return exponent * LN2 + s * total


def draw(user_key, node_part):
    return fmix64(user_key ^ node_part) >> 12


def score(weight, d):
    return weight / -portable_ln((d + 0.5) * 2.0**-52)


def workload(users, nodes):
    """The nodes and users of the Benchmarks `placement` workload."""
    fleet = [(f"node-{i:02d}", 2.0 if i % 5 == 0 else 1.0) for i in range(nodes)]
    return sorted(fleet, key=lambda n: n[0].encode()), [f"user{i:06d}" for i in range(users)]


def place(fleet, users, replicas):
    parts = [((key(name) * 0x9E3779B97F4A7C15) & MASK, name, weight) for name, weight in fleet]
    lines = []
    for user in users:
        user_key = key(user)
        ranked = []
        for part, name, weight in parts:
            d = draw(user_key, part)
            ranked.append((-score(weight, d), -d, name.encode(), name))
        ranked.sort()
        lines.append(user + ":" + ",".join(r[3] for r in ranked[:replicas]) + "\n")
    return "".join(lines)


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "score":
        user, node, weight = sys.argv[2], sys.argv[3], float(sys.argv[4])
        d = draw(key(user), (key(node) * 0x9E3779B97F4A7C15) & MASK)
        print(f"{d} {score(weight, d)!r}")
        return
    users, nodes, replicas = (int(a) for a in sys.argv[1:4])
    fleet, names = workload(users, nodes)
    start = time.perf_counter()
    text = place(fleet, names, replicas)
    wall = time.perf_counter() - start
    print(f"wall_ms={wall * 1000:.0f} checksum={key(text):016x}")


if __name__ == "__main__":
    main()
