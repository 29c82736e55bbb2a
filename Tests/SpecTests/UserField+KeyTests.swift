import TestSupport
import Testing
@testable import Spec

@Test func everyKeyIsFoundByItsText() {
    for field in UserField.allCases {
        #expect(UserField(key: field.rawValue) == field)
    }
}

/// Property: for random near-misses of the keys (one byte changed, dropped or added) and random strings,
/// `init(key:)` agrees with `init(rawValue:)`.
@Test func keyLookupAgreesWithRawValue() {
    var random = SeededGenerator(seed: 11)
    let alphabet = Array("abcdeghilmnoprstuxy_-.EZ0".utf8)
    for _ in 0..<5_000 {
        var bytes = Array(UserField.allCases[Int(random.next() % UInt64(UserField.allCases.count))].rawValue.utf8)
        switch random.next() % 4 {
        case 0: bytes[Int(random.next() % UInt64(bytes.count))] = alphabet[Int(random.next() % UInt64(alphabet.count))]
        case 1: bytes.remove(at: Int(random.next() % UInt64(bytes.count)))
        case 2: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: Int(random.next() % UInt64(bytes.count)))
        default: bytes = (0..<Int(random.next() % 16)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
        }
        let key = String(decoding: bytes, as: UTF8.self)
        #expect(UserField(key: key) == UserField(rawValue: key), "\(key)")
    }
}
