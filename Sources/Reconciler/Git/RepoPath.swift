/// Validation of repository-relative paths (configuration sub-paths, names from git trees).
enum RepoPath {
    /// Normalises a configured sub-path: trims slashes; refuses absolute paths, `.` and `..` components.
    static func normalizeSubPath(_ raw: String) throws(GitSourceError) -> String {
        if raw.hasPrefix("/") {
            throw .unsafePath(path: raw, reason: "absolute paths are not allowed")
        }
        let components = raw.split(separator: "/", omittingEmptySubsequences: true)
        for component in components where component == ".." || component == "." {
            throw .unsafePath(path: raw, reason: "'.' and '..' components are not allowed")
        }
        return components.joined(separator: "/")
    }

    /// Whether a single tree-entry name is safe to use as a path component.
    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\\")
            && !name.contains("\0") && name.utf8.count <= 255
    }

    /// Joins a sub-path and a relative path.
    static func join(_ base: String, _ rest: String) -> String {
        base.isEmpty ? rest : "\(base)/\(rest)"
    }

    /// Whether `name` is a usable node name for `status/<node>.yaml`.
    static func isValidNodeName(_ name: String) -> Bool {
        guard (1...64).contains(name.utf8.count), name != ".", name != ".." else { return false }
        return name.utf8.allSatisfy { byte in
            byte.isHexDigit || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
    }
}
