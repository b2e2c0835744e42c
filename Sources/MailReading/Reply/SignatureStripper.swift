import Foundation
import MailMessage

/// Removes a trailing signature: everything from a `-- ` (or `--`, `__`) line, or a mobile
/// footer ("Sent from my iPhone" and its kin) near the end. Sign-offs ("Thanks, Jane") stay:
/// they are part of what the sender wrote.
enum SignatureStripper {
    private static let footer = Pattern(
        #"^[(<\s]*(sent (from|via|with|using|by) (my )?|get \[?outlook for|envoyé (de|depuis) mon|envoyé à partir de |enviado (desde|do) mi|von meinem .{0,40} gesendet|diese nachricht wurde von meinem .{0,60} gesendet|gesendet von meinem|gesendet von outlook|inviato da|verzonden (met|vanaf)|skickat från|sendt fra|lähetetty|from my (iphone|ipad|android|mobile|phone|samsung|galaxy|blackberry)|.{0,20}\bfrom mobile$|從我的 .{0,20}傳送)"#
    )
    /// "Sent from my desk, is much easier…" is a sentence, not a footer (github's test).
    private static let sentence = Pattern(#"^sent from my \w+, (is|was|it|and|but)\b"#)

    static func strip(_ lines: [String]) -> (text: String, signature: String?) {
        var end = lines.count
        while end > 0, lines[end - 1].isBlank { end -= 1 }
        let body = Array(lines[..<end])
        if let delimiter = body.firstIndex(where: { ["-- ", "--", "__", "—-"].contains($0) }),
            delimiter > 0
        {
            return (body[..<delimiter].joined(separator: "\n"), body[delimiter...].joined(separator: "\n"))
        }
        let footers = body.indices.filter { $0 > 0 && isFooter(body[$0]) }
        guard !footers.isEmpty else { return (body.joined(separator: "\n"), nil) }
        let footerSet = Set(footers)
        let text = body.indices.filter { !footerSet.contains($0) }.map { body[$0] }
        return (text.joined(separator: "\n"), footers.map { body[$0] }.joined(separator: "\n"))
    }

    private static let footerWords = NeedleSet(
        ["sent", "get ", "envoy", "enviado", "gesendet", "inviato", "verzonden", "skickat", "sendt", "lähetetty", "from my", "mobile", "從我的"],
        ignoringCase: true)
    /// First letters of every footer pattern, in both cases: other lines skip the patterns.
    private static let footerStarts: Set<Unicode.Scalar> = [
        "s", "g", "e", "v", "d", "i", "l", "f", "S", "G", "E", "V", "D", "I", "L", "F", "(", "<", "從",
    ]

    static func isFooter(_ line: String) -> Bool {
        let trimmed = line.trimmedBlanks
        guard !trimmed.isEmpty, trimmed.utf8.count <= 240 else { return false }
        guard let first = trimmed.unicodeScalars.first, footerStarts.contains(first), trimmed.hasAny(footerWords) else { return false }
        return footer.matches(trimmed) && !sentence.matches(trimmed)
    }
}
