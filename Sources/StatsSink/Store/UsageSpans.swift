/// How both backends assign a roll-up bucket to one of consecutive spans.
package enum UsageSpans {
    /// The span `i` with `starts[i] <= bucket < starts[i + 1]`, for a bucket inside the window
    /// (the last of equal starts, so empty spans get nothing).
    package static func span(of bucket: Int64, in starts: [Int64]) -> Int {
        var low = 0
        var high = starts.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= bucket { low = middle } else { high = middle }
        }
        return low
    }
}
