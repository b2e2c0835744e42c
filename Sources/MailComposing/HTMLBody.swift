/// A text body as the HTML layout shows it, every character HTML-escaped as the template engine
/// escapes values. Paragraphs end at a blank line; inside one, a run of two or more fact lines
/// (`Reason: …`, a short label and a value) becomes a facts table, a run of `mailto:` link lines
/// (`Approve: mailto:…`) a row of buttons that show their label and never the address, and any
/// other line text ending in `<br>`. Built here rather than by nested template sections: it is
/// most of the HTML, and the sections cost more than the rest of the mail.
///
/// Works on the body's contiguous UTF-8 bytes, lines and values as ranges of them: every notice
/// passes through here.
enum HTMLBody {
    static func render(_ text: String) -> String {
        var text = text
        let html: [UInt8] = text.withUTF8 { body in
            var html: [UInt8] = []
            html.reserveCapacity(body.count * 2 + 256)
            for paragraph in paragraphs(body) {
                let lines = lines(paragraph, of: body)
                let kinds = lines.map { lineKind($0, of: body) }
                var index = 0
                while index < lines.count {
                    let run = runKind(at: index, in: kinds)
                    var end = index + 1
                    while end < lines.count, runKind(at: end, in: kinds) == run { end += 1 }
                    switch run {
                    case .links: appendButtons(lines[index..<end], of: body, to: &html)
                    case .facts: appendFacts(lines[index..<end], of: body, to: &html)
                    case .text: appendText(lines[index..<end], of: body, to: &html)
                    }
                    index = end
                }
            }
            return html
        }
        return String(decoding: html, as: UTF8.self)
    }

    private enum Run { case links, facts, text }
    private enum LineKind { case link, fact, text }

    /// A `Label: value` line's two parts, as ranges of the body's bytes.
    private struct Fact {
        var label: Range<Int>
        var value: Range<Int>
    }

