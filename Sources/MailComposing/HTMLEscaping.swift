import Mustache

/// How the HTML layout escapes the values it shows: the five characters swift-mustache's own
/// HTML content type escapes (`<`, `>`, `&`, `"`, `'`), found on bytes. The library's takes the
/// text apart into Characters and looks each up in a dictionary, which was half the time of
/// rendering the layout (its subject and approval links are long).
///
/// It differs from the library's only where a combining mark follows one of those five
/// characters: the library then sees another Character and leaves the markup unescaped; this
/// escapes it.
struct HTMLEscaping: MustacheContentType {
    /// The content type's registered name.
    static let name = "GATEWAY_HTML"
    /// A line that makes a template escape with this content type; a line of its own, so the
    /// template renders as without it.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"

    /// Makes the content type known to templates compiled afterwards (idempotent).
    static func register() {
        MustacheContentTypes.register(HTMLEscaping(), named: name)
    }

    func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: { HTMLBody.entity(for: $0) != nil }) else { return text }
        var html: [UInt8] = []
        html.reserveCapacity(text.utf8.count + 32)
        HTMLBody.appendEscaped(text.utf8, to: &html)
        return String(decoding: html, as: UTF8.self)
    }
}
