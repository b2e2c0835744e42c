import Foundation

/// A parsed `Content-Type` or `Content-Disposition` value: a token and its parameters
/// (RFC 2045 §5.1), with RFC 2231 continuations and charset-encoded values joined and decoded.
public struct HeaderParameters: Hashable, Sendable {
    /// Lower-cased token, e.g. `text/plain` or `attachment`.
    public var value: String
    /// Parameters by lower-cased name, decoded.
    public var parameters: [String: String]

    public init(value: String, parameters: [String: String] = [:]) {
        self.value = value
        self.parameters = parameters
    }

    /// Parses leniently: quoted strings with escapes, missing quotes, stray semicolons.
    public init(parsing raw: String) {
        let pieces = Self.splitOnSemicolons(raw)
        value = (pieces.first ?? "").trimmedBlanks.lowercased()
        var simple: [String: String] = [:]
        var continued: [String: [(index: Int, encoded: Bool, text: String)]] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            var name = piece[..<equals].trimmedBlanks.lowercased()
            var text = piece[piece.index(after: equals)...].trimmedBlanks
            if text.hasPrefix("\""), text.count >= 2 {
                text = String(text.dropFirst())
                if text.hasSuffix("\"") { text = String(text.dropLast()) }
                if text.has("\\") { text = text.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\") }
            }
            let encoded = name.hasSuffix("*")
            if encoded { name.removeLast() }
            if let star = name.lastIndex(of: "*"), let index = Int(name[name.index(after: star)...]) {
                continued[String(name[..<star]), default: []].append((index, encoded, text))
            } else if encoded {
                simple[name] = Self.decode2231(text, first: true)
            } else if simple[name] == nil {
                simple[name] = EncodedWord.decode(text)
            }
        }
        for (name, parts) in continued {
            let ordered = parts.sorted { $0.index < $1.index }
            var bytes: [UInt8] = []
            var charset: String?
            for part in ordered {
                if part.encoded {
                    var text = Substring(part.text)
                    if part.index == 0 {
                        let fields = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                        if fields.count == 3 {
                            charset = String(fields[0])
                            text = fields[2]
                        }
                    }
                    bytes += Self.percentDecode(text)
                } else {
                    bytes += Array(part.text.utf8)
                }
            }
            simple[name] = Charset.decode(bytes, charset: charset ?? "UTF-8").text
        }
        parameters = simple
    }

    /// Top-level type, e.g. `text` of `text/plain`.
    public var mainType: String { typePart(0) }
    /// Subtype, e.g. `plain` of `text/plain`.
    public var subType: String { typePart(1) }

    /// Part `position` of the value's `/`-separated parts, empty parts skipped; split on bytes,
    /// as every part of every mail is asked for its type.
    private func typePart(_ position: Int) -> String {
        let parts = value.utf8.split(separator: UInt8(ascii: "/"))
        guard position < parts.count else { return "" }
        return String(value[parts[position].startIndex..<parts[position].endIndex])
    }

    private static func decode2231(_ text: String, first: Bool) -> String {
        let fields = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3 else { return Charset.decode(percentDecode(Substring(text)), charset: "UTF-8").text }
        return Charset.decode(percentDecode(fields[2]), charset: String(fields[0])).text
    }

    private static func percentDecode(_ text: Substring) -> [UInt8] {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return bytes
    }

    /// Splits at semicolons outside quoted strings (a backslash escapes inside them).
    private static func splitOnSemicolons(_ raw: String) -> [String] {
        var pieces: [String] = []
        let bytes = raw.utf8
        var start = bytes.startIndex
        var index = start
        var quoted = false
        var escaped = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") && quoted {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if byte == UInt8(ascii: ";") && !quoted {
                pieces.append(String(raw[start..<index]))
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        pieces.append(String(raw[start...]))
        return pieces
    }
}
