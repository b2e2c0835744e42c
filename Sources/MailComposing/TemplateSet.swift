import EscalationCore
public import Foundation
import MailMessage
import Mustache

/// The mail templates, compiled once at start-up: one `<event>.mustache` per notice kind (first
/// line `Subject: …`, a blank line, then the text body) and `layout.html.mustache`, which wraps
/// every body as HTML. The built-in set (`MailTemplates/`, compiled into the executable) is
/// used where a folder of overrides has no file of the same name.
public struct TemplateSet: Sendable {
    private let library: MustacheLibrary
    /// Compiled outputs of the templates by context shape (`TemplateProgram`).
    private let programs = TemplatePrograms()
    /// The files taken from the folder of overrides, sorted.
    public let overridden: [String]
    /// The HTML layout's name; it is compiled with `HTMLEscaping` as its content type.
    private static let layout = "layout.html"

    /// A template that is missing or does not compile, named by file.
    public struct LoadError: Error, CustomStringConvertible {
        public var file: String
        public var problem: String
        public var description: String { "\(file): \(problem)" }
    }

    /// Every template file's name: one per notice kind, and the layout.
    public static var fileNames: [String] { (Notice.Kind.allCases.map(\.rawValue) + [layout]).map { $0 + ".mustache" } }

    /// The built-in templates' texts, by file name, as `templates export` writes them.
    public static var builtIn: [String: String] { BuiltInTemplates.files }

    /// Compiles the built-in templates, each replaced by the file of the same name in
    /// `overrides` where there is one; fails when the folder does not exist, naming a file that
    /// does not compile.
    public init(overrides: URL? = nil) throws {
        HTMLEscaping.register()
        var isFolder: ObjCBool = false
        if let overrides, !FileManager.default.fileExists(atPath: overrides.path, isDirectory: &isFolder) || !isFolder.boolValue {
            throw LoadError(file: overrides.path, problem: "no such folder of mail templates")
        }
        var library = MustacheLibrary()
        var overridden: [String] = []
        for file in Self.fileNames {
            let name = String(file.dropLast(".mustache".count))
            var source = "built-in " + file
            var text = BuiltInTemplates.files[file] ?? ""
            if let url = overrides?.appendingPathComponent(file), FileManager.default.fileExists(atPath: url.path) {
                guard let own = try? String(contentsOf: url, encoding: .utf8) else { throw LoadError(file: url.path, problem: "unreadable") }
                text = own
                source = url.path
                overridden.append(file)
            }
            do {
                try library.register(name == Self.layout ? HTMLEscaping.pragma + text : text, named: name)
            } catch {
                throw LoadError(file: source, problem: "does not compile: \(error)")
            }
        }
        self.library = library
        self.overridden = overridden
    }

    /// Renders the event's template into a subject and a text body; `context` holds its texts
    /// as `TemplateText`s (`NoticeContext`).
    func renderText(_ kind: Notice.Kind, context: TemplateValues) -> (subject: String, body: String) {
        let rendered = render(kind.rawValue, context: context)
        let normalized = rendered.replacingCRLF().trimmedNewlines
        guard normalized.hasPrefix("Subject:"), let lineEnd = normalized.utf8.firstIndex(of: UInt8(ascii: "\n")) else {
            return (kind.rawValue, normalized)
        }
        let subject = normalized[normalized.index(normalized.startIndex, offsetBy: 8)..<lineEnd]
        let body = normalized[normalized.index(after: lineEnd)...].trimmedNewlines
        return (Self.withoutDanglingSeparator(subject.trimmedBlanks), body)
    }

    /// A subject line without the separator a missing value leaves at its end: `Not understood –`
    /// (no case known) reads `Not understood`.
    static func withoutDanglingSeparator(_ line: String) -> String {
        var line = Substring(line)
        while let last = line.last, last == " " || last == "–" || last == "-" || last == ":" || last == "," {
            line = line.dropLast()
        }
        return String(line)
    }

    /// Wraps a text body as HTML; every value is escaped by the template engine. `context` as
    /// for `renderText`.
    func renderHTML(context: TemplateValues) -> String {
        render(Self.layout, context: context)
    }

    /// The template's output, as swift-mustache renders it, from the program compiled for the
    /// context's shape where there is one.
    private func render(_ name: String, context: TemplateValues) -> String {
        programs.render(name, context: context, escape: HTMLEscaping().escapeText) { library.render($0, withTemplate: name) ?? "" }
    }
}
