import Foundation
import Testing
@testable import TelemtRender

@Suite struct MasterKeyTests {
    @Test func writesA0600FileThatLoadsBack() throws {
        let dir = try TemporaryDirectory()
        let key = MasterKey.generate()
        try key.write(to: dir.file("master.key"))
        var info = stat()
        #expect(stat(dir.file("master.key"), &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let loaded = try MasterKey.load(from: dir.file("master.key"))
        #expect(loaded.bytes == key.bytes)
        #expect(loaded.fingerprint == key.fingerprint)
    }

    @Test func neverReplacesAnExistingKey() throws {
        let dir = try TemporaryDirectory()
        let first = MasterKey.generate()
        try first.write(to: dir.file("k"))
        let error = try #require(throws: MasterKeyError.self) { try MasterKey.generate().write(to: dir.file("k")) }
        #expect(error.problem == .exists)
        #expect(try MasterKey.load(from: dir.file("k")).bytes == first.bytes)
    }

    @Test func generatedKeysDiffer() {
        #expect(MasterKey.generate().bytes != MasterKey.generate().bytes)
    }

    @Test func refusesAWorldReadableKeyAndSaysHowToFixIt() throws {
        let dir = try TemporaryDirectory()
        try MasterKey.generate().write(to: dir.file("k"))
        chmod(dir.file("k"), 0o644)
        let error = try #require(throws: MasterKeyError.self) { try MasterKey.load(from: dir.file("k")) }
        #expect(error.description.contains("chmod 600"))
    }

    @Test func refusesMalformedKeys() throws {
        let dir = try TemporaryDirectory()
        for (name, text, problem) in [("short", "abcd\n", MasterKeyError.Problem.wrongLength(2)),
                                      ("nothex", String(repeating: "zz", count: 32), .notHex)] {
            let fd = open(dir.file(name), O_WRONLY | O_CREAT, 0o600)
            _ = text.withCString { write(fd, $0, strlen($0)) }
            close(fd)
            let error = try #require(throws: MasterKeyError.self) { try MasterKey.load(from: dir.file(name)) }
            #expect(error.problem == problem)
        }
        let missing = try #require(throws: MasterKeyError.self) { try MasterKey.load(from: dir.file("absent")) }
        #expect(missing.description.contains("telemt-gitops keygen"))
    }
}
