/// What showed that telemt's counters started again since the last recorded scrape.
public enum RestartEvidence: String, Sendable, Equatable {
    /// The API's `process_started_at_epoch_secs` changed: another process.
    case processChanged = "telemt's API reports another process start"
    /// `telemt_uptime_seconds` went down: a restart or telemt's runtime stats reset.
    case uptimeWentDown = "telemt's uptime went down"
    /// `telemt_connections_total` went down: a process-wide counter started again.
    case connectionsWentDown = "telemt_connections_total went down"
    /// telemt's uptime fits in the time since the last scrape and most users' counters went down.
    case countersWentDown = "most users' counters went down and telemt's uptime is shorter than the time since the last scrape"
}
