/// A text body as the HTML layout shows it, every character HTML-escaped as the template engine
/// escapes values. Paragraphs end at a blank line; inside one, a run of two or more fact lines
/// (`Reason: …`, a short label and a value) becomes a facts table, a run of `mailto:` link lines
/// (`Approve: mailto:…`) a row of buttons that show their label and never the address, and any
/// other line text ending in `<br>`. Built here rather than by nested template sections: it is
/// most of the HTML, and the sections cost more than the rest of the mail.
enum HTMLBody {
    static func render(_ text: String) -> String {
        var html = ""
        html.reserveCapacity(text.utf8.count * 2 + 256)
        for paragraph in BodyLines.paragraphs(text) {
            let lines = BodyLines.lines(paragraph)
            let kinds = lines.map(lineKind)
            var index = 0
            while index < lines.count {
                let run = runKind(at: index, in: kinds)
                var end = index + 1
                while end < lines.count, runKind(at: end, in: kinds) == run { end += 1 }
                switch run {
                case .links: appendButtons(lines[index..<end], to: &html)
                case .facts: appendFacts(lines[index..<end], to: &html)
                case .text: appendText(lines[index..<end], to: &html)
                }
                index = end
            }
        }
        return html
    }

    private enum Run { case links, facts, text }
    private enum LineKind { case link, fact, text }

    private static func lineKind(_ line: Substring) -> LineKind {
        guard let (_, value) = fact(in: line) else { return .text }
        return isLink(value) ? .link : .fact
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
    static func fact(in line: Substring) -> (label: Substring, value: Substring)? {
        guard let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")), let first = line.utf8.first else { return nil }
        let label = line[..<colon]
        guard label.utf8.count <= 28, isLabel(label), first < 0x80 ? (first >= 0x41 && first <= 0x5A) : line.first?.isUppercase == true else {
            return nil
        }
        var start = line.utf8.index(after: colon)
        while start < line.endIndex, line.utf8[start] == 0x20 { start = line.utf8.index(after: start) }
        let value = line[start...]
        return value.isEmpty ? nil : (label, value)
    }

    /// At most four words of letters, blanks and hyphens.
    private static func isLabel(_ label: Substring) -> Bool {
        guard label.utf8.allSatisfy({ $0 < 0x80 }) else {
            return label.split(separator: " ").count <= 4 && label.allSatisfy { $0.isLetter || $0 == " " || $0 == "-" }
        }
        var words = 0
        var inWord = false
        for byte in label.utf8 {
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

    /// `Label: mailto:…`, the gateway's one-click links (a web address people wrote stays text).
    static func link(in line: Substring) -> (label: Substring, url: Substring)? {
        guard let (label, value) = fact(in: line), isLink(value) else { return nil }
        return (label, value)
    }

    private static func isLink(_ value: Substring) -> Bool {
        BodyLines.starts(value, with: "mailto:") && isURL(value)
    }

    /// Whether `word` is an address a mail client opens: `mailto:`, `https://` or `http://`, no blank.
    static func isURL(_ word: Substring) -> Bool {
        (BodyLines.starts(word, with: "mailto:") || BodyLines.starts(word, with: "https://") || BodyLines.starts(word, with: "http://"))
            && !word.utf8.contains(0x20)
    }

    private static func appendText(_ lines: ArraySlice<Substring>, to html: inout String) {
        html += "<p style=\"margin:0 0 16px\">"
        for (offset, line) in lines.enumerated() {
            if offset > 0 { html += "<br>\n" }
            html += escaped(line)
        }
        html += "</p>\n"
    }

    private static func appendFacts(_ lines: ArraySlice<Substring>, to html: inout String) {
        html += "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" width=\"100%\" style=\"border-collapse:collapse;margin:0 0 16px\">\n"
        for line in lines {
            guard let (label, value) = fact(in: line) else { continue }
            html += "<tr><th scope=\"row\" align=\"left\" valign=\"top\" style=\"padding:6px 12px 6px 0;border-top:1px solid #d0d7de;"
            html += "font-weight:bold;color:#424a53;width:34%;word-break:normal;overflow-wrap:normal\">\(escaped(label))</th>"
            html += "<td valign=\"top\" style=\"padding:6px 0;border-top:1px solid #d0d7de;color:#1f2328\">\(escaped(value))</td></tr>\n"
        }
        html += "</table>\n"
    }

    /// Bulletproof buttons: a table cell with the background colour, so that the button shows
    /// with images off and in clients that ignore padding on links, 48 px tall.
    private static func appendButtons(_ lines: ArraySlice<Substring>, to html: inout String) {
        html += "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:0 0 16px\"><tr>\n"
        for line in lines {
            guard let (label, url) = link(in: line) else { continue }
            let colour = buttonColour(label)
            html += "<td style=\"padding:0 12px 8px 0\"><table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr>"
            html += "<td align=\"center\" bgcolor=\"\(colour)\" style=\"border-radius:6px;background:\(colour)\">"
            html += "<a href=\"\(escaped(url))\" style=\"display:inline-block;padding:14px 28px;font-family:Arial,Helvetica,sans-serif;"
            html += "font-size:16px;line-height:20px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px\">"
            html += "\(escaped(label))</a></td></tr></table></td>\n"
        }
        html += "</tr></table>\n"
    }

    /// Green for approving, red for rejecting, blue for anything else; white text on each
    /// passes 4.5:1.
    private static func buttonColour(_ label: Substring) -> String {
        switch label.lowercased() {
        case "approve": "#1a7f37"
        case "reject": "#b42318"
        default: "#0a58ca"
        }
    }

    static func escaped(_ text: Substring) -> String {
        guard text.utf8.contains(where: { entity(for: $0) != nil }) else { return String(text) }
        var html: [UInt8] = []
        html.reserveCapacity(text.utf8.count + 32)
        appendEscaped(text.utf8, to: &html)
        return String(decoding: html, as: UTF8.self)
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
