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
/// Kept sorted by name, so that a context's shape (`ContextShape`) reads them in a fixed order
/// without sorting for each template it renders.
struct TemplateValues: MustacheParent, CustomStringConvertible {
    /// One named value.
    struct Entry {
        let name: String
        var value: TemplateValue
    }

    /// The values in the order of their names.
    private(set) var entries: [Entry]

    init(_ values: [String: TemplateValue]) {
        entries = values.map { Entry(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
    }

    /// No values yet: built by setting names one by one, each put in its place (a notice's
    /// context is built so, without a dictionary to hash its names into and sort afterwards).
    init() {
        entries = []
    }

    /// Values given in any order, their names different.
    init(sorting pairs: KeyValuePairs<String, TemplateValue>) {
        entries = pairs.map { Entry(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
    }

    mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(count)
    }

    subscript(name: String) -> TemplateValue? {
        get {
            let (index, found) = position(of: name)
            return found ? entries[index].value : nil
        }
        set {
            let (index, found) = position(of: name)
            switch (found, newValue) {
            case (true, let value?): entries[index].value = value
            case (true, nil): entries.remove(at: index)
            case (false, let value?): entries.insert(Entry(name: name, value: value), at: index)
            case (false, nil): break
            }
        }
    }

    func child(named name: String) -> Any? { self[name]?.mustacheValue }

    /// The same names with each value transformed, in the same order.
    func mapValues(_ transform: (TemplateValue) -> TemplateValue) -> TemplateValues {
        var mapped = self
        for index in entries.indices { mapped.entries[index].value = transform(entries[index].value) }
        return mapped
    }

    /// As a dictionary prints, in the order of the names.
    var description: String {
        "[" + entries.map { "\($0.name.debugDescription): \(String(reflecting: $0.value.mustacheValue))" }.joined(separator: ", ") + "]"
    }

    /// Where `name` is, or would be inserted: binary search over the sorted names.
    private func position(of name: String) -> (index: Int, found: Bool) {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].name < name { low = middle + 1 } else { high = middle }
        }
        return (low, low < entries.count && entries[low].name == name)
    }
}
