public import Foundation

/// A master key file that cannot be used, with the path and what to do.
public struct MasterKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the key or its file.
    public enum Problem: Sendable, Equatable {
        /// The file does not exist or cannot be read.
        case unreadable(errno: Int32)
        /// The file cannot be created or written.
        case unwritable(errno: Int32)
        /// A key file is already there (keys are never replaced silently).
        case exists
        /// Others can read or write the file.
        case tooOpen(mode: mode_t)
        /// The contents are not hex digits.
        case notHex
        /// The key does not have 32 bytes.
        case wrongLength(Int)
    }

    /// The key file, when the key came from one.
    public var path: String?
    /// What is wrong.
    public var problem: Problem

    /// Creates the error.
    public init(path: String?, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    public var description: String {
        let file = path ?? "master key"
        switch problem {
        case .unreadable(let code):
            return "\(file): cannot read the master key (\(String(cString: strerror(code)))); create one with `telemt-gitops keygen --out \(file)` or pass --key"
        case .unwritable(let code):
            return "\(file): cannot write the master key (\(String(cString: strerror(code)))); check the directory exists and is writable"
        case .exists:
            return "\(file): a master key already exists; it was left unchanged (replacing it changes every user's secret)"
        case .tooOpen(let mode):
            return "\(file): the master key is readable by others (mode \(String(mode, radix: 8))); run `chmod 600 \(file)`"
        case .notHex:
            return "\(file): the master key must be 64 hex digits; generate one with `telemt-gitops keygen`"
        case .wrongLength(let count):
            return "\(file): the master key has \(count) bytes, 32 are needed; generate one with `telemt-gitops keygen`"
        }
    }
}
