/// The text part as a terminal shows it: lines of at most `width` columns, broken at blanks;
/// a link (`mailto:`, `https://`) is never split and stands on a line of its own, its label
/// (`Approve:`) on the line before. A word longer than the width is left whole.
///
/// Works on the text's contiguous UTF-8 bytes: every notice's body passes through here, and
/// walking it as Substrings cost more than rendering its template.
enum TextWrapping {
    static func wrap(_ text: String, width: Int = 78) -> String {
        var text = text
        let wrapped: [UInt8]? = text.withUTF8 { bytes in
            guard needsWrapping(bytes, width: width) else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 64)
            var lineStart = 0
            while true {
                let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                wrapLine(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), width: width, into: &output)
                guard lineEnd < bytes.count else { break }
                output.append(UInt8(ascii: "\n"))
                lineStart = lineEnd + 1
            }
            return output
        }
        return wrapped.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// Whether a line is longer than `width` (counted in bytes: a cheap upper bound) or holds a link.
    private static func needsWrapping(_ text: UnsafeBufferPointer<UInt8>, width: Int) -> Bool {
        var column = 0
        for byte in text {
            column = byte == UInt8(ascii: "\n") ? 0 : column + 1
            if column > width { return true }
        }
        return mayHoldLink(text)
    }

    /// Whether the text holds `mailto:` or `://`, as every link does.
    private static func mayHoldLink(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while let colon = text[index...].firstIndex(of: UInt8(ascii: ":")) {
            if colon + 2 < text.count, text[colon + 1] == UInt8(ascii: "/"), text[colon + 2] == UInt8(ascii: "/") { return true }
            if colon >= 6, text[(colon - 6)...].starts(with: "mailto".utf8) { return true }
            index = colon + 1
        }
        return false
    }

    /// Appends `line` wrapped to `output`.
    private static func wrapLine(_ line: UnsafeBufferPointer<UInt8>, width: Int, into output: inout [UInt8]) {
        let mayHoldLink = mayHoldLink(line)
        if line.count <= width, !mayHoldLink {
            output.append(contentsOf: line)
            return
        }
        let ascii = line.allSatisfy { $0 < 0x80 }
        let words = line.split(separator: 0x20, omittingEmptySubsequences: true).map(UnsafeBufferPointer.init(rebasing:))
        func columns(_ text: UnsafeBufferPointer<UInt8>) -> Int { ascii ? text.count : String(decoding: text, as: UTF8.self).count }
        if columns(line) <= width, !mayHoldLink || !words.contains(where: isLink) {
            output.append(contentsOf: line)
            return
        }
        let indent = line.starts(with: "- ".utf8) ? 2 : 0
        var column = 0
        var lineHasWords = false
        for word in words {
            let length = columns(word)
            let isLink = isLink(word)
            if lineHasWords && (isLink || column + 1 + length > width) {
                output.append(UInt8(ascii: "\n"))
                output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
                column = indent
                lineHasWords = false
            }
            if lineHasWords {
                output.append(UInt8(ascii: " "))
                column += 1
            }
            output.append(contentsOf: word)
            column += length
            lineHasWords = true
            if isLink { column = width }
        }
    }

    /// A word that is a link: `mailto:`, `https://` or `http://` and what follows.
    private static func isLink(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        word.starts(with: "mailto:".utf8) || word.starts(with: "https://".utf8) || word.starts(with: "http://".utf8)
    }
}
