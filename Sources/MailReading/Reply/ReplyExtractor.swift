import Foundation

/// What the sender newly wrote, split from what was quoted and the signature.
public struct ReplyText: Hashable, Sendable {
    /// The new text, without quoted history and without the signature.
    public var text: String
    /// The signature or mobile footer that was removed, if any.
    public var signature: String?
}

/// Finds the new text of a reply: cuts quoted history at the first attribution line,
/// Outlook header block or quote marker, then removes the signature.
public enum ReplyExtractor {
    public static func extract(_ body: String) -> ReplyText {
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var kept: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if QuoteMarkers.startsHistory(lines: lines, at: index) { break }
            if trimmed.hasPrefix(">") {
                index += 1
                continue
            }
            kept.append(line)
            index += 1
        }
        let (text, signature) = SignatureStripper.strip(kept)
        let cleaned = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if cleaned.isEmpty {
            let unquoted = kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            return ReplyText(text: unquoted.isEmpty ? body.trimmingCharacters(in: .whitespacesAndNewlines) : unquoted, signature: nil)
        }
        return ReplyText(text: cleaned, signature: signature)
    }
}
