extension RetentionCutoffs {
    /// Where quarter hours are folded into hours: the quarter-hour cutoff rounded down to a UTC hour.
    package var quarterCut: Int64 {
        TimeBuckets.roundDown(TimeBuckets.seconds(quarterHours, rounding: .down), to: TimeBuckets.hour)
    }

    /// Where hourly rows are deleted: the hour cutoff, never after ``quarterCut``, rounded down to a UTC day.
    package var hourCut: Int64 {
        TimeBuckets.roundDown(min(TimeBuckets.seconds(hours, rounding: .down), quarterCut), to: TimeBuckets.day)
    }
}
