import TestSupport
import Testing
@testable import Spec

private func at(_ line: Int, _ column: Int) -> Spec.SourceLocation {
    Spec.SourceLocation(file: "users.yaml", line: line, column: column)
}

@Test func firstWriteOfAFieldIsKeptAndDuplicatesPointAtIt() {
    var marks = UserFieldMarks(file: "users.yaml")
    #expect(marks.insert(.expire, at: at(3, 5)) == nil)
    #expect(marks.insert(.note, at: at(4, 5)) == nil)
    #expect(marks.insert(.expire, at: at(9, 7)) == at(3, 5))
    #expect(marks.location(of: .expire) == at(3, 5))
    #expect(marks.location(of: .note) == at(4, 5))
    #expect(marks.location(of: .onHold) == nil)
}

/// Property: in random sequences of fields, a field is a duplicate exactly when it was inserted before,
/// and its location is the first one, as a dictionary would keep them.
@Test func marksBehaveLikeADictionaryOfFirstLocations() {
    var random = SeededGenerator(seed: 5)
    for _ in 0..<500 {
        var marks = UserFieldMarks(file: "users.yaml")
        var expected: [UserField: Spec.SourceLocation] = [:]
        for line in 1...Int(1 + random.next() % 20) {
            let field = UserField.allCases[Int(random.next() % 10)]
            let here = at(line, Int(1 + random.next() % 80))
            #expect(marks.insert(field, at: here) == expected[field])
            if expected[field] == nil { expected[field] = here }
        }
        for field in UserField.allCases {
            #expect(marks.location(of: field) == expected[field])
        }
    }
}
