/// The one style of error lines: `error: …` (or `file:line:col: error: …`), lowercase, like a compiler.
enum ErrorStyle {
    /// `message` with ArgumentParser's `Error: ` prefix written as `error: `, and an `error: ` prefix
    /// added to a first line that has none.
    static func compilerLike(_ message: String) -> String {
        if message.hasPrefix("Error: ") { return "error: " + message.dropFirst("Error: ".count) }
        if message.hasPrefix("error: ") || message.contains(": error: ") { return message }
        return "error: " + message
    }
}
