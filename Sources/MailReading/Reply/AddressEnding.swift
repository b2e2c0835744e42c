import Foundation

/// Whether a line ends in an address, as the pattern tail `.*<?[^\s<>]+@[^\s<>]+>?:?\s*$` reads
/// it, found from the end in one pass: as a pattern, `.*` before a run of non-blanks backtracked
/// over the whole line for every character of the run (seconds for a long line).
enum AddressEnding {
    /// Whether the last run of characters other than blanks, `<` and `>` (before an optional
    /// `>`, an optional `:` and blanks) holds an `@` with a character on each side.
    static func endsWithAddress(_ line: String) -> Bool {
        var scalars = Substring(line).unicodeScalars
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        var candidates = [scalars]
        if scalars.last == ":" { candidates.append(scalars.dropLast()) }
        for candidate in candidates where candidate.last == ">" { candidates.append(candidate.dropLast()) }
        return candidates.contains(where: holdsAddressRun)
    }

    /// Whether the run at the end holds an `@` that is neither its first nor its last character.
    private static func holdsAddressRun(_ scalars: Substring.UnicodeScalarView) -> Bool {
        var index = scalars.endIndex
        var seenAfter = false
        var atFound = false
        while index > scalars.startIndex {
            let previous = scalars.index(before: index)
            let scalar = scalars[previous]
            if scalar.properties.isWhitespace || scalar == "<" || scalar == ">" { break }
            if atFound { return true }
            if scalar == "@", seenAfter { atFound = true }
            seenAfter = true
            index = previous
        }
        return false
    }
}
