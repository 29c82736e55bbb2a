public import Spec

/// A committed status file that cannot be read: where and why. `plan` then treats the node as
/// having applied nothing and says so.
public struct StatusFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(at location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    /// `status/eu-1.yaml:4:3: error: …; the file is written by telemt-gitops: restore it from git history or let the next reconcile rewrite it`.
    public var description: String {
        "\(location): error: \(message); the file is written by telemt-gitops: restore it from git history or let the next reconcile rewrite it"
    }
}
