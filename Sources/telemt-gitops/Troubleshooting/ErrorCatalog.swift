/// Every error telemt-gitops can print, with a sample built from the real error type, what it means
/// and what to do; `telemt-gitops explain` prints it and docs/troubleshooting.md is its Markdown.
/// The entries live in one extension per area (`ErrorCatalog+Git.swift`, …).
enum ErrorCatalog {
    /// The sections in the order the document shows them.
    static var sections: [ErrorSection] {
        [
            ErrorSection(title: "users.yaml and validate", intro: specIntro, entries: specEntries + desiredEntries),
            ErrorSection(title: "Git fetch and push", intro: gitIntro, entries: gitEntries),
            ErrorSection(title: "Keys and secrets", intro: keysIntro, entries: keyEntries),
            ErrorSection(title: "Rendering and writing config.toml", intro: renderIntro,
                         entries: renderEntries + templateEntries + tomlEntries + writeEntries),
            ErrorSection(title: "Scraping telemt", intro: scrapeIntro, entries: scrapeEntries + apiEntries + prometheusEntries),
            ErrorSection(title: "The stats store", intro: storeIntro, entries: storeEntries + fleetStoreEntries),
            ErrorSection(title: "The daemon and webhooks", intro: daemonIntro, entries: engineEntries + daemonEntries),
            ErrorSection(title: "Host configuration", intro: hostIntro, entries: hostEntries),
        ]
    }

    /// Every entry of every section.
    static var entries: [ErrorEntry] { sections.flatMap(\.entries) }

    /// The entries `topic` names: a whole key (`GitSourceError.timedOut`), a case or code
    /// (`timedOut`), or a type (`GitSourceError`), compared without case; else every entry whose
    /// title, message, meaning or fix contains each of its words.
    static func entries(matching topic: String) -> [ErrorEntry] {
        let wanted = topic.lowercased()
        let all = entries
        let named = all.filter { [$0.key, $0.caseName, $0.typeName].contains { $0.lowercased() == wanted } }
        if !named.isEmpty { return named }
        let words = wanted.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return [] }
        return all.filter { entry in
            let text = [entry.key, entry.title, entry.sample, entry.meaning, entry.fix].joined(separator: "\n").lowercased()
            return words.allSatisfy(text.contains)
        }
    }
}

extension ErrorCatalog {
    /// The error `body` throws, or nil: how entries get their samples from the real loaders and parsers.
    static func failure<E: Error>(_ body: () throws(E) -> Void) -> E? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }
}
