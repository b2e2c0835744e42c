/// A template context taken apart into what decides a template's output other than its texts
/// (the `signature`: every name in a fixed order, each text as empty or not, flags and numbers
/// by value, lists by length) and the texts themselves, in the same order. Two contexts of
/// the same signature render the same template alike but for their texts, so one compiled
/// `TemplateProgram` serves both.
struct ContextShape {
    /// The context's structure.
    private(set) var signature = ""
    /// The context's texts, in the order of the signature.
    private(set) var texts: [String] = []

    init(_ values: TemplateValues) {
        var signature: [UInt8] = []
        signature.reserveCapacity(512)
        texts.reserveCapacity(48)
        add(values, to: &signature)
        self.signature = String(decoding: signature, as: UTF8.self)
    }

    /// The context with the text at each position of the shape's order replaced by
    /// `replacement(position)`; everything else as it is.
    static func replacingTexts(in values: TemplateValues, with replacement: (Int) -> String) -> TemplateValues {
        var position = 0
        return replacingTexts(in: values, position: &position, with: replacement)
    }

    private mutating func add(_ values: TemplateValues, to signature: inout [UInt8]) {
        signature.append(UInt8(ascii: "{"))
        for entry in values.entries {
            signature.append(contentsOf: entry.name.utf8)
            signature.append(UInt8(ascii: "="))
            add(entry.value, to: &signature)
        }
        signature.append(UInt8(ascii: "}"))
    }

    private mutating func add(_ value: TemplateValue, to signature: inout [UInt8]) {
        switch value {
        case .text(let text):
            add(text, to: &signature)
        case .flag(let flag):
            signature.append(flag ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        case .number(let number):
            signature.append(UInt8(ascii: "#"))
            signature.append(contentsOf: String(number).utf8)
            signature.append(UInt8(ascii: ";"))
        case .list(let list):
            signature.append(UInt8(ascii: "["))
            for text in list { add(text, to: &signature) }
            signature.append(UInt8(ascii: "]"))
        case .values(let nested):
            add(nested, to: &signature)
        }
    }

    private mutating func add(_ text: String, to signature: inout [UInt8]) {
        signature.append(text.isEmpty ? UInt8(ascii: "e") : UInt8(ascii: "t"))
        texts.append(text)
    }

    private static func replacingTexts(in values: TemplateValues, position: inout Int, with replacement: (Int) -> String) -> TemplateValues {
        values.mapValues { replacingTexts(in: $0, position: &position, with: replacement) }
    }

    private static func replacingTexts(in value: TemplateValue, position: inout Int, with replacement: (Int) -> String) -> TemplateValue {
        func next() -> String {
            defer { position += 1 }
            return replacement(position)
        }
        switch value {
        case .text: return .text(next())
        case .list(let list): return .list(list.map { _ in next() })
        case .values(let nested): return .values(replacingTexts(in: nested, position: &position, with: replacement))
        case .flag, .number: return value
        }
    }
}
