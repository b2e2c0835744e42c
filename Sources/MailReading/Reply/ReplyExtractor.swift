import Foundation
import MailMessage

/// What the sender newly wrote, split from what was quoted and the signature.
public struct ReplyText: Hashable, Sendable {
    /// The new text, without quoted history and without the signature.
    public var text: String
    /// The signature or mobile footer that was removed, if any.
    public var signature: String?
    /// The new text with quoted history removed but the signature kept.
    public var unquoted: String
}

/// Finds the new text of a reply. Lines are read top down: the history starts at the first
/// attribution line ("On … wrote:", localized and date-first variants, possibly folded over
/// three lines), Outlook header block, "Original Message" or forward marker, or a line of
/// delimiter characters, once some new text stands above it. An attribution above any new text
/// (bottom posting) is dropped with its quote and reading goes on below it. Quoted lines (`>`)
/// are removed, then the signature (`-- `) or a mobile footer. If nothing is left, the text
/// falls back to the whole body rather than to nothing.
public enum ReplyExtractor {
    public static func extract(_ body: String) -> ReplyText {
        let lines = ReplyLineBuffer(body)
        var kept: [String] = []
        var index = 0
        var sawText = false
        while index < lines.count {
            let line = lines[index]
            if let split = QuoteMarkers.splitSharedLine(line), sawText || !split.isEmpty {
                if !split.isEmpty { kept.append(split) }
                break
            }
            if let span = QuoteMarkers.historySpan(lines: lines, at: index) {
                if sawText {
                    guard let resume = ReplyLines.inlineReplyResumes(lines, after: index + span) else { break }
                    index = resume
                    continue
                }
                index = ReplyLines.skipHeaderBlock(lines, from: index + span)
                while index < lines.count, ReplyLines.isQuote(lines[index]) || lines[index].isBlank { index += 1 }
                continue
            }
            if sawText, QuoteMarkers.isDelimiter(line) { break }
            // A phone's footer ends what its sender wrote: below it stands the quoted message, unmarked.
            if sawText, SignatureStripper.isFooter(line) {
                kept.append(line)
                break
            }
            if ReplyLines.isQuote(line) {
                index += 1
                continue
            }
            if !line.isBlank { sawText = true }
            kept.append(line)
            index += 1
        }
        let unquoted = kept.joined(separator: "\n").trimmedSpace
        let (text, signature) = SignatureStripper.strip(kept)
        let cleaned = text.trimmedSpace
        if cleaned.isEmpty {
            let fallback = unquoted.isEmpty ? lines.joined(separator: "\n").trimmedSpace : unquoted
            return ReplyText(text: fallback, signature: nil, unquoted: fallback)
        }
        return ReplyText(text: cleaned, signature: signature, unquoted: unquoted)
    }
}

/// Line-level helpers of the reply reader.
enum ReplyLines {
    private static let invisible: Set<Unicode.Scalar> = ["\u{1427}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{200E}", "\u{200F}"]

    /// Drops invisible tracking characters, turns no-break spaces into spaces, trims the line's end.
    static func clean(_ line: Substring) -> String {
        let bytes = line.utf8
        if bytes.allSatisfy({ $0 < 0x80 }) {
            var end = bytes.endIndex
            while end > bytes.startIndex, case let last = bytes[bytes.index(before: end)], last == 0x20 || last == 0x09 {
                end = bytes.index(before: end)
            }
            return String(line[..<end])
        }
        var scalars = String.UnicodeScalarView()
        for scalar in line.unicodeScalars where !invisible.contains(scalar) {
            scalars.append(scalar == "\u{00A0}" ? " " : scalar)
        }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }

    /// After an attribution below new text: when a quote block follows and new text follows
    /// that, the sender replied inline; reading resumes at that text. Otherwise nil (history to the end).
    static func inlineReplyResumes(_ lines: ReplyLineBuffer, after start: Int) -> Int? {
        var index = start
        while index < lines.count, lines[index].isBlank { index += 1 }
        guard index < lines.count, isQuote(lines[index]) else { return nil }
        while index < lines.count, isQuote(lines[index]) || lines[index].isBlank || isBrokenQuoteLine(lines, index) {
            index += 1
        }
        guard index < lines.count, QuoteMarkers.historySpan(lines: lines, at: index) == nil, !QuoteMarkers.isDelimiter(lines[index]) else {
            return nil
        }
        return index
    }

    /// QUIRK: a long link wrapped inside a quote leaves a line without `>` between quoted lines
    /// (talon's test_link_breaks_quotation_markers_sequence); it belongs to the quote.
    static func isBrokenQuoteLine(_ lines: ReplyLineBuffer, _ index: Int) -> Bool {
        guard index > 0, index + 1 < lines.count, isQuote(lines[index - 1]) else { return false }
        return isQuote(lines[index + 1]) || lines[index + 1].isBlank && index + 2 < lines.count && isQuote(lines[index + 2])
    }

    /// Skips the header lines of a forwarded or quoted message at the top (and their folded
    /// continuations) up to the blank line that ends them.
    static func skipHeaderBlock(_ lines: ReplyLineBuffer, from start: Int) -> Int {
        var index = start
        while index < lines.count, lines[index].isBlank { index += 1 }
        guard index < lines.count, QuoteMarkers.isHeaderLine(lines[index]) else { return start }
        while index < lines.count, !lines[index].isBlank { index += 1 }
        return index
    }

    /// A quoted line: `>` first (after blanks). QUIRK: a line that also ends in `<<<` is an
    /// arrow drawing, not a quote (talon's test_quotation_marker_false_positive).
    static func isQuote(_ line: String) -> Bool {
        guard let first = line.unicodeScalars.first(where: { $0 != " " && $0 != "\t" }), first == ">" else { return false }
        return !line.hasSuffix("<<<")
    }
}
