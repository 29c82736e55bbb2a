import GRDB

extension SQLiteStatsStore {
    /// The names of the nodes with a recorded scrape, sorted (for "did you mean" answers).
    public func nodes() async throws -> [String] {
        try await run("list nodes") {
            try await writer.read { try String.fetchAll($0, sql: "SELECT node FROM node_state ORDER BY node") }
        }
    }
}
