/// A server response that does not follow the IMAP grammar (RFC 3501 §9): what was expected
/// and where the response went wrong.
package struct IMAPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What the grammar expected at that point, e.g. `a nonzero UID`.
    package var expected: String
    /// Up to 40 bytes of the response from where it went wrong, control bytes escaped
    /// (`\r`, `\n`, `\x00`); empty at the end of the bytes.
    package var excerpt: String

    package init(expected: String, excerpt: String) {
        self.expected = expected
        self.excerpt = excerpt
    }

    package var description: String {
        "IMAP response not understood: expected \(expected)" + (excerpt.isEmpty ? " before the end" : " at \"\(excerpt)\"")
    }
}
