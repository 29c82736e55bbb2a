import Foundation
import Spec
import Testing
@testable import Reconciler

@Suite struct DesiredFilesTests {
    @Test func picksUsersYamlThenSplitFilesInOrderAndTheTemplate() throws {
        let tree: [String: [UInt8]] = [
            "users.yaml": [1], "users/b.yaml": [2], "users/a.yml": [3], "users/.hidden.yaml": [4],
            "users/deep/c.yaml": [5], "telemt.toml": [6], "status/node1.yaml": [7], "README.md": [8],
        ]
        let files = try DesiredFiles(tree: tree, displayPrefix: "repo/")
        #expect(files.users.map(\.path) == ["repo/users.yaml", "repo/users/a.yml", "repo/users/b.yaml"])
        #expect(files.users.map(\.bytes) == [[1], [3], [2]])
        #expect(files.template == DesiredFile(path: "repo/telemt.toml", bytes: [6]))
        #expect(files.status.map(\.path) == ["repo/status/node1.yaml"])
    }

    @Test func aTreeWithoutUsersIsAnErrorThatSaysWhatToDo() {
        let error = #expect(throws: DesiredFilesError.self) { try DesiredFiles(tree: ["telemt.toml": []]) }
        #expect(error?.problem == .noUsers)
        #expect(error?.description.contains("users.yaml") == true)
    }

    @Test func readsALocalDirectoryAndASingleFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("desired-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/users", withIntermediateDirectories: true)
        try Data("a".utf8).write(to: URL(fileURLWithPath: dir + "/users/team-a.yaml"))
        try Data("t".utf8).write(to: URL(fileURLWithPath: dir + "/telemt.toml"))
        let files = try LocalDesiredReader().read(dir)
        #expect(files.users.map(\.path) == [dir + "/users/team-a.yaml"])
        #expect(files.template?.bytes == Array("t".utf8))
        let single = try LocalDesiredReader().read(dir + "/users/team-a.yaml")
        #expect(single.users.map(\.bytes) == [Array("a".utf8)])
        #expect(single.template == nil)
    }

    @Test func oversizedAndMissingFilesAreErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("desired-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(repeating: 65, count: 2048).write(to: URL(fileURLWithPath: dir + "/users.yaml"))
        let large = #expect(throws: DesiredFilesError.self) { try LocalDesiredReader(limits: GitReadLimits(maxFileBytes: 1024)).read(dir) }
        #expect(large?.problem == .tooLarge(size: 1025, limit: 1024))
        let missing = #expect(throws: DesiredFilesError.self) { try LocalDesiredReader().read(dir + "/nope") }
        #expect(missing?.path == dir + "/nope")
    }

    /// A directory for the tests below, removed when the test ends.
    private func scratch() throws -> (String, () -> Void) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("desired-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/spec/users", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/outside", withIntermediateDirectories: true)
        try Data("secret: host file\n".utf8).write(to: URL(fileURLWithPath: dir + "/outside/private.yaml"))
        return (dir, { try? FileManager.default.removeItem(atPath: dir) })
    }

    @Test(arguments: ["users.yaml", "users/a.yaml", "telemt.toml", "status/n1.yaml", "users-dir"])
    func aSymlinkLeavingTheCheckoutIsRefused(entry: String) throws {
        let (dir, cleanup) = try scratch()
        defer { cleanup() }
        try Data("version: 1\n".utf8).write(to: URL(fileURLWithPath: dir + "/spec/users/base.yaml"))
        if entry == "users-dir" {
            try FileManager.default.removeItem(atPath: dir + "/spec/users")
            symlink(dir + "/outside", dir + "/spec/users")
        } else {
            try FileManager.default.createDirectory(atPath: dir + "/spec/status", withIntermediateDirectories: true)
            symlink("../" + (entry.contains("/") ? "../" : "") + "outside/private.yaml", dir + "/spec/" + entry)
        }
        let error = try #require(throws: DesiredFilesError.self) { try LocalDesiredReader().read(dir + "/spec") }
        guard case .leavesTree(let target, _) = error.problem else { Issue.record("\(error)"); return }
        #expect(target.hasSuffix("/outside/private.yaml"))
        #expect(error.description.contains("commit the file itself"))
        #expect(!error.description.contains("host file"))
    }

    @Test func aSymlinkInsideTheCheckoutIsRead() throws {
        let (dir, cleanup) = try scratch()
        defer { cleanup() }
        try Data("a\n".utf8).write(to: URL(fileURLWithPath: dir + "/spec/users/base.yaml"))
        symlink("users/base.yaml", dir + "/spec/users.yaml")
        let files = try LocalDesiredReader().read(dir + "/spec")
        #expect(files.users.map(\.bytes) == [Array("a\n".utf8), Array("a\n".utf8)])
    }

    @Test func theGitReadersCountAndTotalLimitsApply() throws {
        let (dir, cleanup) = try scratch()
        defer { cleanup() }
        for index in 0..<5 {
            try Data(repeating: 65, count: 600).write(to: URL(fileURLWithPath: dir + "/spec/users/u\(index).yaml"))
        }
        let many = try #require(throws: DesiredFilesError.self) {
            try LocalDesiredReader(limits: GitReadLimits(maxFiles: 4)).read(dir + "/spec")
        }
        #expect(many.problem == .tooManyFiles(limit: 4))
        #expect(many.path.hasSuffix("spec/users"))
        let total = try #require(throws: DesiredFilesError.self) {
            try LocalDesiredReader(limits: GitReadLimits(maxFileBytes: 1_000, maxTotalBytes: 2_000)).read(dir + "/spec")
        }
        #expect(total.problem == .totalTooLarge(limit: 2_000))
        #expect(try LocalDesiredReader(limits: GitReadLimits(maxFileBytes: 1_000, maxTotalBytes: 3_000, maxFiles: 5))
            .read(dir + "/spec").users.count == 5)
        #expect(LocalDesiredReader().limits == GitReadLimits())
    }
}
