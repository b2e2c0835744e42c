import EscalationCore
import Foundation
import MailMessage
import Mustache

/// The mail templates of `MailTemplates/`, compiled once at start-up: one `<event>.mustache`
/// per notice kind (first line `Subject: …`, a blank line, then the text body) and
/// `layout.html.mustache`, which wraps every body as HTML with the severity colour.
public struct TemplateSet: Sendable {
    private let library: MustacheLibrary
    /// The HTML layout's name; it is compiled with `HTMLEscaping` as its content type.
    private static let layout = "layout.html"

    /// A template that is missing or does not compile, named by file.
    public struct LoadError: Error, CustomStringConvertible {
        public var file: String
        public var problem: String
        public var description: String { "\(file): \(problem)" }
    }

    /// Loads and compiles every template; fails naming the first missing or broken file.
    public init(directory: URL) throws {
        HTMLEscaping.register()
        var library = MustacheLibrary()
        let names = Notice.Kind.allCases.map(\.rawValue) + [Self.layout]
        for name in names {
            let url = directory.appendingPathComponent(name + ".mustache")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw LoadError(file: url.path, problem: "missing or unreadable; every notice kind needs a template")
            }
            do {
                try library.register(name == Self.layout ? HTMLEscaping.pragma + text : text, named: name)
            } catch {
                throw LoadError(file: url.path, problem: "does not compile: \(error)")
            }
        }
        self.library = library
    }

    /// Renders the event's template into a subject and a text body; `context` holds its texts
    /// as `TemplateText`s (`NoticeContext`).
    func renderText(_ kind: Notice.Kind, context: TemplateValues) -> (subject: String, body: String) {
        let rendered = library.render(context, withTemplate: kind.rawValue) ?? ""
        let normalized = rendered.replacingCRLF().trimmedNewlines
        guard normalized.hasPrefix("Subject:"), let lineEnd = normalized.utf8.firstIndex(of: UInt8(ascii: "\n")) else {
            return (kind.rawValue, normalized)
        }
        let subject = normalized[normalized.index(normalized.startIndex, offsetBy: 8)..<lineEnd]
        let body = normalized[normalized.index(after: lineEnd)...].trimmedNewlines
        return (subject.trimmedBlanks, body)
    }

    /// Wraps a text body as HTML; every value is escaped by the template engine. `context` as
    /// for `renderText`.
    func renderHTML(context: TemplateValues) -> String {
        library.render(context, withTemplate: Self.layout) ?? ""
    }
}
