/// A length of time written in the spec, such as `30d`, `12h` or `2w`.
public struct SpecDuration: Sendable, Equatable, Hashable {
    /// The length in whole seconds.
    public var seconds: Int64

    /// Creates a duration of `seconds` seconds.
    public init(seconds: Int64) {
        self.seconds = seconds
    }
}
