import CGit2

extension GitRepository {
    /// The commit's signature and the bytes it signs; nil for an unsigned commit.
    func signature(of id: CommitID) throws(GitSourceError) -> (signature: String, signedData: [UInt8])? {
        var signature = git_buf()
        var signed = git_buf()
        defer {
            git_buf_dispose(&signature)
            git_buf_dispose(&signed)
        }
        var oid = id.oid
        let code = git_commit_extract_signature(&signature, &signed, pointer, &oid, nil)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try LibGit2.check(code, "read signature of \(id.short)")
        let text = String(decoding: UnsafeRawBufferPointer(start: signature.ptr, count: signature.size), as: UTF8.self)
        let data = [UInt8](UnsafeRawBufferPointer(start: signed.ptr, count: signed.size))
        return (text, data)
    }
}
