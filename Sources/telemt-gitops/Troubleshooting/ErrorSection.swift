/// A group of catalog entries by where the errors happen ("git fetch and push", …).
struct ErrorSection: Sendable {
    /// The heading, e.g. "Git fetch and push".
    let title: String
    /// A paragraph under the heading: which commands print these and how.
    let intro: String
    /// The entries, in the order they are shown.
    let entries: [ErrorEntry]

    /// The GitHub-style anchor of the heading.
    var anchor: String {
        String(title.lowercased().compactMap { $0 == " " ? "-" : ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : nil) })
    }
}
