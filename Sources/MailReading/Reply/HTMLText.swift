import Foundation

/// A small HTML-to-text reader: drops `head`, `script`, `style` and quoted history
/// (`blockquote`, `gmail_quote`, Outlook's `divRplyFwdMsg`), breaks lines at block tags
/// and decodes common entities.
public enum HTMLText {
    public static func text(_ html: String) -> String {
        var output = ""
        var index = html.startIndex
        var skipDepth = 0
        var skipTag: String?
        while index < html.endIndex {
            let character = html[index]
            guard character == "<", let close = html[index...].firstIndex(of: ">") else {
                if skipDepth == 0 { output.append(character) }
                index = html.index(after: index)
                continue
            }
            let tagText = html[html.index(after: index)..<close].lowercased()
            let isClosing = tagText.hasPrefix("/")
            let name = String(tagText.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber })
            if let skipping = skipTag {
                if name == skipping { skipDepth += isClosing ? -1 : (tagText.hasSuffix("/") ? 0 : 1) }
                if skipDepth == 0 { skipTag = nil }
            } else if !isClosing, isSkipped(name: name, tag: tagText) {
                skipTag = name
                skipDepth = 1
            } else if ["br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table", "ul", "ol", "hr"].contains(name) {
                output.append("\n")
                if name == "li", !isClosing { output.append("- ") }
            }
            index = html.index(after: close)
        }
        let decoded = decodeEntities(output)
        return decoded.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: "\u{00A0}", with: " ").trimmingCharacters(in: .whitespaces) }
            .joined(separator: "\n")
            .replacingOccurrences(of: "\n\n\n+", with: "\n\n", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isSkipped(name: String, tag: String) -> Bool {
        if ["head", "script", "style", "title", "blockquote"].contains(name) { return true }
        return tag.contains("gmail_quote") || tag.contains("divrplyfwdmsg") || tag.contains("type=\"cite\"")
            || tag.contains("moz-cite-prefix") || tag.contains("yahoo_quoted")
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "eacute": "é", "egrave": "è",
        "agrave": "à", "ouml": "ö", "uuml": "ü", "auml": "ä", "szlig": "ß", "ndash": "–", "mdash": "—", "hellip": "…",
        "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”", "copy": "©",
    ]

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(10).firstIndex(of: ";") {
                let name = String(after[..<semicolon])
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(UnicodeScalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(UnicodeScalar.init).map { String(Character($0)) }
                } else {
                    replacement = entities[name.lowercased()]
                }
                if let replacement {
                    output += replacement
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            output += "&"
            rest = after
        }
        return output + rest
    }
}
