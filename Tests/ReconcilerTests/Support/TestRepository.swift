import Foundation
import Testing
@testable import Reconciler

/// A bare "remote" repository plus a work tree that commits and pushes to it with the git command line.
final class TestRepository {
    let directory: TemporaryDirectory
    let remote: URL
    let work: URL
    let branch: String

    init(branch: String = "main", label: String = "repo") throws {
        directory = try TemporaryDirectory(label)
        remote = directory.path("remote.git")
        work = directory.path("work")
        self.branch = branch
        try Shell.run(["git", "init", "-q", "--bare", "-b", branch, remote.path])
        try Shell.run(["git", "init", "-q", "-b", branch, work.path])
        try git("remote", "add", "origin", remote.path)
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try Shell.run(["git", "-C", work.path] + arguments)
    }

    /// Writes files (path → content; nil deletes), commits, returns the new commit id.
    @discardableResult
    func commit(_ files: [String: String?], message: String = "change", extraArgs: [String] = [],
                env: [String: String] = [:]) throws -> CommitID {
        for (path, content) in files {
            let url = work.appendingPathComponent(path)
            if let content {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
                try Data(content.utf8).write(to: url)
            } else {
                try? FileManager.default.removeItem(at: url)
            }
        }
        try git("add", "-A")
        try Shell.run(["git", "-C", work.path, "commit", "-q", "--allow-empty", "-m", message] + extraArgs, env: env)
        return try head()
    }

    func head() throws -> CommitID {
        let text = try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        return try #require(CommitID(hex: text))
    }

    func push(force: Bool = false) throws {
        try Shell.run(["git", "-C", work.path, "push", "-q"] + (force ? ["--force"] : []) + ["origin", "HEAD:\(branch)"])
    }

    /// Commits and pushes; returns the commit.
    @discardableResult
    func commitAndPush(_ files: [String: String?], message: String = "change") throws -> CommitID {
        let id = try commit(files, message: message)
        try push()
        return id
    }

    /// The remote's tip of `ref` via the git command line.
    func remoteTip(_ ref: String? = nil) throws -> String {
        try Shell.run(["git", "--git-dir", remote.path, "rev-parse", ref ?? branch])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A configuration for `url` that sends `token` (from the file `token` here) as user `deploy`,
    /// allowed over the loopback servers' plain http://.
    func tokenConfiguration(url: String, token: String) throws -> GitSourceConfiguration {
        let file = directory.path("token")
        try Data("\(token)\n".utf8).write(to: file)
        var configuration = configuration(url: url)
        configuration.authentication = .httpToken(file: file, username: "deploy")
        configuration.allowInsecureTransport = true
        return configuration
    }

    /// A git source configuration with a fresh cache in this repository's temporary directory.
    func configuration(url: String? = nil, cache: String = "cache.git") -> GitSourceConfiguration {
        GitSourceConfiguration(url: url ?? remote.path, ref: .branch(branch), cacheDirectory: directory.path(cache))
    }
}
