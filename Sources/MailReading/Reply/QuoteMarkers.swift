import Foundation

/// Lines that start quoted history: attribution lines in several languages, Outlook's
/// header block and separators.
enum QuoteMarkers {
    private static let attributionEndings = [
        "wrote:", "a écrit :", "a écrit:", "schrieb:", "escribió:", "ha scritto:", "schreef:", "escreveu:", "skrev:",
        "kirjoitti:", "napisał:", "написал:", "пишет:", "wrote :",
    ]
    private static let attributionStarts = ["on ", "le ", "am ", "el ", "il ", "op ", "em ", "den ", "w dniu ", "dne "]
    private static let headerNames = [
        "from", "von", "de", "da", "van", "fra", "från", "lähettäjä", "från", "od", "от", "expéditeur",
    ]
    private static let sentNames = [
        "sent", "date", "gesendet", "envoyé", "enviado", "inviato", "verzonden", "sendt", "skickat", "lähetetty", "datum",
        "data", "fecha", "to", "an", "à", "para", "a", "aan", "til", "till", "vastaanottaja", "subject", "betreff", "objet",
        "asunto", "oggetto", "onderwerp", "emne", "ämne", "aihe", "assunto",
    ]

    static func startsHistory(lines: [String], at index: Int) -> Bool {
        let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        if lower.hasPrefix("-----original message-----") || lower.hasPrefix("----- original message -----")
            || lower.hasPrefix("-----ursprüngliche nachricht-----") || lower.hasPrefix("-----message d'origine-----")
            || lower.hasPrefix("-------- original message --------") || lower.hasPrefix("---------- forwarded message")
            || lower.hasPrefix("-----mensaje original-----") || lower.hasPrefix("-----oorspronkelijk bericht-----")
        {
            return true
        }
        if trimmed.hasPrefix("________________________________") { return true }
        if isAttribution(lower) { return true }
        if index + 1 < lines.count, attributionStarts.contains(where: { lower.hasPrefix($0) }) {
            let joined = lower + " " + lines[index + 1].trimmingCharacters(in: .whitespaces).lowercased()
            if attributionEndings.contains(where: { joined.hasSuffix($0) }) { return true }
        }
        if isHeaderLine(lower, names: headerNames) {
            let following = lines[(index + 1)..<min(lines.count, index + 5)]
            if following.contains(where: { isHeaderLine($0.trimmingCharacters(in: .whitespaces).lowercased(), names: sentNames) }) {
                return true
            }
        }
        return false
    }

    private static func isAttribution(_ lower: String) -> Bool {
        attributionEndings.contains { lower.hasSuffix($0) } && (attributionStarts.contains { lower.hasPrefix($0) } || lower.contains("@"))
    }

    private static func isHeaderLine(_ lower: String, names: [String]) -> Bool {
        let stripped = lower.replacingOccurrences(of: "*", with: "")
        guard let colon = stripped.firstIndex(of: ":") else { return false }
        return names.contains(String(stripped[..<colon]).trimmingCharacters(in: .whitespaces))
    }
}
