import Foundation
import Mustache
import Testing

@testable import MailComposing

/// The layout's escaping must escape as swift-mustache's own HTML content type does, on the
/// texts mail carries: markup, quotes, non-ASCII letters, emoji, long approval links.
@Suite struct HTMLEscapingTests {
    static let texts = [
        "", "plain", "Zoë <b>&</b> \"quoted\" it's", "<<>>&&\"\"''", "mailto:escalations@support.example?subject=REJECT%20%5Bref%3Ar1%5D&body=REJECT",
        "[CS0001234] Approval needed – Überweisung fehlgeschlagen 🚀 <urgent>", "日本語のテキスト & 한국어", "a\r\nb\tc", "&amp; already escaped",
        String(repeating: "x<y & z ", count: 200),
    ]

    @Test func escapesAsTheLibrarysHTML() throws {
        HTMLEscaping.register()
        let library = try MustacheTemplate(string: "<p title=\"{{value}}\">{{value}}</p>{{#value}}[{{.}}]{{/value}}")
        let ours = try MustacheTemplate(string: HTMLEscaping.pragma + "<p title=\"{{value}}\">{{value}}</p>{{#value}}[{{.}}]{{/value}}")
        for text in Self.texts {
            #expect(ours.render(["value": text]) == library.render(["value": text]), "\(text.debugDescription)")
            #expect(ours.render(["value": TemplateText(text: text)]) == library.render(["value": text]), "\(text.debugDescription)")
        }
        #expect(ours.render(["value": "a<b & 'c'"]) == "<p title=\"a&lt;b &amp; &#39;c&#39;\">a&lt;b &amp; &#39;c&#39;</p>[a&lt;b &amp; &#39;c&#39;]")
    }

    /// Where a combining mark follows markup the library sees another Character and leaves the
    /// markup as it is; the layout escapes it.
    @Test func escapesMarkupFollowedByACombiningMark() throws {
        HTMLEscaping.register()
        let ours = try MustacheTemplate(string: HTMLEscaping.pragma + "{{value}}")
        #expect(ours.render(["value": "<\u{301}script>"]) == "&lt;\u{301}script&gt;")
    }

    @Test func theLayoutRendersAsWithoutThePragma() throws {
        let layout = try String(contentsOf: TemplateTextTests.folder.appendingPathComponent("layout.html.mustache"), encoding: .utf8)
        HTMLEscaping.register()
        let ours = try MustacheTemplate(string: HTMLEscaping.pragma + layout)
        let library = try MustacheTemplate(string: layout)
        for text in Self.texts {
            let values: [String: Any] = [
                "subject": text, "color": text, "severity": text, "bodyHTML": "<p>\(text)</p>", "approveLink": text, "rejectLink": text,
            ]
            #expect(ours.render(values) == library.render(values), "\(text.debugDescription)")
        }
    }
}
