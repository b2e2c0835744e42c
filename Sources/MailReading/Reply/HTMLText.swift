import CLibXML2
import Foundation
import MailMessage

/// HTML to text with libxml2's forgiving HTML parser: block elements break lines, list items
/// get a dash, entities decode, `head`/`script`/`style` vanish. Quoted history is removed
/// first: `blockquote`, Gmail's `gmail_quote`, Yahoo's `yahoo_quoted`, Thunderbird's
/// `moz-cite-prefix`, Apple Mail's `type="cite"`; and from Outlook's `divRplyFwdMsg`,
/// `appendonsend` or a border-top reply header block to the end of the document.
public enum HTMLText {
    /// The text of an HTML document; with `removingQuotes`, without its quoted history. The
    /// walk stops once it has written `maxBytes` bytes of text (before blank lines are folded).
    public static func text(_ html: String, removingQuotes: Bool = true, maxBytes: Int = .max) -> String {
        let bytes = Array(html.utf8)
        guard !bytes.isEmpty else { return "" }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let document: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    htmlReadMemory($0, Int32(buffer.count), "mail.html", "UTF-8", options)
                }
            }
        }
        guard let document else { return "" }
        defer { xmlFreeDoc(document) }
        var walker = Walker(removingQuotes: removingQuotes, maxBytes: maxBytes)
        walker.walk(xmlDocGetRootElement(document))
        return walker.finish()
    }

    /// `text` with every run of three or more line feeds made two, on its bytes (as the
    /// pattern `\n{3,}` replaced by two did).
    static func collapsingBlankLineRuns(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var run = 0
        for byte in text.utf8 {
            run = byte == 0x0A ? run + 1 : 0
            if run <= 2 { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private struct Walker {
        let removingQuotes: Bool
        let maxBytes: Int
        var output = ""
        var stopped = false
        var preformatted = 0

        private static let blocks: Set<String> = [
            "p", "div", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "address", "section", "article", "header",
            "footer", "hr", "dl", "dt", "dd", "center", "form", "fieldset",
        ]
        private static let skipped: Set<String> = ["head", "script", "style", "title", "noscript", "template"]

        mutating func walk(_ start: xmlNodePtr?) {
            var node = start
            while let current = node, !stopped {
                visit(current)
                if output.utf8.count >= maxBytes { stopped = true }
                node = current.pointee.next
            }
        }

        private mutating func visit(_ node: xmlNodePtr) {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                appendText(Self.string(node.pointee.content))
            case XML_ELEMENT_NODE:
                let name = Self.string(node.pointee.name).lowercased()
                if Self.skipped.contains(name) { return }
                if removingQuotes {
                    if Self.startsHistory(node, name: name) {
                        stopped = true
                        return
                    }
                    if Self.isQuote(node, name: name) { return }
                }
                switch name {
                case "br": output += "\n"
                case "li":
                    breakLine()
                    output += "- "
                case "td", "th":
                    if !output.hasSuffix("\n"), !output.isEmpty { output += " " }
                default:
                    if Self.blocks.contains(name) { breakLine() }
                }
                if name == "pre" { preformatted += 1 }
                walk(node.pointee.children)
                if name == "pre" { preformatted -= 1 }
                if Self.blocks.contains(name) || name == "li" { breakLine() }
                if name == "p" { output += "\n" }
            default:
                break
            }
        }

        private mutating func appendText(_ text: String) {
            if preformatted > 0 {
                output += text
                return
            }
            var collapsed = ""
            var lastWasSpace = output.isEmpty || output.hasSuffix("\n") || output.hasSuffix(" ")
            for character in text {
                if character.isWhitespace && character != "\u{00A0}" {
                    if !lastWasSpace { collapsed.append(" ") }
                    lastWasSpace = true
                } else {
                    collapsed.append(character == "\u{00A0}" ? " " : character)
                    lastWasSpace = false
                }
            }
            output += collapsed
        }

        private mutating func breakLine() {
            while output.hasSuffix(" ") { output.removeLast() }
            if !output.isEmpty, !output.hasSuffix("\n") { output += "\n" }
        }

        func finish() -> String {
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmedBlanks }.joined(separator: "\n")
            return HTMLText.collapsingBlankLineRuns(lines).trimmedSpace
        }

        private static func attribute(_ node: xmlNodePtr, _ name: String) -> String {
            guard let value = xmlGetProp(node, name) else { return "" }
            defer { cxml_free(value) }
            return string(value)
        }

        private static func isQuote(_ node: xmlNodePtr, name: String) -> Bool {
            if name == "blockquote" { return true }
            let classes = attribute(node, "class").lowercased()
            return classes.has("gmail_quote") || classes.has("yahoo_quoted") || classes.has("moz-cite-prefix")
                || attribute(node, "type").lowercased() == "cite"
        }

        /// Outlook puts the quoted message after the reply, not inside an element: from these
        /// markers on, the rest of the document is history.
        private static func startsHistory(_ node: xmlNodePtr, name: String) -> Bool {
            let id = attribute(node, "id").lowercased()
            if id == "divrplyfwdmsg" || id == "appendonsend" || id.hasPrefix("x_divrplyfwdmsg") { return true }
            if name == "hr", attribute(node, "id").lowercased() == "stopspelling" { return true }
            guard name == "div" || name == "p" else { return false }
            let style = attribute(node, "style").lowercased().replacingOccurrences(of: " ", with: "")
            guard style.has("border-top:solid") else { return false }
            let text = leadingText(node, maxBytes: 1024)
            return text.has("From:") || text.has("Von:") || text.has("De :") || text.has("De:") || text.has("Van:")
        }

        /// The text of the node's first text descendants, up to about `maxBytes` bytes: a reply
        /// header block names its sender at the top, and reading the whole subtree of every
        /// bordered block would read nested ones again and again.
        private static func leadingText(_ node: xmlNodePtr, maxBytes: Int) -> String {
            var text = ""
            var stack: [xmlNodePtr] = node.pointee.children.map { [$0] } ?? []
            while let current = stack.popLast(), text.utf8.count < maxBytes {
                if let next = current.pointee.next { stack.append(next) }
                if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE {
                    text += string(current.pointee.content, maxBytes: maxBytes)
                } else if let child = current.pointee.children {
                    stack.append(child)
                }
            }
            return text
        }

        /// At most the first `maxBytes` bytes of a C string (a split character at the cut becomes U+FFFD).
        static func string(_ pointer: UnsafePointer<xmlChar>?, maxBytes: Int) -> String {
            guard let pointer else { return "" }
            let length = pointer.withMemoryRebound(to: CChar.self, capacity: maxBytes) { strnlen($0, maxBytes) }
            return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
        }

        static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
            guard let pointer else { return "" }
            return String(cString: pointer)
        }
    }
}
