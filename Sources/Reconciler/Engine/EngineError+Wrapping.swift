extension EngineError {
    /// An error of a lower layer whose own text already names `path` (`path: …` or
    /// `stats store path: …`) and says what to do: the path is said once.
    init(_ code: Code, path: String, wrapping error: any Error) {
        var text = "\(error)"
        for prefix in ["\(path): ", "stats store \(path): "] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
        }
        self.init(code, path: path, text)
    }
}
