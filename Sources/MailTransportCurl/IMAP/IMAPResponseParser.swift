/// Turns the bytes an IMAP server sends into typed responses (RFC 3501 §7, §9), with no I/O:
/// the connection appends what it receives and takes responses while complete ones are there.
///
///     var parser = IMAPResponseParser()
///     parser.append(received)
///     while let response = try parser.next() { … }
///
/// A response is framed first: its line, and for a line ending in `{n}` (or `{n+}`) the n bytes
/// of the literal and the line that continues after it (RFC 3501 §4.3). Each byte is looked at
/// once while framing (literal bytes not at all) and once while reading the framed response by
/// the grammar, so the work is linear in the bytes however they are split into chunks.
///
/// QUIRK: a line ending in `{n}` always announces a literal, also where the grammar would
/// allow only text (`* OK see {5}`); no known server ends its text so, and such a response
/// fails to parse rather than being misread.
package struct IMAPResponseParser {
    /// Received bytes; those before `responseStart` were handed out and are dropped from time to time.
    private var buffer: [UInt8] = []
    /// Where the response being framed begins.
    private var responseStart = 0
    /// Where its current line begins: at `responseStart`, or after a literal.
    private var lineStart = 0
    /// Where to look on for the current line's end: the bytes before hold none.
    private var scanFrom = 0
    /// The end of the literal being received, while its bytes have not all arrived.
    private var literalEnd: Int?

    /// Bytes handed out before the buffer is compacted; compacting only once this many (and at
    /// least half the buffer) were handed out keeps the copying linear.
    private static let compactionThreshold = 65_536

    package init() {}

    /// Adds bytes as they arrived from the server.
    package mutating func append(_ bytes: some Collection<UInt8>) {
        if responseStart >= Self.compactionThreshold, responseStart * 2 >= buffer.count { compact() }
        buffer.append(contentsOf: bytes)
    }

    /// Whether bytes arrived that are not yet part of a response handed out.
    package var hasPendingBytes: Bool { responseStart < buffer.count }

    /// The next complete response, or nil until more bytes arrive.
    /// - Throws: `IMAPParseError` for a response that does not follow the grammar; that
    ///   response is skipped. A literal's size that is not a 32-bit number leaves the bytes
    ///   unreadable: every later call throws.
    package mutating func next() throws(IMAPParseError) -> IMAPResponse? {
        while true {
            if let end = literalEnd {
                guard buffer.count >= end else { return nil }
                literalEnd = nil
                lineStart = end
                scanFrom = end
            }
            guard let lineFeed = buffer[scanFrom...].firstIndex(of: .lf) else {
                scanFrom = buffer.count
                return nil
            }
            if let size = try literalSize(endingLineAt: lineFeed) {
                literalEnd = lineFeed + 1 + size
                continue
            }
            let response = buffer[responseStart...lineFeed]
            responseStart = lineFeed + 1
            lineStart = responseStart
            scanFrom = responseStart
            var reader = IMAPGrammarReader(response)
            return try reader.response()
        }
    }

    /// Checks that the bytes ended with a whole response, as they must where the server
    /// closed the connection. - Throws: `IMAPParseError` naming what is missing.
    package func finish() throws(IMAPParseError) {
        guard hasPendingBytes else { return }
        let reader = IMAPGrammarReader(buffer[responseStart...])
        if let literalEnd {
            throw reader.error(expected: "\(literalEnd - buffer.count) more bytes of a literal")
        }
        throw reader.error(expected: "the end of the line")
    }

    /// The size announced by `{123}` or `{123+}` at the end of the line whose line feed is at
    /// `lineFeed`, or nil when the line announces no literal.
    private func literalSize(endingLineAt lineFeed: Int) throws(IMAPParseError) -> Int? {
        var end = lineFeed
        if end > lineStart, buffer[end - 1] == .cr { end -= 1 }
        guard end > lineStart, buffer[end - 1] == .closeBrace else { return nil }
        var digitsEnd = end - 1
        if digitsEnd > lineStart, buffer[digitsEnd - 1] == .plus { digitsEnd -= 1 }
        var digitsStart = digitsEnd
        while digitsStart > lineStart, buffer[digitsStart - 1].isDigit { digitsStart -= 1 }
        guard digitsStart < digitsEnd, digitsStart > lineStart, buffer[digitsStart - 1] == .openBrace else { return nil }
        var size = 0
        for digit in buffer[digitsStart..<digitsEnd] {
            size = size * 10 + Int(digit - .digitZero)
            guard size <= Int(UInt32.max) else {
                throw IMAPGrammarReader(buffer[responseStart...]).error(at: digitsStart - 1, expected: "a literal's size below 2^32")
            }
        }
        return size
    }

    /// Drops the bytes of responses already handed out.
    private mutating func compact() {
        let dropped = responseStart
        buffer.removeSubrange(0..<dropped)
        responseStart -= dropped
        lineStart -= dropped
        scanFrom -= dropped
        literalEnd = literalEnd.map { $0 - dropped }
    }
}
