import Foundation
import MailMessage

/// The subject a conversation is known by in mail clients: a mail's subject without its reply
/// and forward prefixes (`Re:`, `AW:`, `Fwd:`…), with tags and everything else as its writer
/// wrote it. Gmail joins a mail to a conversation only when this part matches.
public enum ConversationSubject {
    /// Longest subject kept, in bytes: a hostile subject must not make every mail on the thread
    /// carry a header of a megabyte.
    public static let maxBytes = 200

    /// `subject` without leading prefixes, control characters and line breaks, blanks runs as
    /// one space, cut at `maxBytes` on a character boundary; nil when nothing is left.
    public static func of(_ subject: String) -> String? {
        var steps = 0
        let bytes = Array(subject.prefix(bytes: SubjectPrefixes.readLimit).utf8)
        let start = SubjectPrefixes.afterPrefixes(bytes, steps: &steps)
        let rest = ControlCharacters.removed(from: String(decoding: bytes[start...], as: UTF8.self))
        let words =
            rest.utf8.allSatisfy({ $0 < 0x80 }) ? blanksCollapsed(rest) : rest.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        let kept = words.prefix(bytes: maxBytes).trimmedBlanks
        return kept.isEmpty ? nil : kept
    }

    /// An ASCII text's words (between runs of blanks, tabs and line breaks) joined by one
    /// space, as splitting at whitespace Characters gives them, on bytes.
    private static func blanksCollapsed(_ text: String) -> String {
        var words: [UInt8] = []
        words.reserveCapacity(text.utf8.count)
        var pendingBlank = false
        for byte in text.utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingBlank = !words.isEmpty
            } else {
                if pendingBlank { words.append(0x20) }
                pendingBlank = false
                words.append(byte)
            }
        }
        return String(decoding: words, as: UTF8.self)
    }

    /// The subject of a mail about this conversation sent after its first: `Re: ` and the subject.
    public static func reply(to subject: String) -> String { "Re: " + subject }
}
