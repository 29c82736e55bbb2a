import Foundation
import Testing
@testable import Reconciler

@Suite("Status write-back")
struct GitSourceStatusTests {
    @Test func statusCommitIsPushedWithTrailerAndNeverCountsAsDesiredChange() async throws {
        let repo = try TestRepository()
        let desired = try repo.commitAndPush(["users.yaml": "a\n"])
        let source = try GitSource(repo.configuration())
        _ = try await source.fetch()
        let result = try await source.writeStatus(node: "node-1", contents: Array("state: ok\n".utf8))
        guard case .pushed(let commit, let branch, _) = result else {
            Issue.record("expected a push, got \(result)")
            return
        }
        #expect(branch == "main")
        #expect(try repo.remoteTip() == commit.hex)
        let shown = try Shell.run(["git", "--git-dir", repo.remote.path, "show", "main:status/node-1.yaml"])
        #expect(shown == "state: ok\n")
        let message = try Shell.run(["git", "--git-dir", repo.remote.path, "log", "-1", "--format=%an <%ae>%n%B"])
        #expect(message.hasPrefix("telemt-gitops <telemt-gitops@localhost>\nstatus: node-1\n"))
        #expect(message.contains("\nTelemt-Gitops-Status: node-1\n"))
        let fetch = try await source.fetch()
        #expect(fetch.change == .advanced(from: desired, to: commit))
        #expect(fetch.desiredCommit == desired)
        #expect(fetch.statusCommitsSkipped == 1)
        #expect(!fetch.desiredChanged)
    }

    @Test func identicalStatusCommitsNothing() async throws {
        let repo = try TestRepository()
        try repo.commitAndPush(["users.yaml": "a\n"])
        let source = try GitSource(repo.configuration())
        _ = try await source.writeStatus(node: "n", contents: Array("x\n".utf8))
        let tip = try repo.remoteTip()
        let again = try await source.writeStatus(node: "n", contents: Array("x\n".utf8))
        #expect(again == .unchanged(tip: try #require(CommitID(hex: tip)), branch: "main"))
        #expect(try repo.remoteTip() == tip)
    }

    @Test func separateStatusBranchIsCreatedAndTheTrackedBranchUntouched() async throws {
        let repo = try TestRepository()
        let desired = try repo.commitAndPush(["users.yaml": "a\n"])
        var configuration = repo.configuration()
        configuration.statusBranch = "status"
        let source = try GitSource(configuration)
        let first = try await source.writeStatus(node: "n1", contents: Array("1\n".utf8))
        let second = try await source.writeStatus(node: "n1", contents: Array("2\n".utf8))
        guard case .pushed(_, "status", _) = first, case .pushed(let tip, "status", _) = second else {
            Issue.record("expected two pushes, got \(first), \(second)")
            return
        }
        #expect(try repo.remoteTip() == desired.hex)
        #expect(try repo.remoteTip("status") == tip.hex)
        let files = try Shell.run(["git", "--git-dir", repo.remote.path, "ls-tree", "-r", "--name-only", "status"])
        #expect(files == "status/n1.yaml\n")
    }

    @Test func statusFileGoesUnderTheSubPath() async throws {
        let repo = try TestRepository()
        try repo.commitAndPush(["proxy/users.yaml": "a\n"])
        var configuration = repo.configuration()
        configuration.subPath = "proxy"
        let source = try GitSource(configuration)
        _ = try await source.writeStatus(node: "n1", contents: Array("1\n".utf8))
        let fetch = try await source.fetch()
        #expect(fetch.statusCommitsSkipped == 1)
        #expect(try await source.read(fetch.tip).statusFiles.map(\.path) == ["status/n1.yaml"])
    }

    @Test func adminCommitWithTheTrailerButOtherChangesStillCounts() async throws {
        let repo = try TestRepository()
        try repo.commitAndPush(["users.yaml": "a\n"])
        let sneaky = try repo.commitAndPush(["users.yaml": "b\n", "status/n.yaml": "x\n"],
                                            message: "status: n\n\nTelemt-Gitops-Status: n")
        let fetch = try await GitSource(repo.configuration()).fetch()
        #expect(fetch.desiredCommit == sneaky)
        #expect(fetch.statusCommitsSkipped == 0)
    }

    @Test func invalidNodeNamesAreRefused() async throws {
        let repo = try TestRepository()
        let source = try GitSource(repo.configuration())
        for name in ["", "..", "a/b", "x y", String(repeating: "n", count: 65)] {
            await #expect(throws: GitSourceError.invalidNodeName(name)) {
                _ = try await source.writeStatus(node: name, contents: [])
            }
        }
    }

    @Test func concurrentPushesFromTwoNodesAllLand() async throws {
        let repo = try TestRepository()
        try repo.commitAndPush(["users.yaml": "a\n"])
        let nodes = try ["n1", "n2"].map { node in
            (node, try GitSource(repo.configuration(url: "file://" + repo.remote.path, cache: "\(node).git")))
        }
        let rounds = 5
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (node, source) in nodes {
                group.addTask {
                    for round in 1...rounds {
                        let result = try await source.writeStatus(node: node, contents: Array("round: \(round)\n".utf8))
                        guard case .pushed = result else { throw Shell.Failure(command: "push", status: 1, stderr: "\(result)") }
                    }
                }
            }
            try await group.waitForAll()
        }
        for (node, _) in nodes {
            let shown = try Shell.run(["git", "--git-dir", repo.remote.path, "show", "main:status/\(node).yaml"])
            #expect(shown == "round: \(rounds)\n")
        }
        let count = try Shell.run(["git", "--git-dir", repo.remote.path, "rev-list", "--count", "--grep",
                                   "Telemt-Gitops-Status", "main"])
        #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "\(2 * rounds)")
    }
}
