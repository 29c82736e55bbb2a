import Testing
@testable import Spec

private func plain(_ text: String) -> YAMLScalar.CoreType {
    YAMLScalar(text: text, style: .plain).coreType
}

@Test func coreSchemaResolvesPlainScalars() {
    for text in ["", "~", "null", "Null", "NULL"] { #expect(plain(text) == .null) }
    for text in ["true", "True", "TRUE"] { #expect(plain(text) == .boolean(true)) }
    for text in ["false", "False", "FALSE"] { #expect(plain(text) == .boolean(false)) }
    for text in ["yes", "no", "on", "off", "y", "n", "nULL", "tRUE"] { #expect(plain(text) == .string, "\(text)") }
    #expect(plain("42") == .integer(42))
    #expect(plain("-7") == .integer(-7))
    #expect(plain("+3") == .integer(3))
    #expect(plain("0x1F") == .integer(31))
    #expect(plain("0o17") == .integer(15))
    #expect(plain("99999999999999999999") == .integer(nil))
    for text in ["1.5", ".5", "1e3", "-2.5E-3", ".inf", "-.Inf", ".NaN", "1."] { #expect(plain(text) == .float, "\(text)") }
    for text in ["1.5 GiB", "0x", "0o8", "1e", "2027-01-01", "1_000", "--1"] { #expect(plain(text) == .string, "\(text)") }
}

@Test func quotedScalarsAreAlwaysStrings() {
    for style in [YAMLScalar.Style.quoted, .block] {
        #expect(YAMLScalar(text: "true", style: style).coreType == .string)
        #expect(YAMLScalar(text: "42", style: style).coreType == .string)
        #expect(YAMLScalar(text: "", style: style).coreType == .string)
    }
}
