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

    /// A value as templates see it: a text wrapped, lists and nested values with every text in
    /// them wrapped, anything else as it is.
    static func wrapping(_ value: Any) -> Any {
        switch value {
        case let text as String: TemplateText(text: text)
        case let values as [String: Any]: TemplateValues(values.mapValues(wrapping))
        case let list as [Any]: list.map(wrapping)
        default: value
        }
    }
}

/// Named template values (the context, and nested values such as `request`), looked up as a
/// `[String: Any]` is. A plain struct: the runtime checks its conformances faster than a
/// dictionary's conditional one, and swift-mustache checks several for every name it looks up
/// (a sixth of rendering a text template).
struct TemplateValues: MustacheParent, CustomStringConvertible {
    private var values: [String: Any]

    init(_ values: [String: Any]) {
        self.values = values
    }

    subscript(name: String) -> Any? {
        get { values[name] }
        set { values[name] = newValue }
    }

    func child(named name: String) -> Any? { values[name] }

    /// As the dictionary would print.
    var description: String { values.description }
}
