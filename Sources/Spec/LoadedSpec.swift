/// A spec that has no errors: the desired state and the warnings found while loading it.
public struct LoadedSpec: Sendable {
    /// The validated desired state.
    public var state: DesiredState
    /// Warnings (never errors), in file and position order.
    public var warnings: [SpecDiagnostic]

    /// Creates a loaded spec.
    public init(state: DesiredState, warnings: [SpecDiagnostic]) {
        self.state = state
        self.warnings = warnings
    }
}
