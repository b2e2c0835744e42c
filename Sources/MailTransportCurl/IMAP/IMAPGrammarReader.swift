/// Reads one framed response (its line, literals and continuation lines) by the grammar of
/// RFC 3501 §9. Every read moves forward through the bytes, so a response is read in time
/// linear in its size; literal bytes are copied once and never looked at.
struct IMAPGrammarReader {
    private let bytes: ArraySlice<UInt8>
    private(set) var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    // MARK: Bytes

    var next: UInt8? { position < bytes.endIndex ? bytes[position] : nil }

    /// Consumes `byte` when it comes next.
    mutating func skip(_ byte: UInt8) -> Bool {
        guard next == byte else { return false }
        position += 1
        return true
    }

    mutating func expect(_ byte: UInt8, _ expected: @autoclosure () -> String) throws(IMAPParseError) {
        guard skip(byte) else { throw error(expected: expected()) }
    }

    /// Whether only the line's end (`\r\n`, or a bare `\n`) is left.
    var isAtLineEnd: Bool {
        let rest = bytes.endIndex - position
        return (rest == 2 && bytes[position] == .cr && bytes[position + 1] == .lf) || (rest == 1 && bytes[position] == .lf)
    }

    /// The response must end here.
    mutating func expectEnd() throws(IMAPParseError) {
        guard isAtLineEnd else { throw error(expected: "the end of the response") }
        position = bytes.endIndex
    }

    /// Consumes bytes while `predicate` holds for them.
    mutating func skip(while predicate: (UInt8) -> Bool) {
        while let byte = next, predicate(byte) { position += 1 }
    }

    /// The bytes read since `start`.
    func consumed(since start: Int) -> ArraySlice<UInt8> { bytes[start..<position] }

    /// Moves to the end of the response without reading the rest.
    mutating func skipToEnd() {
        position = bytes.endIndex
    }

    // MARK: Tokens

