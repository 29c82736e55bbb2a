import Foundation
import Testing
@testable import TelemtRender

@Suite struct AtomicFileWriterTests {
    @Test func createsNewFilesWithTheGivenMode() throws {
        let dir = try TemporaryDirectory()
        let outcome = try AtomicFileWriter(newFileMode: 0o640).write(Array("a = 1\n".utf8), to: dir.file("config.toml"))
        #expect(outcome == .written)
        var info = stat()
        stat(dir.file("config.toml"), &info)
        #expect(info.st_mode & 0o777 == 0o640)
        #expect(try String(contentsOfFile: dir.file("config.toml"), encoding: .utf8) == "a = 1\n")
    }

    @Test func sameBytesLeaveTheFileUntouched() throws {
        let dir = try TemporaryDirectory()
        let writer = AtomicFileWriter()
        try writer.write(Array("x\n".utf8), to: dir.file("c"))
        var before = stat()
        stat(dir.file("c"), &before)
        #expect(try writer.write(Array("x\n".utf8), to: dir.file("c")) == .unchanged)
        var after = stat()
        stat(dir.file("c"), &after)
        #expect(before.st_ino == after.st_ino)
    }

    @Test func sameBytesInAWorldReadableFileLoseAccessForOthers() throws {
        let dir = try TemporaryDirectory()
        try AtomicFileWriter().write(Array("x\n".utf8), to: dir.file("c"))
        chmod(dir.file("c"), 0o644)
        #expect(try AtomicFileWriter().write(Array("x\n".utf8), to: dir.file("c")) == .unchanged)
        var info = stat()
        stat(dir.file("c"), &info)
        #expect(info.st_mode & 0o777 == 0o640, "equal bytes, but the secrets are no longer readable by others")
    }

    @Test func replacingKeepsTheExistingModeAndLeavesNoTemporaryFiles() throws {
        let dir = try TemporaryDirectory()
        try AtomicFileWriter().write(Array("old\n".utf8), to: dir.file("c"))
        chmod(dir.file("c"), 0o640)
        #expect(try AtomicFileWriter().write(Array("new\n".utf8), to: dir.file("c")) == .written)
        var info = stat()
        stat(dir.file("c"), &info)
        #expect(info.st_mode & 0o777 == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["c"])
        #expect(try String(contentsOfFile: dir.file("c"), encoding: .utf8) == "new\n")
    }

    @Test func aSymlinkIsKeptAndItsTargetReplaced() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.file("real"), withIntermediateDirectories: true)
        try AtomicFileWriter().write(Array("old\n".utf8), to: dir.file("real/config.toml"))
        symlink(dir.file("real/config.toml"), dir.file("config.toml"))
        try AtomicFileWriter().write(Array("new\n".utf8), to: dir.file("config.toml"))
        var info = stat()
        lstat(dir.file("config.toml"), &info)
        #expect(info.st_mode & S_IFMT == S_IFLNK)
        #expect(try String(contentsOfFile: dir.file("real/config.toml"), encoding: .utf8) == "new\n")
    }

    @Test(arguments: [FileWriteError.Operation.create, .chmod, .write, .rename])
    func aFailedWriteLeavesThePreviousFileInPlace(step: FileWriteError.Operation) throws {
        let dir = try TemporaryDirectory()
        try AtomicFileWriter().write(Array("old\n".utf8), to: dir.file("c"))
        var writer = AtomicFileWriter()
        writer.failingStep = step
        let error = try #require(throws: FileWriteError.self) {
            try writer.write(Array("new\n".utf8), to: dir.file("c"))
        }
        #expect(error.operation == step)
        #expect(error.description.contains("previous file was left in place"))
        #expect(try String(contentsOfFile: dir.file("c"), encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["c"])
    }

    /// A config directory `conf/` whose `config.toml` links to `outside/victim`, which the writer
    /// must never reach: by an absolute link, a relative one, or through a linked subdirectory.
    @Test(arguments: ["absolute", "relative", "subdirectory"])
    func aSymlinkLeavingTheDirectoryIsRefused(kind: String) throws {
        let dir = try TemporaryDirectory()
        for name in ["conf", "outside"] {
            try FileManager.default.createDirectory(atPath: dir.file(name), withIntermediateDirectories: true)
        }
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: dir.file("outside/victim")))
        let config = dir.file("conf/config.toml")
        switch kind {
        case "absolute": symlink(dir.file("outside/victim"), config)
        case "relative": symlink("../outside/victim", config)
        default:
            symlink(dir.file("outside"), dir.file("conf/sub"))
            symlink("sub/victim", config)
        }
        let error = try #require(throws: FileWriteError.self) {
            try AtomicFileWriter().write(Array("pwned\n".utf8), to: config)
        }
        #expect(error.operation == .followSymlink)
        #expect(error.description.contains("outside"))
        #expect(try String(contentsOfFile: dir.file("outside/victim"), encoding: .utf8) == "precious\n")
        var info = stat()
        lstat(config, &info)
        #expect(info.st_mode & S_IFMT == S_IFLNK)
    }

    @Test func aRelativePathWithALinkInsideItsDirectoryIsWritten() throws {
        let dir = try TemporaryDirectory()
        try AtomicFileWriter().write(Array("old\n".utf8), to: dir.file("real.toml"))
        symlink("real.toml", dir.file("config.toml"))
        #expect(try AtomicFileWriter().write(Array("new\n".utf8), to: dir.file("config.toml")) == .written)
        #expect(try String(contentsOfFile: dir.file("real.toml"), encoding: .utf8) == "new\n")
    }

    @Test func aSecretFileLosesAccessForOthersWhileAPublicFileKeepsIt() throws {
        let dir = try TemporaryDirectory()
        for name in ["secret", "public"] {
            try AtomicFileWriter().write(Array("old\n".utf8), to: dir.file(name))
            chmod(dir.file(name), 0o644)
        }
        try AtomicFileWriter().write(Array("new\n".utf8), to: dir.file("secret"))
        try AtomicFileWriter(newFileMode: 0o644).write(Array("new\n".utf8), to: dir.file("public"))
        var info = stat()
        stat(dir.file("secret"), &info)
        #expect(info.st_mode & 0o777 == 0o640)
        stat(dir.file("public"), &info)
        #expect(info.st_mode & 0o777 == 0o644)
    }

    @Test func aDanglingSymlinkIsKeptAndItsTargetCreated() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.file("real"), withIntermediateDirectories: true)
        symlink("real/config.toml", dir.file("config.toml"))
        try AtomicFileWriter().write(Array("new\n".utf8), to: dir.file("config.toml"))
        var info = stat()
        lstat(dir.file("config.toml"), &info)
        #expect(info.st_mode & S_IFMT == S_IFLNK)
        #expect(try String(contentsOfFile: dir.file("real/config.toml"), encoding: .utf8) == "new\n")
    }
}
