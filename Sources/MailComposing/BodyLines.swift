/// Byte-level reading of a rendered body for the text and HTML layouts: splitting at line
/// breaks and blank lines and finding links, without walking the text as Characters (rendering
/// runs for every notice, and grapheme breaking cost more than the rest of the layout).
enum BodyLines {
    /// The lines of `text` (split at every `\n`, empty lines kept).
    static func lines(_ text: Substring) -> [Substring] {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// The paragraphs of `text`: the pieces between `\n\n` (matched left to right, not
    /// overlapping), empty pieces left out, as `split(separator: "\n\n")` gives them.
    static func paragraphs(_ text: String) -> [Substring] {
        let bytes = text.utf8
        var pieces: [Substring] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let next = bytes.index(after: index)
            if bytes[index] == UInt8(ascii: "\n"), next < bytes.endIndex, bytes[next] == UInt8(ascii: "\n") {
                if start < index { pieces.append(Substring(text.utf8[start..<index])) }
                index = bytes.index(after: next)
                start = index
            } else {
                index = next
            }
        }
        if start < bytes.endIndex { pieces.append(Substring(text.utf8[start..<bytes.endIndex])) }
        return pieces
    }

    /// Whether `text` starts with `prefix` (ASCII).
    static func starts(_ text: Substring, with prefix: StaticString) -> Bool {
        text.utf8.starts(with: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
    }
}
