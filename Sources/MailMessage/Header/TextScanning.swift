import Foundation

/// Native string helpers for the reader's hot paths: Foundation's `trimmingCharacters` and
/// `contains` bridge through NSString, which cost most of the reading time on large corpora.
extension StringProtocol {
    /// The text without leading and trailing blanks (spaces, tabs and other non-newline whitespace).
    package var trimmedBlanks: String { trimmed(where: Self.isBlankScalar, byte: { $0 == 0x20 || $0 == 0x09 }) }

    /// Whether the text is empty or blanks only (what `trimmedBlanks.isEmpty` says, without a copy).
    package var isBlank: Bool {
        for byte in utf8 where byte != 0x20 && byte != 0x09 {
            return byte < 0x80 ? false : unicodeScalars.allSatisfy(Self.isBlankScalar)
        }
        return true
    }

    /// The text without leading and trailing whitespace, newlines included.
    package var trimmedSpace: String {
        trimmed(where: { $0.properties.isWhitespace }, byte: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
    }

    /// The text without leading and trailing line breaks (blanks kept).
    package var trimmedNewlines: String {
        trimmed(where: { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" }, byte: { $0 == 0x0A || $0 == 0x0D })
    }

    /// The text without leading and trailing whitespace, newlines and any character of `extra`
    /// (punctuation around a reason, quotes around a name).
    package func trimmed(including extra: String) -> String {
        trimmed(
            where: { $0.properties.isWhitespace || extra.unicodeScalars.contains($0) },
            byte: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || ($0 < 0x80 && extra.utf8.contains($0)) })
    }

    /// Trims by bytes while the ends are ASCII (almost always), by scalars otherwise.
    private func trimmed(where isTrimmed: (Unicode.Scalar) -> Bool, byte isTrimmedByte: (UInt8) -> Bool) -> String {
        let text = String(self)
        let bytes = text.utf8
        if let first = bytes.first, let last = bytes.last, first < 0x80, last < 0x80 {
            if !isTrimmedByte(first), !isTrimmedByte(last) { return text }
            guard let start = bytes.firstIndex(where: { !isTrimmedByte($0) }), let end = bytes.lastIndex(where: { !isTrimmedByte($0) }) else {
                return ""
            }
            if bytes[start] < 0x80, bytes[end] < 0x80 { return String(text[start...end]) }
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }), let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(Substring(scalars[first..<scalars.index(after: last)]))
    }

    private static func isBlankScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || (scalar.value > 127 && scalar.properties.isWhitespace && scalar != "\u{2028}" && scalar != "\u{2029}")
    }

    /// Whether any of the needles occurs (byte-wise); the text is read once.
    package func hasAny(_ needles: [String]) -> Bool {
        hasAny(bytes: needles.map { Array($0.utf8) })
    }

    /// Whether any of the needles, given as UTF-8 bytes (precomputed by hot callers), occurs.
    package func hasAny(bytes needles: [[UInt8]]) -> Bool {
        hasAny(NeedleSet(needles))
    }

