public import EscalationCore
public import EscalationValues
public import Foundation
public import MailMessage

/// Where an outgoing mail belongs in the case's mail thread.
public struct ThreadPlacement: Hashable, Sendable {
    /// The Message-ID this mail answers, if any.
    public var inReplyTo: String?
    /// The thread's Message-IDs, oldest first (bounded by the caller).
    public var references: [String]

    public init(inReplyTo: String?, references: [String]) {
        self.inReplyTo = inReplyTo
        self.references = references
    }
}

/// Turns notices into outgoing mail through the templates: the body (headline, text and HTML
/// alternatives) once per notice, then each recipient's mail around it with its subject,
/// threading headers, `Auto-Submitted`, `List-Id` and `X-Escalation-Event`.
public struct Composer: Sendable {
    public let templates: TemplateSet
    public let configuration: EscalationConfiguration
    public let gateway: MailAddress
    public let domain: String
    /// `List-Id` (RFC 2919) of every mail this gateway sends: its display name and its address
    /// with the `@` as a dot, e.g. `Escalations <escalations.support.example>`.
    public let listID: String

    public init(templates: TemplateSet, configuration: EscalationConfiguration, gateway: MailAddress, domain: String) {
        self.templates = templates
        self.configuration = configuration
        self.gateway = gateway
        self.domain = domain
        listID = "\(gateway.name ?? "Escalations") <\(gateway.address.replacingOccurrences(of: "@", with: "."))>"
    }

    /// What a notice says, the same for each of its recipients: the headline (the template's
    /// `Subject:` line, after the case's tag) as the body's first line, the text wrapped at 78
    /// columns (`TextWrapping`) and the HTML (the layout around `HTMLBody`).
    public struct Body: Sendable {
        public var headline: String
        public var text: String
        public var html: String
        /// Text and HTML as they go on the wire, encoded once for all recipients.
        public var encoded: OutgoingMessage.EncodedParts
    }

    /// The tag of a notice's case or account, as subjects and headlines show it: `[CS0001234]`.
    public static func tag(for notice: Notice) -> String? {
        notice.source.map { "[\($0.description)]" }
    }

    /// Renders the notice's body. `extraContext` carries the values the gateway adds (an
    /// approver's token and links).
    public func body(of notice: Notice, directory: any DirectoryLookup, extraContext: [String: String] = [:]) -> Body {
        var context = NoticeContext(notice: notice, directory: directory, configuration: configuration, gatewayAddress: gateway.address).values()
        for (key, value) in extraContext { context[key] = .text(value) }
        let (subjectLine, text) = templates.renderText(notice.kind, context: context)
        let headline = [Self.tag(for: notice), subjectLine].compactMap { $0 }.joined(separator: " ")
        let body = TextWrapping.wrap(headline + "\n\n" + text) + "\n"
        var htmlContext = context
        htmlContext["headline"] = .text(headline)
        htmlContext["bodyHTML"] = .text(HTMLBody.render(text))
        let html = templates.renderHTML(context: htmlContext)
        return Body(headline: subjectLine, text: body, html: html, encoded: OutgoingMessage.EncodedParts(text: body, html: html))
    }

    /// One recipient's mail of a rendered notice. `subject` is the thread's (nil: the template's
    /// own line, for mail that names no case); `extraHeaders` carries what the gateway adds
    /// (loop header, the `X-Escalation-*` headers); `attachments` travel with a relayed message.
    public func compose(
        _ notice: Notice, body: Body, to recipient: MailAddress, subject: String?, messageID: String, date: Date, thread: ThreadPlacement,
        replyTo: MailAddress? = nil, extraHeaders: [(name: String, value: String)] = [], attachments: [OutgoingAttachment] = []
    ) -> OutgoingMessage {
        var headers: [(name: String, value: String)] = [
            ("Auto-Submitted", notice.kind.isAnswer ? "auto-replied" : "auto-generated"),
            ("X-Auto-Response-Suppress", "All"),
            ("List-Id", listID),
            ("X-Escalation-Event", notice.kind.rawValue),
        ]
        headers += extraHeaders
        return OutgoingMessage(
            from: sender(of: notice), to: [recipient], replyTo: replyTo, subject: subject ?? body.headline, messageID: messageID,
            inReplyTo: thread.inReplyTo, references: thread.references, date: date, extraHeaders: headers, text: body.text,
            html: body.html, encoded: body.encoded, attachments: attachments)
    }

    /// The gateway's address; a relayed message shows whose words it carries ("Sam Agent via Escalations").
    func sender(of notice: Notice) -> MailAddress {
        guard let name = notice.event.relayedMessage?.authorName else { return gateway }
        return MailAddress(name: "\(name) via \(gateway.name ?? "Escalations")", address: gateway.address)
    }
}

extension DirectoryLookup {
    /// The contact's or staff member's name, if the directory knows the address.
    public func displayName(of address: EmailAddress) -> String? {
        contact(address)?.name ?? staffMember(address)?.name
    }
}
