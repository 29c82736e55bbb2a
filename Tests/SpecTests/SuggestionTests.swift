import Testing
@testable import Spec

@Test(arguments: [
    ("data_limt", "data_limit"), ("datalimit", "data_limit"), ("DATA_LIMIT", "data_limit"), ("expires", "expire"),
    ("rest", "reset"), ("hots", "host"), ("tls-domain", "tls_domain"), ("max_conections", "max_connections"),
    ("onhold", "on_hold"), ("disbaled", "disabled"),
])
func typoIsMatched(typo: String, key: String) {
    #expect(Suggestion.closest(to: typo, among: UserField.allCases.map(\.rawValue) + ProxyField.allCases.map(\.rawValue))
        == key)
}

@Test(arguments: ["colour", "limit", "x", "password", String(repeating: "z", count: 500)])
func unrelatedWordHasNoSuggestion(word: String) {
    #expect(Suggestion.closest(to: word, among: UserField.allCases.map(\.rawValue)) == nil)
}

@Test func distanceCountsEditsAndTranspositions() {
    func distance(_ a: String, _ b: String) -> Int {
        Suggestion.distance(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }
    #expect(distance("", "abc") == 3)
    #expect(distance("kitten", "sitting") == 3)
    #expect(distance("ab", "ba") == 1)
    #expect(distance("same", "same") == 0)
}
