public import Spec
import Foundation

/// Reads the host's configuration file (`--config FILE`, or `TELEMT_GITOPS_CONFIG`) into a YAML tree.
public enum ConfigurationFile {
    /// The largest configuration file read.
    public static let maximumBytes = 1 << 20

    /// The file's root node (nil for an empty file). A missing, unreadable, oversized or invalid
    /// file is an error naming the file and the position.
    public static func read(_ path: String) throws(ConfigurationError) -> YAMLNode? {
        let origin = SettingOrigin.file(SourceLocation(file: path, line: 1, column: 1))
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ConfigurationError(.unreadable, at: origin, "cannot read the configuration file",
                                     hint: FileManager.default.fileExists(atPath: path)
                                        ? "check its permissions" : "check the path given to --config or TELEMT_GITOPS_CONFIG")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            throw ConfigurationError(.unreadable, at: origin, "cannot read the configuration file (\(error.localizedDescription))",
                                     hint: "check that it is a regular file")
        }
        do throws(SpecValidationError) {
            return try YAMLTreeParser(maximumBytes: maximumBytes).parse(Array(data), file: path)
        } catch {
            let first = error.errors.first
            throw ConfigurationError(.unreadable, at: .file(first?.location ?? SourceLocation(file: path, line: 1, column: 1)),
                                     first?.message ?? "not a YAML file", hint: first?.hint)
        }
    }

    /// The file's settings merged with `environment` and `flags`, typed. `path` nil means no file
    /// unless `TELEMT_GITOPS_CONFIG` names one.
    public static func load(_ path: String?, environment: [String: String], flags: [String: Setting], home: String, isRoot: Bool)
        throws(ConfigurationError) -> EngineConfiguration {
        let file = path ?? environment[ConfigurationKeys.configFileVariable]
        let root = try file.flatMap { (file) throws(ConfigurationError) in try read(file) }
        let layers = try ConfigurationLayers(file: root, environment: environment, flags: flags)
        return try EngineConfiguration.resolve(layers, environment: environment, home: home, isRoot: isRoot)
    }
}
