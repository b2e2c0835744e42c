public import EscalationValues
import Foundation
public import MailMessage

/// What in a mail may tie it to a case, an account or an escalation, strongest first.
public struct ThreadHints: Hashable, Sendable {
    /// Message-IDs the mail answers (In-Reply-To, then References newest first).
    public var answeredIDs: [String]
    /// Records named in `[…]` tags of the subject, e.g. `[CS0001234]`, `[ESC0001001]`.
    public var subjectTags: [RecordReference]
    /// Cases, accounts and escalations named in the subject outside tags and in the first lines of the reply.
    public var mentionedNumbers: [RecordReference]
    /// Reply tokens found in the recipient plus-address, the subject or a footer line.
    public var tokens: [String]

    public init(mail: Mail, body: String, replyText: String, gatewayAddress: EmailAddress) {
        answeredIDs = mail.inReplyTo + mail.references.reversed()
        subjectTags = RecordNumbers.find(in: mail.subject, taggedOnly: true).compactMap(RecordReference.init)
        let firstLines = replyText.leadingLines(5, maxBytes: 2000)
        let mentioned = RecordNumbers.find(in: mail.subject, taggedOnly: false) + RecordNumbers.find(in: firstLines, taggedOnly: false)
        mentionedNumbers = mentioned.compactMap(RecordReference.init).reduce(into: []) { result, record in
            if !result.contains(record) { result.append(record) }
        }
        tokens = ReplyToken.find(in: mail, body: body, gatewayAddress: gatewayAddress.value)
    }
}

/// Finds record numbers (`CS…`, `ACC…`, `ESC…`) in text.
public enum RecordNumbers {
    /// Numbers in order of appearance; with `taggedOnly`, only those inside square brackets.
    private static let tagged = Pattern(#"\[(CS|ACC|ESC)\d{4,10}\]"#)
    private static let anywhere = Pattern(#"(?<![A-Za-z0-9])(CS|ACC|ESC)\d{4,10}(?![0-9])"#)

    private static let recordPrefixes = NeedleSet(["cs", "acc", "esc"], ignoringCase: true)

    public static func find(in text: String, taggedOnly: Bool) -> [String] {
        guard text.hasAny(recordPrefixes) else { return [] }
        var found: [String] = []
        for match in byteMatches(in: text, taggedOnly: taggedOnly) ?? (taggedOnly ? tagged : anywhere).all(in: text) {
            let number = match.filter { $0 != "[" && $0 != "]" }.uppercased()
            if !found.contains(number) { found.append(number) }
        }
        return found
    }

    /// The matches of `tagged` or `anywhere`, found on the text's bytes (subjects and first
    /// lines are searched three times per mail); nil for text with a character outside
    /// `isPlain`, where the patterns' matches may differ from the bytes'.
    private static func byteMatches(in text: String, taggedOnly: Bool) -> [String]? {
        guard text.isASCII || text.unicodeScalars.allSatisfy(isPlain) else { return nil }
        var text = text
        return text.withUTF8 { bytes -> [String] in
            var matches: [String] = []
            var start = 0
            while start < bytes.count {
                if let end = taggedOnly ? taggedEnd(bytes, at: start) : numberEnd(bytes, at: start) {
                    matches.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                    start = end
                } else {
                    start += 1
                }
            }
            return matches
        }
    }

    /// A Character of its own (`isOwnCharacter`: no mark, joiner or modifier, which would join
    /// a digit's Character and hide the match) or a line end (a match never holds one), none of
    /// which is a digit the patterns read as `\d`; and not `ſ`, which matches `s` ignoring case.
    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.isOwnCharacter || scalar == "\n" || scalar == "\r") && scalar != "\u{17F}"
    }

    /// Where `[CS1234]` (any case, 4-10 digits) starting at `start` ends.
    private static func taggedEnd(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        guard bytes[start] == UInt8(ascii: "["), let end = numberEnd(bytes, at: start + 1, checkingBefore: false) else { return nil }
        return end < bytes.count && bytes[end] == UInt8(ascii: "]") ? end + 1 : nil
    }