    /// Whether any needle of the set occurs, in one pass over the text.
    package func hasAny(_ needles: NeedleSet) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ needles.occurs(in: $0) }) { return found }
        var text = String(self)
        return text.withUTF8 { needles.occurs(in: $0) }
    }

    /// Byte-wise substring search (UTF-8), without bridging to NSString.
    package func has(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        if let found = utf8.withContiguousStorageIfAvailable({ $0.firstIndex(of: pattern) != nil }) { return found }
        var text = String(self)
        return text.withUTF8 { $0.firstIndex(of: pattern) != nil }
    }

    /// The text lower-cased as `lowercased()` lower-cases it (each scalar's Unicode lowercase
    /// mapping), ASCII scalars on bytes: `lowercased()` maps every scalar through its
    /// properties as soon as one is not ASCII, as in most subjects the gateway answers ("–").
    package func lowercasedMostlyASCII() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            } else {
                bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether every byte is ASCII: then every scalar but CR before LF is a Character of its
    /// own, and searching the bytes finds what searching the Characters finds.
    package var isASCII: Bool {
        if let found = utf8.withContiguousStorageIfAvailable(\.isASCII) { return found }
        var text = String(self)
        return text.withUTF8(\.isASCII)
    }

    /// The range of the first occurrence of `needle`'s bytes (UTF-8), without bridging.
    package func utf8Range(of needle: [UInt8]) -> Range<Index>? {
        let offset: Int?
        if let found = utf8.withContiguousStorageIfAvailable({ $0.firstIndex(of: needle) }) {
            offset = found
        } else {
            var text = String(self)
            offset = text.withUTF8 { $0.firstIndex(of: needle) }
        }
        guard let offset else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: needle.count)
    }

    /// The first Character that is `delimiter`, an ASCII byte other than CR and LF: found on
    /// bytes in ASCII text; elsewhere a mark may join it to the next scalar, and the Characters
    /// are walked.
    package func firstIndex(ofASCII delimiter: UInt8) -> Index? {
        guard isASCII else { return firstIndex(of: Character(Unicode.Scalar(delimiter))) }
        return utf8.firstIndex(of: delimiter)
    }

    /// The last Character that is `delimiter`, found as `firstIndex(ofASCII:)` finds the first.
    package func lastIndex(ofASCII delimiter: UInt8) -> Index? {
        guard isASCII else { return lastIndex(of: Character(Unicode.Scalar(delimiter))) }
        var last: Index?
        var index = utf8.startIndex
        while index < utf8.endIndex {
            if utf8[index] == delimiter { last = index }
            index = utf8.index(after: index)
        }
        return last
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether every byte is below 0x80, read eight at a time.
    package var isASCII: Bool {
        guard let base = baseAddress else { return true }
        var index = 0
        var seen: UInt64 = 0
        while index + 8 <= count {
            seen |= UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            index += 8
        }
        while index < count {
            seen |= UInt64(base[index])
            index += 1
        }
        return seen & 0x8080_8080_8080_8080 == 0
    }

    /// Where `pattern` first occurs at or after `start` (byte-wise; an empty pattern at `start`).
    package func firstIndex(of pattern: [UInt8], from start: Int = 0) -> Int? {
        guard let first = pattern.first else { return start }
        guard pattern.count <= count else { return nil }
        var index = start
        let limit = count - pattern.count
        while index <= limit {
            if self[index] == first {
                var offset = 1
                while offset < pattern.count, self[index + offset] == pattern[offset] { offset += 1 }
                if offset == pattern.count { return index }
            }
            index += 1
        }
        return nil
    }
}

extension String {
    /// Whether the UTF-8 bytes hold `byte` (a memchr over contiguous storage).
    package func containsByte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { buffer in buffer.baseAddress.map { memchr($0, Int32(byte), buffer.count) != nil } ?? false }
    }

    /// At most the first `maxBytes` UTF-8 bytes, cut at a character boundary (no walk over characters).
    package func prefix(bytes maxBytes: Int) -> String {
        let bytes = utf8
        guard bytes.count > maxBytes else { return self }
        return prefix(upToCharacterBefore: bytes.index(bytes.startIndex, offsetBy: maxBytes))
    }

    /// The text before `index` (a UTF-8 position), cut back to a character boundary.
    private func prefix(upToCharacterBefore index: String.Index) -> String {
        var end = index
        while end > startIndex, end.samePosition(in: self) == nil { end = utf8.index(before: end) }
        return String(self[..<end])
    }

    /// The text up to the end of its `count`-th non-empty line (LF-separated), within its first
    /// `maxBytes` bytes, without splitting the rest of the text.
    package func leadingLines(_ count: Int, maxBytes: Int) -> String {
        var seen = 0
        let bytes = utf8
        var index = bytes.startIndex
        var lineIsEmpty = true
        var read = 0
        while index < bytes.endIndex, read < maxBytes {
            if bytes[index] == 0x0A {
                if !lineIsEmpty { seen += 1 }
                if seen == count { break }
                lineIsEmpty = true
            } else {
                lineIsEmpty = false
            }
            index = bytes.index(after: index)
            read += 1
        }
        return prefix(upToCharacterBefore: index)
    }

    /// Where the first Character that is a line feed is (`endIndex` if none), found on bytes:
    /// it is the first LF not right after a CR, as CR LF is one Character and an LF anywhere
    /// else one of its own.
    package var firstLineFeed: Index {
        let view = utf8
        var previous: UInt8 = 0
        var index = view.startIndex
        while index < view.endIndex {
            let byte = view[index]
            if byte == 0x0A, previous != 0x0D { return index }
            previous = byte
            index = view.index(after: index)
        }
        return endIndex
    }

    /// Lines split at LF, CRLF or a lone CR.
    package var mailLines: [Substring] {
        var lines: [Substring] = []
        var start = startIndex
        var index = startIndex
        let view = utf8
        while index < endIndex {
            let byte = view[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(self[start..<index])
                var next = view.index(after: index)
                if byte == 0x0D, next < endIndex, view[next] == 0x0A { next = view.index(after: next) }
                start = next
                index = next
            } else {
                index = view.index(after: index)
            }
        }
        lines.append(self[start..<endIndex])
        return lines
    }
}

