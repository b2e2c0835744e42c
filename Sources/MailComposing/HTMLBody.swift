/// A text body as the HTML layout shows it: one `<p>` per paragraph (paragraphs end at a blank
/// line), `<br>` after each of its lines, every character HTML-escaped as the template engine
/// escapes values. Built here rather than by two nested template sections: it is most of the
/// HTML, and the sections cost more than the rest of the mail.
enum HTMLBody {
    static func paragraphs(of text: String) -> String {
        let bytes = Array(text.utf8)
        var html: [UInt8] = []
        html.reserveCapacity(bytes.count + bytes.count / 8 + 64)
        var start = 0
        while true {
            let end = paragraphEnd(in: bytes, from: start)
            html.append(contentsOf: "<p>".utf8)
            var lineStart = start
            for index in start...end where index == end || bytes[index] == UInt8(ascii: "\n") {
                appendEscaped(bytes[lineStart..<index], to: &html)
                html.append(contentsOf: "<br>\n".utf8)
                lineStart = index + 1
            }
            html.append(contentsOf: "</p>\n".utf8)
            guard end < bytes.count else { break }
            start = end + 2
        }
        return String(decoding: html, as: UTF8.self)
    }

    /// The index of the next `\n\n` at or after `start`, or the end.
    private static func paragraphEnd(in bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") && bytes[index + 1] == UInt8(ascii: "\n") { return index }
            index += 1
        }
        return bytes.count
    }

    /// Escapes what HTML gives meaning to: `<`, `>`, `&`, `"`, `'`.
    static func appendEscaped(_ text: some Sequence<UInt8>, to html: inout [UInt8]) {
        for byte in text {
            if let entity = entity(for: byte) {
                html.append(contentsOf: entity.utf8)
            } else {
                html.append(byte)
            }
        }
    }

    /// The entity that stands for `byte` in HTML text, if HTML gives the byte meaning.
    static func entity(for byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }
}
