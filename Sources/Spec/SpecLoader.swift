/// Loads users.yaml (or every file of `users/*.yaml`) into a validated ``DesiredState``.
public enum SpecLoader {
    /// The largest spec file accepted (64 MiB); a file of 100,000 users is about 9 MB.
    public static let maximumFileSize = 64 << 20

    /// Parses and validates one `users.yaml`, or every file of `users/*.yaml` (already sorted by the caller)
    /// merged: each file is a full document with `version: 1`; their `users` are merged; `proxy`, `timezone`
    /// and `defaults` may each appear in at most one file, and `defaults` applies to the users of every file.
    ///
    /// - Throws: ``SpecValidationError`` with every diagnostic (warnings included) sorted by file, line and
    ///   column when there is at least one error; nothing partial is ever returned.
    ///
    /// With a `cache`, files whose bytes it already holds are not parsed again.
    public static func load(_ sources: [SpecSource], cache: SpecParseCache? = nil) throws(SpecValidationError) -> LoadedSpec {
        // Large files are parsed in pieces (``SpecChunks``); any error there is found again by the
        // whole-file parse, whose diagnostics stay the reference.
        if let loaded = attempt(sources, cache: cache, chunked: true), !loaded.log.hasErrors, let state = loaded.state {
            return LoadedSpec(state: state, warnings: loaded.log.sorted())
        }
        let loaded = attempt(sources, cache: cache, chunked: false)
        guard let loaded, let state = loaded.state, !loaded.log.hasErrors else {
            throw SpecValidationError(diagnostics: loaded?.log.sorted() ?? [])
        }
        return LoadedSpec(state: state, warnings: loaded.log.sorted())
    }

    /// One load; with `chunked`, nil when no file is large enough to be cut (the whole-file load follows).
    static func attempt(_ sources: [SpecSource], cache: SpecParseCache?, chunked: Bool) -> (state: DesiredState?, log: DiagnosticLog)? {
        let pieces = sources.map { chunked ? SpecChunks.split($0) : nil }
        if chunked, !pieces.contains(where: { $0 != nil }) { return nil }
        var log = DiagnosticLog(files: sources.map(\.path))
        if sources.isEmpty {
            log.error(at: SourceLocation(file: "users.yaml", line: 0, column: 0), "no spec file was given",
                      hint: "commit a `users.yaml`, or files under `users/` ending in `.yaml`")
        }
        var documents: [ParsedDocument] = [], keys: [String] = []
        for (source, chunks) in zip(sources, pieces) {
            guard source.bytes.count <= maximumFileSize else {
                log.error(at: SourceLocation(file: source.path, line: 1, column: 1),
                          "the file is \(source.bytes.count) bytes, more than the \(maximumFileSize) allowed",
                          hint: "split the users into several files under `users/`")
                continue
            }
            for (index, piece) in (chunks ?? [source]).enumerated() {
                let key = chunks == nil ? source.path : "\(source.path)#\(index)"
                let (document, own) = parse(piece, key: key, cache: cache)
                log.absorb(own)
                documents.append(document)
                keys.append(key)
            }
        }
        cache?.keep(keys)
        return (SpecMerger.merge(documents, log: &log), log)
    }

    private static func parse(_ source: SpecSource, key: String, cache: SpecParseCache?) -> (ParsedDocument, DiagnosticLog) {
        let parse = { () -> (ParsedDocument, DiagnosticLog) in
            var own = DiagnosticLog(files: [source.path])
            return (SpecDocumentParser.parse(source, log: &own), own)
        }
        return cache?.parse(source, key: key, parse) ?? parse()
    }
}
