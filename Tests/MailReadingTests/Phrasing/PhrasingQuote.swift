import Foundation

/// The history each mail client puts below a reply, in the reply's language: the gateway's
/// approval request quoted under Gmail's attribution, Outlook's header block, Apple Mail's cited
/// attribution, or a phone's "Sent from my iPhone" and attribution.
enum PhrasingQuote {
    private static let request = [
        "Jane Doe asks to escalate CS0001234 (Login fails).", "Reason: Lack of Progress",
        "Reply with APPROVE, or with REJECT followed by the reason. Reply DE-ESCALATE when it is resolved.",
    ]

    private static func attribution(_ language: String) -> String {
        switch language {
        case "de": "Am Di., 24. Nov. 2026 um 10:00 Uhr schrieb Escalations <escalations@support.example>:"
        case "fr": "Le mar. 24 nov. 2026 à 10:00, Escalations <escalations@support.example> a écrit :"
        case "es": "El mar, 24 nov 2026 a las 10:00, Escalations (<escalations@support.example>) escribió:"
        default: "On Tue, 24 Nov 2026 at 10:00, Escalations <escalations@support.example> wrote:"
        }
    }

    private static func outlookHeader(_ language: String) -> [String] {
        let names: [String] =
            switch language {
            case "de": ["Von", "Gesendet", "An", "Betreff"]
            case "fr": ["De", "Envoyé", "À", "Objet"]
            case "es": ["De", "Enviado", "Para", "Asunto"]
            default: ["From", "Sent", "To", "Subject"]
            }
        let values = [
            "Escalations <escalations@support.example>", "Tuesday, November 24, 2026 10:00 AM", "Dana Duty <dana@support.example>",
            "[CS0001234] Approval needed",
        ]
        let separator = language == "fr" ? " : " : ": "
        return zip(names, values).map { $0 + separator + $1 }
    }

    private static func footer(_ language: String) -> String {
        switch language {
        case "de": "Von meinem iPhone gesendet"
        case "fr": "Envoyé de mon iPhone"
        case "es": "Enviado desde mi iPhone"
        default: "Sent from my iPhone"
        }
    }

    /// The reply as a plain-text body with its history.
    static func plain(_ text: String, _ quoting: String, _ language: String) -> String {
        let quoted = request.map { "> " + $0 }.joined(separator: "\n")
        switch quoting {
        case "gmail": return text + "\n\n" + attribution(language) + "\n\n" + quoted + "\n"
        case "outlook":
            return text + "\n\n________________________________\n" + outlookHeader(language).joined(separator: "\n") + "\n\n"
                + request.joined(separator: "\n") + "\n"
        case "apple": return text + "\n\n> " + attribution(language) + "\n> \n" + quoted + "\n"
        case "mobile": return text + "\n\n" + footer(language) + "\n\n" + attribution(language) + "\n\n" + quoted + "\n"
        default: return text + "\n"
        }
    }

    /// The reply as an HTML-only body with its history, as each client marks it up.
    static func html(_ text: String, _ quoting: String, _ language: String) -> String {
        let paragraphs = text.components(separatedBy: "\n\n").map { "<div>" + escape($0).replacingOccurrences(of: "\n", with: "<br>") + "</div>" }
        let body = "<div dir=\"ltr\">" + paragraphs.joined(separator: "<div><br></div>") + "</div>"
        let requestHTML = request.map { "<p>" + escape($0) + "</p>" }.joined()
        let quote: String
        switch quoting {
        case "gmail":
            quote =
                "<br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">" + escape(attribution(language))
                + "<br></div><blockquote class=\"gmail_quote\">" + requestHTML + "</blockquote></div>"
        case "outlook":
            quote =
                "<div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\"><b>" + outlookHeader(language).map(escape).joined(separator: "<br>")
                + "</b></div><div>" + requestHTML + "</div>"
        case "apple":
            quote = "<div><br><blockquote type=\"cite\"><div>" + escape(attribution(language)) + "</div>" + requestHTML + "</blockquote></div>"
        case "mobile":
            quote =
                "<div><br></div><div>" + escape(footer(language)) + "</div><div><br><blockquote type=\"cite\">" + requestHTML + "</blockquote></div>"
        default:
            quote = ""
        }
        return "<html><head><meta charset=\"utf-8\"></head><body>" + body + quote + "</body></html>"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
