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
        let large = #expect(throws: DesiredFilesError.self) { try LocalDesiredReader(sizeLimit: 1024).read(dir) }
        #expect(large?.problem == .tooLarge(size: 1025, limit: 1024))
        let missing = #expect(throws: DesiredFilesError.self) { try LocalDesiredReader().read(dir + "/nope") }
        #expect(missing?.path == dir + "/nope")
    }
}
