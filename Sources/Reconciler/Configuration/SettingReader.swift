import Spec
import Foundation

/// Reads typed values out of ``ConfigurationLayers``, falling back to each key's default, every
/// refusal pointing at the origin of the value.
struct SettingReader {
    let layers: ConfigurationLayers

    func text(_ path: String) throws(ConfigurationError) -> String? {
        guard let setting = layers[path] else { return nil }
        guard case .text(let text) = setting.value else {
            throw ConfigurationError(.invalidValue, at: setting.origin, "`\(path)`: expected one value, not a list")
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.contains("\0"), !trimmed.contains("\n") else {
            throw ConfigurationError(.invalidValue, at: setting.origin, "`\(path)` is empty or holds control characters",
                                     hint: "give a value or remove the setting")
        }
        if case .choice(let words) = ConfigurationKeys.key(path)?.kind, !words.contains(trimmed) {
            throw ConfigurationError(.invalidValue, at: setting.origin, "`\(path)`: `\(trimmed)` is not one of \(words.joined(separator: ", "))",
                                     hint: Suggestion.closest(to: trimmed, among: words).map { "did you mean `\($0)`?" })
        }
        return trimmed
    }

    func text(_ path: String, default fallback: String) throws(ConfigurationError) -> String {
        try text(path) ?? fallback
    }

    func duration(_ path: String, default fallback: String) throws(ConfigurationError) -> Duration {
        let written = try text(path) ?? fallback
        do throws(SpecValueParsing.Problem) {
            return .seconds(try SpecValueParsing.duration(written).seconds)
        } catch {
            throw ConfigurationError(.invalidValue, at: origin(path), "`\(path)`: \(error.message)", hint: error.hint)
        }
    }

    func share(_ text: String, path: String) throws(ConfigurationError) -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let percent = trimmed.hasSuffix("%")
        let number = Double(percent ? String(trimmed.dropLast()).trimmingCharacters(in: .whitespaces) : trimmed)
        guard let number, number.isFinite else {
            throw ConfigurationError(.invalidValue, at: origin(path), "`\(path)`: `\(text)` is not a share",
                                     hint: "write a percentage like `50%` or a fraction like `0.5`")
        }
        let value = percent ? number / 100 : number
        guard (0...1).contains(value) else {
            throw ConfigurationError(.invalidValue, at: origin(path), "`\(path)`: `\(text)` is outside 0% to 100%")
        }
        return value
    }

    func list(_ path: String, default fallback: [String]) -> [String] {
        guard let setting = layers[path] else { return fallback }
        switch setting.value {
        case .list(let items): return items
        case .text(let text): return [text]
        }
    }

    func address(_ path: String, default fallback: String) throws(ConfigurationError) -> (host: String, port: Int) {
        let written = try text(path) ?? fallback
        guard let colon = written.lastIndex(of: ":"), let port = Int(written[written.index(after: colon)...]),
              (0...65_535).contains(port), colon != written.startIndex else {
            throw ConfigurationError(.invalidValue, at: origin(path), "`\(path)`: `\(written)` is not host:port",
                                     hint: "write it like `127.0.0.1:8080` or `[::1]:8080`")
        }
        let host = String(written[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return (host, port)
    }

    func origin(_ path: String) -> SettingOrigin { layers[path]?.origin ?? .builtIn }
}
