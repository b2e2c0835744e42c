import Foundation
import Mustache
import Testing

@testable import MailComposing

/// Wrapping template values in `TemplateText` and `TemplateValues` must not change a single rendered byte: every
/// template of `MailTemplates/`, with every name it uses set to texts (with markup and
/// without), empty texts, lists, flags and numbers, renders as with plain values.
@Suite struct TemplateTextTests {
    /// The checkout's `MailTemplates/`.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("MailTemplates")

    @Test func everyTemplateRendersAsWithPlainValues() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(files.count > 20)
        var library = MustacheLibrary()
        var namesUsed: Set<String> = []
        for file in files {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
            try library.register(text, named: file)
            namesUsed.formUnion(Self.names(in: text))
        }
        let variants: [(String, Any)] = [
            ("markup", "Zoë <b>&</b> \"quoted\" it's"), ("empty", ""), ("list", ["first & one", "", "third"]),
            ("flag on", true), ("flag off", false), ("number", 42),
        ]
        for file in files {
            for (variant, value) in variants {
                // `{{.}}` in a list's section prints the whole context when the list is a flag set;
                // a plain dictionary prints in no fixed order, so that name stays a list there.
                let names = value is Bool ? namesUsed.subtracting(["historyLines"]) : namesUsed
                let plain = Self.context(names: names, value: value, text: "plain <text> & more")
                let rendered = library.render(Self.wrapped(plain), withTemplate: file)
                #expect(rendered == library.render(plain, withTemplate: file), "\(file), names set to \(variant)")
                #expect(rendered?.isEmpty == false, "\(file), names set to \(variant)")
            }
        }
    }

    @Test func textsKeepMustachesTransforms() throws {
        let template = try MustacheTemplate(
            string: "{{uppercased(name)}} {{#reversed(items)}}{{.}},{{/reversed(items)}} {{#empty(none)}}none{{/empty(none)}}")
        let plain: [String: Any] = ["name": "zoë <x>", "items": ["a", "b"], "none": [String]()]
        #expect(template.render(Self.wrapped(plain)) == template.render(plain))
        #expect(template.render(Self.wrapped(plain)) == "ZOË &lt;X&gt; b,a, none")
    }

    /// The names a template looks up (`{{a.b}}`, `{{#a}}`, `{{^a}}`, `{{{a}}}`, `{{&a}}`).
    static func names(in template: String) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: #"\{\{\{?[#^&/]?\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}?\}\}"#)
        let range = NSRange(template.startIndex..., in: template)
        return Set(pattern.matches(in: template, range: range).compactMap { Range($0.range(at: 1), in: template).map { String(template[$0]) } })
    }

    /// Every name set to `value`; dotted names become nested values whose other members are `text`.
    static func context(names: Set<String>, value: Any, text: String) -> [String: Any] {
        var context: [String: Any] = [:]
        for name in names {
            let parts = name.split(separator: ".").map(String.init)
            if parts.count == 1 {
                context[name] = value
            } else {
                var nested = context[parts[0]] as? [String: Any] ?? ["other": text]
                nested[parts[1]] = value
                context[parts[0]] = nested
            }
        }
        return context
    }

    /// `values` as the gateway hands them to templates (`NoticeContext`): every text, also
    /// inside lists and nested values, a `TemplateText`.
    static func wrapped(_ values: [String: Any]) -> TemplateValues {
        TemplateValues(values.mapValues(templateValue))
    }

    private static func templateValue(_ value: Any) -> TemplateValue {
        switch value {
        case let text as String: .text(text)
        case let flag as Bool: .flag(flag)
        case let number as Int: .number(number)
        case let list as [String]: .list(list)
        case let nested as [String: Any]: .values(wrapped(nested))
        default: fatalError("no template value for \(type(of: value))")
        }
    }
}
