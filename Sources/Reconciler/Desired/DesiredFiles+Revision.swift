extension DesiredFiles {
    /// The files of a git revision; paths in messages carry the repository sub-path.
    public init(revision: DesiredRevision) {
        let prefix = revision.subPath.isEmpty ? "" : revision.subPath + "/"
        let relocated: (DesiredFile) -> DesiredFile = { DesiredFile(path: prefix + $0.path, bytes: $0.bytes) }
        self.init(
            users: revision.userFiles.map { .init(path: prefix + $0.path, bytes: $0.bytes) },
            template: revision.telemtTemplate.map(relocated),
            status: revision.statusFiles.map(relocated)
        )
    }
}
