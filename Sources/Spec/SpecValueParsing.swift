/// The spec's value syntaxes — sizes, durations — for other files that use the same words (the
/// host's configuration file), so `30s` or `50 GiB` mean one thing everywhere.
public enum SpecValueParsing {
    /// Why a value was refused: one sentence and what to write instead.
    public struct Problem: Error, Sendable, Equatable {
        /// What is wrong.
        public var message: String
        /// What to write instead.
        public var hint: String?
    }

    /// Parses a positive duration: `45s`, `90m`, `12h`, `30d`, `2w`.
    public static func duration(_ text: String) throws(Problem) -> SpecDuration {
        do throws(ValueProblem) {
            return try SpecDuration(parsing: text)
        } catch {
            throw Problem(message: error.message, hint: error.hint)
        }
    }

    /// Parses a size (`50 GiB`, `1.5GB`, `1024`) or `unlimited`.
    public static func size(_ text: String) throws(Problem) -> DataLimit {
        do throws(ValueProblem) {
            return try DataLimit(parsing: text)
        } catch {
            throw Problem(message: error.message, hint: error.hint)
        }
    }
}
