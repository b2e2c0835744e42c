import Foundation
import MailMessage

/// A stored mail as the escalation page shows it: who wrote to whom, the subject and its text.
/// Only the text is shown, never the mail's HTML, and all of it escaped where it is written.
struct MailText {
    var from: String
    var to: String
    var subject: String
    var text: String

    /// Text past this many characters is cut and said so.
    static let shownCharacters = 6_000

    init(raw: [UInt8], limits: ParseLimits) {
        guard !raw.isEmpty else {
            (from, to, subject, text) = ("", "", "", "(the mail's text was removed by [retention] raw_mail)")
            return
        }
        guard let mail = try? Mail(parsing: raw, limits: limits) else {
            (from, to, subject, text) = ("", "", "", "(the mail could not be read)")
            return
        }
        from = mail.from.map(Self.address) ?? ""
        to = (mail.to + mail.cc).map(Self.address).joined(separator: ", ")
        subject = mail.subject
        var body =
            mail.textBody(prefixBytes: Self.shownCharacters * 4) ?? mail.htmlBody(prefixBytes: Self.shownCharacters * 4).map(Self.strippingTags) ?? ""
        body = body.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if body.count > Self.shownCharacters { body = String(body.prefix(Self.shownCharacters)) + "\n[…]" }
        text = body.isEmpty ? "(no text)" : body
    }

    /// An outgoing mail whose stored bytes cannot be read back: the reason stands for its text.
    init(unreadable reason: String) {
        (from, to, subject, text) = ("", "", "", "(the stored mail cannot be read back: \(reason))")
    }

    private static func address(_ address: MailAddress) -> String {
        address.name.map { $0.isEmpty ? address.address : "\($0) <\(address.address)>" } ?? address.address
    }

    /// An HTML-only mail's text: its tags left out (the result is escaped where it is shown).
    private static func strippingTags(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
