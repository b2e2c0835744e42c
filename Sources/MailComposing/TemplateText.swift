import Mustache

/// A text value as templates see it: rendered as the text itself, with Mustache's string
/// transforms, and, as the object of a section (`{{#color}}…{{/color}}`), without children.
///
/// swift-mustache looks a name up through the section objects on its stack, innermost first,
/// and takes a plain `String` apart with `Mirror` for every name looked up inside such a
/// section; a parent without children sends the lookup straight on. Rendering is unchanged.
struct TemplateText: MustacheCustomRenderable, MustacheParent, MustacheTransformable, Comparable, CustomStringConvertible,
    CustomDebugStringConvertible
{
    let text: String

    var renderText: String { text }
    /// As the text would print, also inside a list printed whole.
    var description: String { text }
    var debugDescription: String { text.debugDescription }
    /// An empty text still opens its section, as a `String` does.
    var isNull: Bool { false }

    func child(named: String) -> Any? { nil }

    func transform(_ name: String) -> Any? {
        text.transform(name).map(Self.wrapping)
    }

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.text < rhs.text }

    /// A transform's result as templates see it: a text wrapped, a list with every text in it
    /// wrapped, anything else as it is.
    static func wrapping(_ value: Any) -> Any {
        switch value {
        case let text as String: TemplateText(text: text)
        case let list as [Any]: list.map(wrapping)
        default: value
        }
    }
}

/// A value as templates see it: a text, a flag, a number, a list of texts, or named values.
/// Typed, so that a context's shape (`ContextShape`) is read without the runtime's casts.
enum TemplateValue {
    case text(String)
    case flag(Bool)
    case number(Int)
    case list([String])
    case values(TemplateValues)

    /// The value as swift-mustache takes it: texts as `TemplateText`.
    var mustacheValue: Any {
        switch self {
        case .text(let text): TemplateText(text: text)
        case .flag(let flag): flag
        case .number(let number): number
        case .list(let texts): texts.map(TemplateText.init)
        case .values(let values): values
        }
    }
}

/// Named template values (the context, and nested values such as `request`), looked up as a
/// `[String: Any]` is. A plain struct: the runtime checks its conformances faster than a
/// dictionary's conditional one, and swift-mustache checks several for every name it looks up.
struct TemplateValues: MustacheParent, CustomStringConvertible {
    private var values: [String: TemplateValue]

    init(_ values: [String: TemplateValue]) {
        self.values = values
    }

    subscript(name: String) -> TemplateValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    func child(named name: String) -> Any? { values[name]?.mustacheValue }

    /// The values by name, in the order of their names.
    var sortedEntries: [(key: String, value: TemplateValue)] { values.sorted { $0.key < $1.key } }

    /// As the dictionary would print.
    var description: String { values.mapValues(\.mustacheValue).description }
}
