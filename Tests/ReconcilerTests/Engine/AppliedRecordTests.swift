import Foundation
import Testing
import TestSupport
@testable import Reconciler

/// `applied.tsv` reads back exactly what was written, whatever the text and numbers, and a damaged
/// file reads as nothing applied rather than as a wrong record.
struct AppliedRecordTests {
    static func text(_ random: inout SeededGenerator) -> String {
        let alphabet = Array("ab%\t\n\r-é日 ")
        return String((0..<Int.random(in: 0...8, using: &random)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
    }

    static func record(_ random: inout SeededGenerator) -> AppliedRecord {
        let number = { (r: inout SeededGenerator) -> Double? in Bool.random(using: &r) ? Double(Int64.random(in: -1 << 40...1 << 40, using: &r)) / 7 : nil }
        let users = (0..<Int.random(in: 0...20, using: &random)).map { _ in
            UserSnapshot(name: text(&random), limit: Bool.random(using: &random) ? UInt64.random(in: 0...UInt64.max, using: &random) : nil,
                         reset: text(&random), maxConnections: Bool.random(using: &random) ? Int.random(in: Int.min...Int.max, using: &random) : nil,
                         maxUniqueIPs: nil, expire: number(&random), disabled: Bool.random(using: &random), onHold: Int64.random(in: 0...1 << 40, using: &random),
                         rotate: Int.random(in: 0...9, using: &random), secretDigest: Bool.random(using: &random) ? "-" : text(&random))
        }
        let evaluations = (0..<Int.random(in: 0...20, using: &random)).map { _ in
            AppliedRecord.Evaluation(user: text(&random), state: text(&random), reset: text(&random), periodStart: number(&random),
                                     periodEnd: number(&random), used: UInt64.random(in: 0...UInt64.max, using: &random),
                                     limit: nil, expire: number(&random), firstSeen: number(&random), expiringSoon: Bool.random(using: &random))
        }
        return AppliedRecord(revision: text(&random), configSHA256: text(&random), keyFingerprint: Bool.random(using: &random) ? text(&random) : nil,
                             at: Date(timeIntervalSince1970: number(&random) ?? 0), users: users, evaluations: evaluations)
    }

    @Test func everyRecordReadsBackAsWritten() {
        var random = SeededGenerator(seed: 12)
        for _ in 0..<300 {
            var record = Self.record(&random)
            // "-" stands for "none" in the file, so a digest or fingerprint that is exactly "-" reads back as none.
            record.users = record.users.map { var user = $0; if user.secretDigest == "-" { user.secretDigest = nil }; return user }
            if record.keyFingerprint == "-" { record.keyFingerprint = nil }
            #expect(AppliedRecord(encoded: record.encoded()) == record)
        }
    }

    @Test func aDamagedFileReadsAsNothingApplied() {
        var random = SeededGenerator(seed: 13)
        let bytes = Self.record(&random).encoded()
        #expect(AppliedRecord(encoded: Array(bytes.prefix(10))) == nil)
        #expect(AppliedRecord(encoded: Array("{\"revision\": \"abc\"}".utf8)) == nil)
        #expect(AppliedRecord(encoded: bytes + Array("user\tbroken\n".utf8)) == nil)
        #expect(AppliedRecord(encoded: []) == nil)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let cut = lines.prefix(lines.count - 3).joined(separator: [0x0A]) + [0x0A]
        #expect(lines.count > 8 && AppliedRecord(encoded: Array(cut)) == nil, "a file cut at a line end is refused")
    }
}
