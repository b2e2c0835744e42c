import Foundation
import Mustache
import Testing

@testable import MailComposing

/// A template rendered from its compiled program (`TemplatePrograms`) must read exactly as
/// swift-mustache renders it: the first time a shape is seen (compiled and checked) and after
/// (served from the program), for every template of `MailTemplates/` with texts, markup, empty
/// texts, lists, flags and numbers, and where a template transforms or escapes a text.
@Suite struct TemplateProgramTests {
    @Test func everyTemplateReadsAsSwiftMustacheRendersIt() throws {
        let folder = TemplateTextTests.folder
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(files.count > 40)
        HTMLEscaping.register()
        var library = MustacheLibrary()
        var namesUsed: Set<String> = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            try library.register(file.hasPrefix("layout.html") ? HTMLEscaping.pragma + text : text, named: file)
            namesUsed.formUnion(TemplateTextTests.names(in: text))
        }
        let variants: [Any] = ["Zoë <b>&</b> \"quoted\" it's", "", ["first & one", "", "third"], true, false, 42, "\u{E000}0&\u{E001} marker-like"]
        let programs = TemplatePrograms()
        var compared = 0
        for file in files {
            for value in variants {
                var mustacheRenders = 0
                for text in ["plain <text> & more", "other words, longer than the first ones"] {
                    let context = TemplateTextTests.wrapped(TemplateTextTests.context(names: namesUsed, value: value, text: text))
                    let expected = library.render(context, withTemplate: file)
                    mustacheRenders = 0
                    let fromProgram = programs.render(file, context: context, escape: HTMLEscaping().escapeText) {
                        mustacheRenders += 1
                        return library.render($0, withTemplate: file) ?? ""
                    }
                    #expect(fromProgram == expected, "\(file) with \(value) and \(text)")
                    compared += 1
                }
                // With texts, the second context has the first one's shape and is served from the
                // program. (A list or a context printed whole shows its texts quoted: such a
                // template stays with swift-mustache, and still reads the same.)
                if value is String {
                    #expect(mustacheRenders == 0, "\(file) with \(value): rendered by swift-mustache again")
                }
            }
        }
        #expect(compared == files.count * variants.count * 2)
    }

    @Test func transformedTextsStayWithSwiftMustache() throws {
        var library = MustacheLibrary()
        try library.register("{{uppercased(name)}} {{reversed(name)}} [{{name}}] {{#empty(name)}}none{{/empty(name)}}", named: "t")
        let programs = TemplatePrograms()
        for name in ["zoë <x>", "ABC", "", "abc", "x"] {
            let context = TemplateValues(["name": .text(name)])
            let fromProgram = programs.render("t", context: context, escape: HTMLEscaping().escapeText) {
                library.render($0, withTemplate: "t") ?? ""
            }
            #expect(fromProgram == library.render(context, withTemplate: "t"), "\(name)")
        }
    }

    @Test func escapedAndUnescapedTextsKeepTheirEscaping() throws {
        HTMLEscaping.register()
        var library = MustacheLibrary()
        try library.register(HTMLEscaping.pragma + "<p>{{a}}</p>{{{b}}}<i>{{a}}</i>", named: "html")
        let programs = TemplatePrograms()
        for (a, b) in [("x", "<b>y</b>"), ("<&>\"'", "&amp;"), ("\u{E000}1&amp;\u{E001}", "\u{E000}0&\u{E001}")] {
            let context = TemplateValues(["a": .text(a), "b": .text(b)])
            let fromProgram = programs.render("html", context: context, escape: HTMLEscaping().escapeText) {
                library.render($0, withTemplate: "html") ?? ""
            }
            #expect(fromProgram == library.render(context, withTemplate: "html"), "\(a) \(b)")
        }
    }
}
