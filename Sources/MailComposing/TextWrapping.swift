/// The text part as a terminal shows it: lines of at most `width` columns, broken at blanks;
/// a link (`mailto:`, `https://`) is never split and stands on a line of its own, its label
/// (`Approve:`) on the line before. A word longer than the width is left whole.
enum TextWrapping {
    static func wrap(_ text: String, width: Int = 78) -> String {
        guard needsWrapping(text, width: width) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 64)
        for (offset, line) in BodyLines.lines(Substring(text)).enumerated() {
            if offset > 0 { output.append(UInt8(ascii: "\n")) }
            wrapLine(line, width: width, into: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether a line is longer than `width` (counted in bytes: a cheap upper bound) or holds a link.
    private static func needsWrapping(_ text: String, width: Int) -> Bool {
        var column = 0
        for byte in text.utf8 {
            column = byte == UInt8(ascii: "\n") ? 0 : column + 1
            if column > width { return true }
        }
        return BodyLines.contains(text.utf8, "mailto:") || BodyLines.contains(text.utf8, "://")
    }

    /// Appends `line` wrapped to `output` (bytes: appending substrings to a `String` went
    /// through the runtime's dynamic casts for each word).
    private static func wrapLine(_ line: Substring, width: Int, into output: inout [UInt8]) {
        // Every link has a colon: a short line without one is kept as it is, at memchr's speed.
        let mayHoldLink = line.utf8.contains(UInt8(ascii: ":"))
        if line.utf8.count <= width, !mayHoldLink {
            output.append(contentsOf: line.utf8)
            return
        }
        let ascii = line.utf8.allSatisfy { $0 < 0x80 }
        let words = line.utf8.split(separator: 0x20, omittingEmptySubsequences: true).map(Substring.init)
        if (ascii ? line.utf8.count : line.count) <= width, !mayHoldLink || !words.contains(where: HTMLBody.isURL) {
            output.append(contentsOf: line.utf8)
            return
        }
        let indent = line.hasPrefix("- ") ? "  " : ""
        var column = 0
        var lineHasWords = false
        for word in words {
            let length = ascii ? word.utf8.count : word.count
            let isLink = HTMLBody.isURL(word)
            if lineHasWords && (isLink || column + 1 + length > width) {
                output.append(UInt8(ascii: "\n"))
                output.append(contentsOf: indent.utf8)
                column = indent.count
                lineHasWords = false
            }
            if lineHasWords {
                output.append(UInt8(ascii: " "))
                column += 1
            }
            output.append(contentsOf: word.utf8)
            column += length
            lineHasWords = true
            if isLink { column = width }
        }
    }
}