/// Needles grouped by their first byte, so that one pass over a text finds whether any occurs.
package struct NeedleSet: Sendable {
    private let buckets: [[[UInt8]]]
    /// Whether any needle starts with the byte: the scan looks at a bucket only then.
    private let startsSome: [Bool]
    private let ignoresASCIICase: Bool

    /// Needles as UTF-8 bytes; with `ignoringASCIICase`, A–Z match a–z (other letters exactly),
    /// so a text need not be lower-cased before the search.
    package init(_ needles: [[UInt8]], ignoringASCIICase: Bool = false) {
        var buckets = [[[UInt8]]](repeating: [], count: 256)
        for needle in needles where !needle.isEmpty {
            let stored = ignoringASCIICase ? needle.map(Self.lowerASCII) : needle
            buckets[Int(stored[0])].append(stored)
            if ignoringASCIICase, stored[0] >= 0x61, stored[0] <= 0x7A { buckets[Int(stored[0] - 0x20)].append(stored) }
        }
        self.buckets = buckets
        startsSome = buckets.map { !$0.isEmpty }
        ignoresASCIICase = ignoringASCIICase
    }

    /// Needles as text. With `ignoringCase`, ASCII letters match in any case, and a needle with
    /// other letters ("исходное", "ursprüngliche") matches lower-case, upper-case or capitalized.
    package init(_ needles: [String], ignoringCase: Bool = false) {
        func cases(_ needle: String) -> [String] {
            guard !needle.isASCII else { return [needle] }
            return [needle.lowercased(), needle.uppercased(), needle.prefix(1).uppercased() + needle.dropFirst().lowercased()]
        }
        let variants = ignoringCase ? needles.flatMap(cases) : needles
        self.init(variants.map { Array($0.utf8) }, ignoringASCIICase: ignoringCase)
    }

    private static func lowerASCII(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    func occurs(in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        startsSome.withUnsafeBufferPointer { startsSome in occurs(in: haystack, startsSome: startsSome) }
    }

    private func occurs(in haystack: UnsafeBufferPointer<UInt8>, startsSome: UnsafeBufferPointer<Bool>) -> Bool {
        var index = 0
        let count = haystack.count
        while index < count {
            if startsSome[Int(haystack[index])] {
                for needle in buckets[Int(haystack[index])] where index + needle.count <= count {
                    var offset = 1
                    if ignoresASCIICase {
                        while offset < needle.count, Self.lowerASCII(haystack[index + offset]) == needle[offset] { offset += 1 }
                    } else {
                        while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                    }
                    if offset == needle.count { return true }
                }
            }
            index += 1
        }
        return false
    }
}

extension Unicode.Scalar {
    /// Whether the scalar is always a Character of its own, beside whatever scalars: ASCII other
    /// than CR and LF, and the letters and punctuation of common scripts that hold no mark,
    /// joiner or modifier (which join the Character before them). Text made only of these can
    /// be walked by scalars, or by bytes, where walking it by Characters would give the same.
    package var isOwnCharacter: Bool {
        switch value {
        case 0..<0x0A, 0x0B, 0x0C, 0x0E..<0x80, 0xA0...0x24F, 0x370...0x3FF, 0x400...0x482, 0x48A...0x4FF, 0x2010...0x2027,
            0x2030...0x205E, 0x3000...0x3029, 0x3041...0x3096, 0x30A0...0x30FF, 0x4E00...0x9FFF, 0xAC00...0xD7A3:
            true
        default: false
        }
    }
}
