extension String {
    /// The text cut to 64 characters, control characters shown as `?`: spec files are untrusted, and
    /// what they contain must neither flood nor drive the terminal that prints a diagnostic.
    var clipped: String {
        let cut = utf8.count <= 64 ? Substring(self) : prefix(64)
        let safe = String(String.UnicodeScalarView(cut.unicodeScalars.map { scalar in
            scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) ? "?" : scalar
        }))
        return cut.endIndex == endIndex ? safe : safe + "…"
    }
}