    /// One or more bytes of `ATOM-CHAR` (RFC 3501 §9), or "" when none comes next. With
    /// `stoppingAtBracket`, `[` ends the atom, as it does a FETCH attribute's name (`BODY[]`).
    mutating func atom(stoppingAtBracket: Bool = false) -> String {
        let start = position
        while let byte = next, byte.isAtomCharacter, !(stoppingAtBracket && byte == .openBracket) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// A tag (RFC 3501 §9: `ASTRING-CHAR` but `+`), or "" when none comes next.
    mutating func tag() -> String {
        let start = position
        while let byte = next, byte.isAtomCharacter || byte == .closeBracket, byte != .plus { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// `number` (RFC 3501 §9): digits that fit 32 bits.
    mutating func number(_ expected: @autoclosure () -> String) throws(IMAPParseError) -> UInt32 {
        let start = position
        var value: UInt64 = 0
        while let byte = next, byte.isDigit {
            value = value * 10 + UInt64(byte - .digitZero)
            guard value <= UInt64(UInt32.max) else { throw error(at: start, expected: expected() + " below 2^32") }
            position += 1
        }
        guard position > start else { throw error(expected: expected()) }
        return UInt32(value)
    }

    /// `nz-number` (RFC 3501 §9): a number other than 0.
    mutating func nonzeroNumber(_ expected: @autoclosure () -> String) throws(IMAPParseError) -> UInt32 {
        let start = position
        let value = try number(expected())
        guard value != 0 else { throw error(at: start, expected: expected() + " other than 0") }
        return value
    }

    /// The text up to the end of the line (`text` of RFC 3501 §9), possibly empty.
    mutating func text() -> String {
        let start = position
        while let byte = next, byte != .cr, byte != .lf { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// `quoted` (RFC 3501 §9): the bytes between double quotes, `\"` and `\\` unescaped.
    mutating func quoted(_ expected: @autoclosure () -> String) throws(IMAPParseError) -> [UInt8] {
        try expect(.quote, expected())
        var value: [UInt8] = []
        while let byte = next, byte != .quote, byte != .cr, byte != .lf {
            position += 1
            if byte == .backslash {
                guard let escaped = next, escaped == .quote || escaped == .backslash else {
                    throw error(expected: "\\\" or \\\\ after a backslash in a quoted string")
                }
                position += 1
                value.append(escaped)
            } else {
                value.append(byte)
            }
        }
        try expect(.quote, "the closing double quote of a quoted string")
        return value
    }

    /// `literal` (RFC 3501 §4.3): `{5}` or `{5+}` (RFC 7888), the line's end, then exactly 5 bytes.
    mutating func literal(_ expected: @autoclosure () -> String) throws(IMAPParseError) -> ArraySlice<UInt8> {
        try expect(.openBrace, expected())
        let size = Int(try number("the size of a literal"))
        _ = skip(.plus)
        try expect(.closeBrace, "} closing the size of a literal")
        _ = skip(.cr)
        try expect(.lf, "the end of the line after a literal's size")
        guard bytes.endIndex - position >= size else { throw error(expected: "\(size) bytes of a literal") }
        position += size
        return bytes[(position - size)..<position]
    }

    /// `nstring` (RFC 3501 §9): a quoted string, a literal, or `NIL` (nil).
    mutating func nstring(_ expected: @autoclosure () -> String) throws(IMAPParseError) -> [UInt8]? {
        switch next {
        case .quote: return try quoted(expected())
        case .openBrace: return Array(try literal(expected()))
        default:
            let start = position
            guard atom().uppercased() == "NIL" else { throw error(at: start, expected: expected()) }
            return nil
        }
    }

    /// `flag-list` (RFC 3501 §9): `(\Seen $Forwarded)`, possibly `()`.
    mutating func flagList(_ expected: @autoclosure () -> String) throws(IMAPParseError) -> [String] {
        try expect(.openParenthesis, expected())
        var flags: [String] = []
        if skip(.closeParenthesis) { return flags }
        repeat {
            let backslash = skip(.backslash)
            if backslash, skip(.asterisk) {
                flags.append("\\*")
                continue
            }
            let name = atom()
            guard !name.isEmpty else { throw error(expected: "a flag") }
            flags.append(backslash ? "\\" + name : name)
        } while skip(.space)
        try expect(.closeParenthesis, "a space or ) in a list of flags")
        return flags
    }

    /// Reads over one value of any shape (an atom, number, quoted string, literal or
    /// parenthesised list of them, nested), as an attribute the gateway does not read has.
    mutating func skipValue() throws(IMAPParseError) {
        var depth = 0
        while true {
            if skip(.openParenthesis) {
                if !skip(.closeParenthesis) {
                    depth += 1
                    continue
                }
            } else {
                try skipScalar()
            }
            while depth > 0, skip(.closeParenthesis) { depth -= 1 }
            if depth == 0 { return }
            try expect(.space, "a space or ) in a list")
        }
    }

    private mutating func skipScalar() throws(IMAPParseError) {
        switch next {
        case .quote: _ = try quoted("a quoted string")
        case .openBrace: _ = try literal("a literal")
        default:
            let start = position
            while let byte = next, byte.isTokenCharacter { position += 1 }
            guard position > start else { throw error(expected: "a value") }
        }
    }

    // MARK: Errors

    /// An error that quotes the response from `start` (the current position if nil).
    func error(at start: Int? = nil, expected: String) -> IMAPParseError {
        let from = start ?? position
        let shown = bytes[from..<min(bytes.endIndex, from + 40)]
        var excerpt = ""
        for byte in shown {
            switch byte {
            case .cr: excerpt += "\\r"
            case .lf: excerpt += "\\n"
            case 0x20..<0x7F: excerpt.unicodeScalars.append(Unicode.Scalar(byte))
            default: excerpt += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return IMAPParseError(expected: expected, excerpt: excerpt)
    }
}

extension UInt8 {
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let asterisk = UInt8(ascii: "*")
    static let plus = UInt8(ascii: "+")
    static let digitZero = UInt8(ascii: "0")
    static let openParenthesis = UInt8(ascii: "(")
    static let closeParenthesis = UInt8(ascii: ")")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let lessThan = UInt8(ascii: "<")
    static let greaterThan = UInt8(ascii: ">")

    var isDigit: Bool { self >= .digitZero && self <= UInt8(ascii: "9") }

    /// `ATOM-CHAR` (RFC 3501 §9): a 7-bit character other than a control, space, `(`, `)`, `{`,
    /// `%`, `*`, `"`, `\` or `]`.
    var isAtomCharacter: Bool {
        switch self {
        case 0x00...0x20, 0x7F...: false
        case .openParenthesis, .closeParenthesis, .openBrace, UInt8(ascii: "%"), .asterisk, .quote, .backslash, .closeBracket: false
        default: true
        }
    }

    /// A byte of a bare token in a value the gateway reads over: anything but a delimiter.
    var isTokenCharacter: Bool {
        switch self {
        case .space, .cr, .lf, .openParenthesis, .closeParenthesis, .quote, .openBrace: false
        default: true
        }
    }
}
