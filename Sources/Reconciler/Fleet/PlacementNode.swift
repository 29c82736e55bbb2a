/// A node of a fleet as placement sees it: its name, its weight and its labels.
public struct PlacementNode: Sendable, Hashable {
    /// The node's name, unique in the fleet (`eu-1`).
    public let name: String
    /// Its share of users relative to the others: a node of weight 2 gets about twice the users of
    /// a node of weight 1. Placement skips a node whose weight is not a finite number above 0.
    public let weight: Double
    /// Its labels, for label selectors (`eu`).
    public let labels: Set<String>

    /// A node named `name` with `weight` (default 1) and `labels`.
    public init(name: String, weight: Double = 1, labels: Set<String> = []) {
        self.name = name
        self.weight = weight
        self.labels = labels
    }

    /// Whether placement can use the node: a finite weight above 0.
    var isPlaceable: Bool { weight.isFinite && weight > 0 }
}
