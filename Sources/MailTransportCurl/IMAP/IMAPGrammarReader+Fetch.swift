extension IMAPGrammarReader {
    /// `msg-att` (RFC 3501 §7.4.2, §9): `(UID 17 RFC822.SIZE 512 BODY[] {512}…)`. The
    /// attributes of `IMAPFetchAttributes` are read; every other one is read over.
    mutating func fetchAttributes() throws(IMAPParseError) -> IMAPFetchAttributes {
        try expect(.openParenthesis, "( opening the FETCH attributes")
        var attributes = IMAPFetchAttributes()
        // QUIRK: RFC 3501 §9 wants at least one attribute; an empty list carries nothing and harms nothing.
        if skip(.closeParenthesis) { return attributes }
        repeat {
            let start = position
            let name = try attributeName()
            try expect(.space, "a space after \(name)")
            switch name {
            case "UID":
                guard attributes.uid == nil else { throw error(at: start, expected: "one UID in a FETCH response") }
                attributes.uid = try uid("UID")
            case "FLAGS":
                attributes.flags = try flagList("( opening the list of flags")
            case "RFC822.SIZE":
                attributes.size = Int(try number("the RFC822.SIZE number"))
            case "INTERNALDATE":
                attributes.internalDate = String(decoding: try quoted("the INTERNALDATE in double quotes"), as: UTF8.self)
            case "BODY[]", "BODY.PEEK[]", "RFC822":
                attributes.message = try nstring("the message as a literal, a quoted string or NIL after \(name)")
            default:
                try skipValue()
            }
        } while skip(.space)
        try expect(.closeParenthesis, ") closing the FETCH attributes, or a space before the next")
        return attributes
    }

    /// A FETCH attribute's name, upper-cased, with its section and partial range:
    /// `UID`, `BODY[]`, `BODY[HEADER.FIELDS (FROM)]`, `BODY[]<0>`.
    private mutating func attributeName() throws(IMAPParseError) -> String {
        let start = position
        guard !atom(stoppingAtBracket: true).isEmpty else { throw error(expected: "the name of a FETCH attribute") }
        if skip(.openBracket) {
            skip { $0 != .closeBracket && $0 != .cr && $0 != .lf }
            try expect(.closeBracket, "] closing the section of a FETCH attribute")
            if skip(.lessThan) {
                _ = try number("the first byte of a partial FETCH")
                try expect(.greaterThan, "> closing the first byte of a partial FETCH")
            }
        }
        return String(decoding: consumed(since: start), as: UTF8.self).uppercased()
    }
}