    /// The paragraphs: the pieces between `\n\n` (matched left to right, not overlapping),
    /// empty pieces left out.
    private static func paragraphs(_ body: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < body.count {
            if body[index] == UInt8(ascii: "\n"), index + 1 < body.count, body[index + 1] == UInt8(ascii: "\n") {
                if start < index { pieces.append(start..<index) }
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        if start < body.count { pieces.append(start..<body.count) }
        return pieces
    }

    /// The lines of a paragraph (split at every `\n`, empty lines kept).
    private static func lines(_ paragraph: Range<Int>, of body: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = paragraph.lowerBound
        for index in paragraph where body[index] == UInt8(ascii: "\n") {
            lines.append(start..<index)
            start = index + 1
        }
        lines.append(start..<paragraph.upperBound)
        return lines
    }

    private static func lineKind(_ line: Range<Int>, of body: UnsafeBufferPointer<UInt8>) -> LineKind {
        guard let fact = fact(in: line, of: body) else { return .text }
        return isLink(fact.value, of: body) ? .link : .fact
    }

    /// What the line at `index` belongs to: a fact only beside another fact.
    private static func runKind(at index: Int, in kinds: [LineKind]) -> Run {
        switch kinds[index] {
        case .link: return .links
        case .text: return .text
        case .fact:
            let besideFact = (index > 0 && kinds[index - 1] == .fact) || (index + 1 < kinds.count && kinds[index + 1] == .fact)
            return besideFact ? .facts : .text
        }
    }

    /// `Label: value` with a label of at most four words of letters, starting upper-case.
    private static func fact(in line: Range<Int>, of body: UnsafeBufferPointer<UInt8>) -> Fact? {
        guard let colon = body[line].firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let label = line.lowerBound..<colon
        let first = body[line.lowerBound]
        let startsUpperCase = first < 0x80 ? (first >= 0x41 && first <= 0x5A) : text(line, of: body).first?.isUppercase == true
        guard label.count <= 28, isLabel(label, of: body), startsUpperCase else { return nil }
        var start = colon + 1
        while start < line.upperBound, body[start] == 0x20 { start += 1 }
        return start < line.upperBound ? Fact(label: label, value: start..<line.upperBound) : nil
    }

    /// At most four words of letters, blanks and hyphens.
    private static func isLabel(_ label: Range<Int>, of body: UnsafeBufferPointer<UInt8>) -> Bool {
        guard body[label].allSatisfy({ $0 < 0x80 }) else {
            let label = text(label, of: body)
            return label.split(separator: " ").count <= 4 && label.allSatisfy { $0.isLetter || $0 == " " || $0 == "-" }
        }
        var words = 0
        var inWord = false
        for byte in body[label] {
            switch byte {
            case 0x20: inWord = false
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "-"):
                if !inWord { words += 1 }
                inWord = true
            default: return false
            }
        }
        return words <= 4
    }

    /// A `mailto:` value without blanks: the gateway's one-click links (a web address people
    /// wrote stays text).
    private static func isLink(_ value: Range<Int>, of body: UnsafeBufferPointer<UInt8>) -> Bool {
        body[value].starts(with: "mailto:".utf8) && !body[value].contains(0x20)
    }

    private static func text(_ range: Range<Int>, of body: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: body[range]), as: UTF8.self)
    }

    private static func appendText(_ lines: ArraySlice<Range<Int>>, of body: UnsafeBufferPointer<UInt8>, to html: inout [UInt8]) {
        html.append(contentsOf: "<p style=\"margin:0 0 16px\">".utf8)
        for (offset, line) in lines.enumerated() {
            if offset > 0 { html.append(contentsOf: "<br>\n".utf8) }
            appendEscaped(body[line], to: &html)
        }
        html.append(contentsOf: "</p>\n".utf8)
    }

    private static func appendFacts(_ lines: ArraySlice<Range<Int>>, of body: UnsafeBufferPointer<UInt8>, to html: inout [UInt8]) {
        html.append(
            contentsOf:
                "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" width=\"100%\" style=\"border-collapse:collapse;margin:0 0 16px\">\n"
                .utf8)
        for line in lines {
            guard let fact = fact(in: line, of: body) else { continue }
            html.append(
                contentsOf: "<tr><th scope=\"row\" align=\"left\" valign=\"top\" style=\"padding:6px 12px 6px 0;border-top:1px solid #d0d7de;".utf8)
            html.append(contentsOf: "font-weight:bold;color:#424a53;width:34%;word-break:normal;overflow-wrap:normal\">".utf8)
            appendEscaped(body[fact.label], to: &html)
            html.append(contentsOf: "</th><td valign=\"top\" style=\"padding:6px 0;border-top:1px solid #d0d7de;color:#1f2328\">".utf8)
            appendEscaped(body[fact.value], to: &html)
            html.append(contentsOf: "</td></tr>\n".utf8)
        }
        html.append(contentsOf: "</table>\n".utf8)
    }

    /// Bulletproof buttons: a table cell with the background colour, so that the button shows
    /// with images off and in clients that ignore padding on links, 48 px tall.
    private static func appendButtons(_ lines: ArraySlice<Range<Int>>, of body: UnsafeBufferPointer<UInt8>, to html: inout [UInt8]) {
        html.append(contentsOf: "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:0 0 16px\"><tr>\n".utf8)
        for line in lines {
            guard let fact = fact(in: line, of: body), isLink(fact.value, of: body) else { continue }
            let colour = buttonColour(body[fact.label])
            html.append(
                contentsOf: "<td style=\"padding:0 12px 8px 0\"><table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr>"
                    .utf8)
            html.append(contentsOf: "<td align=\"center\" bgcolor=\"\(colour)\" style=\"border-radius:6px;background:\(colour)\">".utf8)
            html.append(contentsOf: "<a href=\"".utf8)
            appendEscaped(body[fact.value], to: &html)
            html.append(contentsOf: "\" style=\"display:inline-block;padding:14px 28px;font-family:Arial,Helvetica,sans-serif;".utf8)
            html.append(contentsOf: "font-size:16px;line-height:20px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px\">".utf8)
            appendEscaped(body[fact.label], to: &html)
            html.append(contentsOf: "</a></td></tr></table></td>\n".utf8)
        }
        html.append(contentsOf: "</tr></table>\n".utf8)
    }

    /// Green for approving, red for rejecting, blue for anything else; white text on each
    /// passes 4.5:1.
    private static func buttonColour(_ label: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        func named(_ word: StaticString) -> Bool {
            label.count == word.utf8CodeUnitCount
                && zip(label, UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)).allSatisfy { $0 | 0x20 == $1 }
        }
        if named("approve") { return "#1a7f37" }
        if named("reject") { return "#b42318" }
        return "#0a58ca"
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
