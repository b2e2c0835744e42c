import MailMessage

/// A body's lines, each cleaned (`ReplyLines.clean`) when first read: the reply reader stops at
/// the quoted history, so most lines of a long thread are never cleaned. One reading's own
/// buffer; not shared between threads.
final class ReplyLineBuffer: RandomAccessCollection {
    private let raw: [Substring]
    private var cleaned: [String?]

    init(_ body: String) {
        raw = body.mailLines
        cleaned = Array(repeating: nil, count: raw.count)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { raw.count }

    subscript(index: Int) -> String {
        if let line = cleaned[index] { return line }
        let line = ReplyLines.clean(raw[index])
        cleaned[index] = line
        return line
    }
}