    /// Where a number (`CS`, `ACC` or `ESC` in any case, then 4-10 digits and no more) starting
    /// at `start` ends; unless `checkingBefore` is false, it must not follow a letter or digit.
    private static func numberEnd(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, checkingBefore: Bool = true) -> Int? {
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let isLetter: (UInt8) -> Bool = { $0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "z") }
        guard start < bytes.count, mayStartPrefix(bytes[start]),
            !checkingBefore || start == 0 || !(isLetter(bytes[start - 1]) || isDigit(bytes[start - 1]))
        else { return nil }
        guard
            let prefix = asciiPrefixes.first(where: { prefix in
                start + prefix.count <= bytes.count && prefix.indices.allSatisfy { bytes[start + $0] | 0x20 == prefix[$0] }
            })
        else { return nil }
        var end = start + prefix.count
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        let digits = end - start - prefix.count
        return digits >= 4 && digits <= 10 ? end : nil
    }

    /// The prefixes in lower case; every byte of them is a letter, so `| 0x20` lower-cases the
    /// text's byte for the comparison and turns no other byte into one of them.
    private static let asciiPrefixes = ["cs", "acc", "esc"].map { Array($0.utf8) }

    /// Whether `byte` is the first of a prefix in any case: most of a text's bytes are not, and
    /// are passed over at once.
    private static func mayStartPrefix(_ byte: UInt8) -> Bool {
        asciiPrefixes.contains { $0[0] == byte | 0x20 }
    }
}

/// Reply tokens the gateway puts in mail it sends: `escalations+<token>@domain` in Reply-To,
/// `[ref:<token>]` in a mailto subject, and a `Reference: <token>` footer line.
public enum ReplyToken {
    /// Tokens in the recipients' plus-addresses, the subject, and the body text.
    public static func find(in mail: Mail, body: String, gatewayAddress: String) -> [String] {
        var tokens: [String] = []
        let recipientFields = mail.header.rawValues("To") + mail.header.rawValues("Cc")
        let parts = recipientFields.contains(where: { $0.has("+") }) ? gatewayAddress.lowercased().split(separator: "@") : []
        if parts.count == 2 {
            let prefix = parts[0] + "+"
            for address in mail.to + mail.cc where address.address.hasPrefix(prefix) && address.address.hasSuffix("@" + parts[1]) {
                tokens.append(String(address.address.dropFirst(prefix.count).prefix { $0 != "@" }))
            }
        }
        for text in [mail.subject, body] {
            tokens += matches(in: text, after: subjectMarker, closedBy: UInt8(ascii: "]")) + matches(in: text, after: footerMarker, closedBy: nil)
        }
        return tokens.reduce(into: []) { result, token in if !result.contains(token) { result.append(token) } }
    }

    private static let subjectMarker = Array("[ref:".utf8)
    private static let footerMarker = Array("Reference: ".utf8)
    /// The length of a token: `[A-Za-z0-9_-]{8,80}`.
    private static let tokenLengths = 8...80

    /// Tokens right after `marker`, in order, as the patterns `\[ref:([A-Za-z0-9_-]{8,80})\]`
    /// and `Reference: ([A-Za-z0-9_-]{8,80})` find them, searched on bytes: a mail's whole body
    /// is searched, quoted request and all. Closed by `close`, the token is the whole run of
    /// token characters, which `close` must follow; else its first 80 characters at most.
    static func matches(in text: String, after marker: [UInt8], closedBy close: UInt8?) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var found: [String] = []
            var start = 0
            while let markerStart = bytes.firstIndex(of: marker, from: start) {
                let tokenStart = markerStart + marker.count
                var end = tokenStart
                while end < bytes.count, close != nil || end - tokenStart < tokenLengths.upperBound, isTokenByte(bytes[end]) { end += 1 }
                let closed = close.map { end < bytes.count && bytes[end] == $0 } ?? true
                guard closed, tokenLengths.contains(end - tokenStart) else {
                    start = markerStart + 1
                    continue
                }
                found.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[tokenStart..<end]), as: UTF8.self))
                start = close == nil ? end : end + 1
            }
            return found
        }
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"),
            UInt8(ascii: "-"):
            true
        default: false
        }
    }
}
