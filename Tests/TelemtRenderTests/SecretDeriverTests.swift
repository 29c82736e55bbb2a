import Foundation
import Spec
import Testing
@testable import TelemtRender

@Suite struct SecretDeriverTests {
    let key = try! MasterKey(bytes: (0..<32).map { UInt8($0) })

    @Test func matchesAnIndependentHMACImplementation() throws {
        let python = try #require(TestProcess.which("python3"))
        let deriver = SecretDeriver(key: key)
        for (name, rotate) in [("alice", 0), ("bob.smith", 3), ("x", 12)] {
            let script = """
                import hmac, hashlib
                print(hmac.new(bytes(range(32)), b"telemt-gitops/v1/\(name)/\(rotate)", hashlib.sha256).hexdigest()[:32])
                """
            let expected = try TestProcess.run(python, ["-c", script]).output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(deriver.derive(name: name, rotate: rotate) == expected)
        }
    }

    @Test func secretsAre32LowercaseHexAndChangeWithRotation() {
        let deriver = SecretDeriver(key: key)
        let first = deriver.derive(name: "carol", rotate: 1)
        let second = deriver.derive(name: "carol", rotate: 2)
        #expect(first.count == 32)
        #expect(first.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(first != second)
        #expect(deriver.derive(name: "carol", rotate: 1) == first)
    }

    @Test func explicitSecretWins() {
        let deriver = SecretDeriver(key: key)
        let user = UserSpec(name: "dave", secret: "0123456789abcdef0123456789abcdef")
        #expect(deriver.secret(for: user) == "0123456789abcdef0123456789abcdef")
    }

    @Test func duplicateSecretsAreAnErrorThatNamesBothUsersButNotTheSecret() throws {
        let deriver = SecretDeriver(key: key)
        let derived = deriver.derive(name: "alice", rotate: 0)
        let users = [
            UserSpec(name: "alice", location: SourceLocation(file: "users.yaml", line: 3, column: 3)),
            UserSpec(name: "mallory", secret: derived, location: SourceLocation(file: "users.yaml", line: 9, column: 3)),
        ]
        let error = try #require(throws: DuplicateSecretError.self) { try deriver.secrets(for: users) }
        #expect(error.first == "alice")
        #expect(error.second == "mallory")
        #expect(error.description.contains("users.yaml:9:3"))
        #expect(!error.description.contains(derived))
    }

    @Test(arguments: [200, 20_000])
    func everyUserGetsItsOwnSecretInOrder(count: Int) throws {
        let deriver = SecretDeriver(key: key)
        let users = (0..<count).map { UserSpec(name: "user\($0)", rotate: $0 % 3) }
        let secrets = try deriver.secrets(for: users)
        #expect(secrets.count == count)
        #expect(Set(secrets).count == count)
        for index in stride(from: 0, to: count, by: 997) {
            #expect(secrets[index] == deriver.derive(name: "user\(index)", rotate: index % 3))
        }
    }

    @Test func aDuplicateFarApartInALargeSetIsFound() throws {
        let deriver = SecretDeriver(key: key)
        var users = (0..<10_000).map { UserSpec(name: "user\($0)") }
        users.append(UserSpec(name: "copy", secret: deriver.derive(name: "user5000", rotate: 0)))
        let error = try #require(throws: DuplicateSecretError.self) { try deriver.secrets(for: users) }
        #expect(error.first == "user5000")
        #expect(error.second == "copy")
    }

    @Test func explicitSecretsThatDifferInAnyDigitAreNotDuplicates() throws {
        let deriver = SecretDeriver(key: key)
        let base = Array("0123456789abcdef0123456789abcdef")
        var users = [UserSpec(name: "base", secret: String(base))]
        for position in 0..<32 {
            var changed = base
            changed[position] = changed[position] == "f" ? "e" : "f"
            users.append(UserSpec(name: "u\(position)", secret: String(changed)))
        }
        users.append(UserSpec(name: "x10", secret: "00000000000000000000000000000010"))
        users.append(UserSpec(name: "x20", secret: "00000000000000000000000000000020"))
        #expect(try deriver.secrets(for: users).count == users.count)
    }
}
