import EscalationCore
import Foundation
import MailMessage

extension Composer {
    /// Mail as this gateway writes it with nobody's words in it, one of each kind: every
    /// template rendered without values, in the MIME frame and headers every mail has. A
    /// compression dictionary made from these (`OutboxDictionary`) lends each mail its wording,
    /// HTML and styles, and holds nothing a retention policy would have to remove.
    public func dictionarySamples() -> [[UInt8]] {
        Notice.Kind.allCases.map { kind in
            var context = TemplateValues()
            let (subjectLine, text) = templates.renderText(kind, context: context)
            context["headline"] = .text(subjectLine)
            context["bodyHTML"] = .text(HTMLBody.render(text))
            let message = OutgoingMessage(
                from: gateway, to: [MailAddress(name: nil, address: "recipient@\(domain)")], subject: subjectLine,
                messageID: "\(kind.rawValue)@\(domain)", date: Date(timeIntervalSince1970: 0),
                extraHeaders: [
                    ("Auto-Submitted", kind.isAnswer ? "auto-replied" : "auto-generated"), ("X-Auto-Response-Suppress", "All"), ("List-Id", listID),
                    ("X-Escalation-Event", kind.rawValue),
                ], text: TextWrapping.wrap(subjectLine + "\n\n" + text) + "\n", html: templates.renderHTML(context: context))
            return message.rendered(boundarySeed: kind.rawValue)
        }
    }
}
