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
        var log = DiagnosticLog(files: sources.map(\.path))
        if sources.isEmpty {
            log.error(at: SourceLocation(file: "users.yaml", line: 0, column: 0), "no spec file was given",
                      hint: "commit a `users.yaml`, or files under `users/` ending in `.yaml`")
        }
        var documents: [ParsedDocument] = []
        for source in sources {
            guard source.bytes.count <= maximumFileSize else {
                log.error(at: SourceLocation(file: source.path, line: 1, column: 1),
                          "the file is \(source.bytes.count) bytes, more than the \(maximumFileSize) allowed",
                          hint: "split the users into several files under `users/`")
                continue
            }
            let parse = { () -> (ParsedDocument, DiagnosticLog) in
                var own = DiagnosticLog(files: [source.path])
                return (SpecDocumentParser.parse(source, log: &own), own)
            }
            let (document, own) = cache?.parse(source, parse) ?? parse()
            log.absorb(own)
            documents.append(document)
        }
        cache?.keep(sources.map(\.path))
        let state = SpecMerger.merge(documents, log: &log)
        let diagnostics = log.sorted()
        guard let state, !log.hasErrors else { throw SpecValidationError(diagnostics: diagnostics) }
        return LoadedSpec(state: state, warnings: diagnostics)
    }
}
