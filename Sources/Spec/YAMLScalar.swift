/// A scalar's text and how it was written.
struct YAMLScalar {
    /// How the scalar was written; only plain scalars are resolved to null, booleans and numbers.
    enum Style {
        case plain
        case quoted
        case block
    }

    var text: String
    var style: Style
}
