/// The text part as a terminal shows it: lines of at most `width` columns, broken at blanks;
/// a link (`mailto:`, `https://`) is never split and stands on a line of its own, its label
/// (`Approve:`) on the line before. A word longer than the width is left whole.
enum TextWrapping {
    static func wrap(_ text: String, width: Int = 78) -> String {
        guard needsWrapping(text, width: width) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 64)
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if offset > 0 { output += "\n" }
            wrapLine(line, width: width, into: &output)
        }
        return output
    }

    /// Whether a line is longer than `width` (counted in bytes: a cheap upper bound) or holds a link.
    private static func needsWrapping(_ text: String, width: Int) -> Bool {
        var column = 0
        for byte in text.utf8 {
            column = byte == UInt8(ascii: "\n") ? 0 : column + 1
            if column > width { return true }
        }
        return text.contains("mailto:") || text.contains("://")
    }

    private static func wrapLine(_ line: Substring, width: Int, into output: inout String) {
        if line.count <= width, !line.split(separator: " ").contains(where: HTMLBody.isURL) {
            output += line
            return
        }
        let indent = line.hasPrefix("- ") ? "  " : ""
        var column = 0
        var lineHasWords = false
        for word in line.split(separator: " ", omittingEmptySubsequences: true) {
            let length = word.count
            let isLink = HTMLBody.isURL(word)
            if lineHasWords && (isLink || column + 1 + length > width) {
                output += "\n" + indent
                column = indent.count
                lineHasWords = false
            }
            if lineHasWords {
                output += " "
                column += 1
            }
            output += word
            column += length
            lineHasWords = true
            if isLink { column = width }
        }
    }
}
