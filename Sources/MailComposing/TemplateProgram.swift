import Synchronization

/// A template's output for one `ContextShape`, compiled from swift-mustache's own: the
/// literal pieces, and between them which text goes there and whether escaped. Rendering is
/// then joining strings, where swift-mustache looks every name up through dynamic casts (two
/// thirds of a notice's rendering before).
///
/// Compiled by rendering the template once with a marker in place of each text. It is used only
/// after it reproduced swift-mustache's output for a second context of the shape whose texts
/// differ from the first in case, length and markup (so that a transform such as
/// `uppercased(…)`, an escaping, or a text taken apart shows as a difference); otherwise that
/// shape stays with swift-mustache.
struct TemplateProgram {
    private var pieces: [String]
    private var slots: [(text: Int, escaped: Bool)]

    /// Compiles `render`'s output for contexts of `shape`'s kind, or nil when the output does
    /// not come apart into pieces and texts or fails the check with other texts.
    init?(shape: ContextShape, context: TemplateValues, escape: (String) -> String, render: (TemplateValues) -> String) {
        let marked = render(ContextShape.replacingTexts(in: context, with: Self.marker))
        guard let program = Self.parse(marked) else { return nil }
        self = program
        let other = shape.texts.indices.map(Self.otherText)
        guard apply(other, escape: escape) == render(ContextShape.replacingTexts(in: context, with: { other[$0] })) else { return nil }
    }

    private init(pieces: [String], slots: [(text: Int, escaped: Bool)]) {
        self.pieces = pieces
        self.slots = slots
    }

    /// The output for a context of the program's shape with these texts.
    func apply(_ texts: [String], escape: (String) -> String) -> String {
        var output = pieces[0]
        output.reserveCapacity(pieces.reduce(0) { $0 + $1.utf8.count } + texts.reduce(0) { $0 + $1.utf8.count } * 2)
        for (index, slot) in slots.enumerated() {
            let text = texts[slot.text]
            output += slot.escaped ? escape(text) : text
            output += pieces[index + 1]
        }
        return output
    }

    /// The marker for a text: private-use characters around its position and an `&`, which an
    /// escaping template shows as `&amp;`.
    private static func marker(_ position: Int) -> String { "\u{E000}\(position)&\u{E001}" }

    /// A text unlike any real one in case, length and markup.
    private static func otherText(_ position: Int) -> String { "xY<&>\"'" + String(repeating: "w", count: position % 3 + 1) + "\(position)" }

    private static let open: [UInt8] = Array("\u{E000}".utf8)
    private static let close: [UInt8] = Array("\u{E001}".utf8)

    /// Splits the marked output into pieces and slots; nil when a marker is not whole.
    private static func parse(_ marked: String) -> TemplateProgram? {
        let bytes = Array(marked.utf8)
        var pieces: [String] = []
        var slots: [(text: Int, escaped: Bool)] = []
        var pieceStart = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == open[0], bytes[index...].starts(with: open) else {
                index += 1
                continue
            }
            var cursor = index + open.count
            var position = 0
            var digits = 0
            while cursor < bytes.count, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9"), digits < 6 {
                position = position * 10 + Int(bytes[cursor] - UInt8(ascii: "0"))
                cursor += 1
                digits += 1
            }
            let escaped: Bool
            if bytes[cursor...].starts(with: "&amp;".utf8) {
                escaped = true
                cursor += 5
            } else if bytes[cursor...].starts(with: "&".utf8) {
                escaped = false
                cursor += 1
            } else {
                return nil
            }
            guard digits > 0, bytes[cursor...].starts(with: close) else { return nil }
            pieces.append(String(decoding: bytes[pieceStart..<index], as: UTF8.self))
            slots.append((position, escaped))
            index = cursor + close.count
            pieceStart = index
        }
        pieces.append(String(decoding: bytes[pieceStart...], as: UTF8.self))
        return TemplateProgram(pieces: pieces, slots: slots)
    }
}

/// The programs compiled so far, by template and shape, shared by every thread that renders.
/// A shape whose program did not compile is remembered as such; at most `capacity` shapes are
/// kept (texts of lists make shapes without end in principle).
final class TemplatePrograms: Sendable {
    private struct Key: Hashable {
        var template: String
        var signature: String
    }

    private let compiled = Mutex<[Key: TemplateProgram?]>([:])
    private let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The template's output for `context`: from the shape's program, compiled on first sight,
    /// or from `render` (swift-mustache) when the shape has none.
    func render(_ template: String, context: TemplateValues, escape: (String) -> String, render: (TemplateValues) -> String) -> String {
        let shape = ContextShape(context)
        let key = Key(template: template, signature: shape.signature)
        let known = compiled.withLock { $0[key] }
        if let known {
            guard let program = known else { return render(context) }
            return program.apply(shape.texts, escape: escape)
        }
        let program = TemplateProgram(shape: shape, context: context, escape: escape, render: render)
        compiled.withLock { programs in
            if programs.count < capacity { programs[key] = program }
        }
        return program?.apply(shape.texts, escape: escape) ?? render(context)
    }
}
