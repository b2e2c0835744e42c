import Foundation

/// Removes a trailing signature: the `-- ` delimiter, mobile footers, and common sign-offs
/// followed by at most a few short lines (a name, a title).
enum SignatureStripper {
    private static let mobileFooters = [
        "sent from my iphone", "sent from my ipad", "sent from my android", "sent from my samsung", "sent from my mobile",
        "sent from outlook", "sent from yahoo mail", "sent from mail for windows", "get outlook for", "sent from my blackberry",
        "von meinem iphone gesendet", "envoyé de mon iphone", "enviado desde mi iphone", "sent from my phone", "sent via",
        "sent from gmail", "inviato da iphone", "verzonden vanaf mijn iphone",
    ]
    private static let signOffs = [
        "thanks", "thank you", "thanks!", "regards", "best regards", "kind regards", "best", "cheers", "br", "best wishes",
        "mit freundlichen grüßen", "viele grüße", "gruß", "cordialement", "bien à vous", "saludos", "un saludo", "atentamente",
        "cordiali saluti", "met vriendelijke groet", "groeten", "med venlig hilsen", "med vänliga hälsningar", "ystävällisin terveisin",
        "atenciosamente", "many thanks", "thx", "sincerely", "yours sincerely", "warm regards",
    ]

    static func strip(_ lines: [String]) -> (text: String, signature: String?) {
        var end = lines.count
        while end > 0, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
        let body = Array(lines[..<end])
        if let delimiter = body.lastIndex(where: { $0 == "-- " || $0 == "--" || $0 == "__" }) {
            return (body[..<delimiter].joined(separator: "\n"), body[delimiter...].joined(separator: "\n"))
        }
        if let footer = body.lastIndex(where: { line in
            let lower = line.trimmingCharacters(in: .whitespaces).lowercased()
            return mobileFooters.contains { lower.hasPrefix($0) }
        }), body.count - footer <= 3 {
            return (body[..<footer].joined(separator: "\n"), body[footer...].joined(separator: "\n"))
        }
        let searchStart = max(1, body.count - 6)
        if searchStart < body.count, let signOff = body[searchStart...].firstIndex(where: { line in
            let lower = line.trimmingCharacters(in: .whitespaces).lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ",.!-–"))
            return signOffs.contains(lower)
        }), body[(signOff + 1)...].allSatisfy({ $0.count < 60 }) {
            return (body[..<signOff].joined(separator: "\n"), body[signOff...].joined(separator: "\n"))
        }
        return (body.joined(separator: "\n"), nil)
    }
}
