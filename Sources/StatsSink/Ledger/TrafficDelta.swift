/// Bytes a user moved since the previous recorded scrape: the same shape as any usage span.
public typealias TrafficDelta = UserUsage
