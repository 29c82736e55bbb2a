/// Why a value was refused: one sentence, and what to write instead.
struct ValueProblem: Error, Equatable {
    var message: String
    var hint: String?

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
