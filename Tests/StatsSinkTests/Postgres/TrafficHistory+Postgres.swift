import StatsSinkPostgres

extension TrafficHistory {
    func record(into store: PostgresStatsStore) async throws {
        for scrape in scrapes { try await store.recordDeltas(scrape.deltas, at: scrape.at, node: scrape.node) }
    }
}
