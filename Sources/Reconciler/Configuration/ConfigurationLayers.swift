public import Spec
import Foundation

/// The host's settings merged from their three sources: flags beat the environment, which beats
/// the configuration file. Every key is checked against ``ConfigurationKeys``.
public struct ConfigurationLayers: Sendable, Equatable {
    /// The merged settings by dotted path.
    public private(set) var settings: [String: Setting] = [:]

    /// Creates empty layers.
    public init() {}

    /// Merges `file`, `environment` and `flags`, later sources winning.
    public init(file: YAMLNode?, environment: [String: String], flags: [String: Setting]) throws(ConfigurationError) {
        if let file { try add(Self.fileSettings(file)) }
        try add(Self.environmentSettings(environment))
        try add(flags)
    }

    /// The setting at `path`, if any source gave it.
    public subscript(path: String) -> Setting? { settings[path] }

    private mutating func add(_ layer: [String: Setting]) throws(ConfigurationError) {
        for (path, setting) in layer {
            guard ConfigurationKeys.key(path) != nil else {
                throw ConfigurationError(.unknownKey, at: setting.origin, "`\(path)` is not a setting", hint: Self.suggestion(path))
            }
            settings[path] = setting
        }
    }

    /// The settings of a configuration file's root mapping.
    static func fileSettings(_ root: YAMLNode) throws(ConfigurationError) -> [String: Setting] {
        guard case .mapping(let entries) = root.value else {
            throw ConfigurationError(.invalidValue, at: .file(root.location), "the configuration file must be a mapping of settings, not \(root.kindDescription)",
                                     hint: "start with `node: eu-1`; docs/configuration.md lists every key")
        }
        var result: [String: Setting] = [:]
        try collect(entries, prefix: "", into: &result)
        return result
    }

    private static func collect(_ entries: [YAMLEntry], prefix: String, into result: inout [String: Setting]) throws(ConfigurationError) {
        for entry in entries {
            let path = prefix + entry.key
            let origin = SettingOrigin.file(entry.keyLocation)
            if ConfigurationKeys.key(path) == nil, case .mapping(let children) = entry.value.value,
               ConfigurationKeys.all.contains(where: { $0.path.hasPrefix(path + ".") }) {
                try collect(children, prefix: path + ".", into: &result)
                continue
            }
            guard let key = ConfigurationKeys.key(path) else {
                throw ConfigurationError(.unknownKey, at: origin, "`\(path)` is not a setting", hint: suggestion(path))
            }
            if entry.value.isNull { continue }
            result[path] = try setting(entry.value, key: key, origin: .file(entry.value.location))
        }
    }

    private static func setting(_ node: YAMLNode, key: ConfigurationKey, origin: SettingOrigin) throws(ConfigurationError) -> Setting {
        switch node.value {
        case .scalar(let text, _):
            return Setting(key.isList ? .list([text]) : .text(text), from: origin)
        case .sequence(let items) where key.isList:
            var texts: [String] = []
            for item in items {
                guard case .scalar(let text, _) = item.value else {
                    throw ConfigurationError(.invalidValue, at: .file(item.location), "`\(key.path)`: expected a list of values, found \(item.kindDescription)")
                }
                texts.append(text)
            }
            return Setting(.list(texts), from: origin)
        default:
            throw ConfigurationError(.invalidValue, at: origin, "`\(key.path)`: expected \(key.isList ? "a list" : "one value"), found \(node.kindDescription)",
                                     hint: "docs/configuration.md shows an example of every key")
        }
    }

    /// The settings given as `TELEMT_GITOPS_*` variables (lists comma-separated).
    static func environmentSettings(_ environment: [String: String]) throws(ConfigurationError) -> [String: Setting] {
        var result: [String: Setting] = [:]
        for (name, value) in environment where name.hasPrefix("TELEMT_GITOPS_") && name != ConfigurationKeys.configFileVariable {
            guard let key = ConfigurationKeys.all.first(where: { $0.environmentName == name }) else {
                let names = ConfigurationKeys.all.map(\.environmentName)
                throw ConfigurationError(.unknownKey, at: .environment(name), "no setting is named \(name)",
                                         hint: Suggestion.closest(to: name, among: names).map { "did you mean \($0)?" } ?? "docs/configuration.md lists every variable")
            }
            let origin = SettingOrigin.environment(name)
            result[key.path] = key.isList
                ? Setting(.list(value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }), from: origin)
                : .text(value, from: origin)
        }
        return result
    }

    static func suggestion(_ path: String) -> String {
        if let close = Suggestion.closest(to: path, among: ConfigurationKeys.all.map(\.path)) { return "did you mean `\(close)`?" }
        return "docs/configuration.md lists every key"
    }
}

extension ConfigurationKey {
    var isList: Bool { kind == .list || kind == .shares }
}
