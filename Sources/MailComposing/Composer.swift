import EscalationCore
import Foundation
import MailMessage

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

/// Turns notices into outgoing mail through the templates: subject tag, threading headers,
/// `Auto-Submitted`, text and HTML alternatives.
public struct Composer: Sendable {
    public let templates: TemplateSet
    public let configuration: EscalationConfiguration
    public let gateway: MailAddress
    public let domain: String

    public init(templates: TemplateSet, configuration: EscalationConfiguration, gateway: MailAddress, domain: String) {
        self.templates = templates
        self.configuration = configuration
        self.gateway = gateway
        self.domain = domain
    }

    /// The subject tag of a notice: the escalation number once one exists for an account,
    /// else the case or account number.
    public static func tag(for notice: Notice) -> String? {
        if case .account = notice.source, let number = notice.escalation?.number { return "[\(number.value)]" }
        return notice.source.map { "[\($0.description)]" }
    }

    /// Renders one notice. `extraHeaders` carries what the gateway adds (loop header, Reply-To token).
    public func compose(
        _ notice: Notice, directory: any DirectoryLookup, messageID: String, date: Date, thread: ThreadPlacement,
        replyTo: MailAddress? = nil, extraContext: [String: String] = [:], extraHeaders: [(name: String, value: String)] = []
    ) -> OutgoingMessage {
        var context = NoticeContext(notice: notice, directory: directory, configuration: configuration, gatewayAddress: gateway.address).values()
        for (key, value) in extraContext { context[key] = TemplateText(text: value) }
        let (subjectLine, body) = templates.renderText(notice.kind, context: context)
        let subject = [Self.tag(for: notice), subjectLine].compactMap { $0 }.joined(separator: " ")
        var htmlContext = context
        htmlContext["subject"] = TemplateText(text: subject)
        htmlContext["bodyHTML"] = TemplateText(text: HTMLBody.paragraphs(of: body))
        let html = templates.renderHTML(context: htmlContext)
        var headers: [(name: String, value: String)] = [
            ("Auto-Submitted", notice.kind.isAnswer ? "auto-replied" : "auto-generated"),
            ("X-Auto-Response-Suppress", "All"),
        ]
        headers += extraHeaders
        return OutgoingMessage(
            from: gateway, to: notice.to.map { MailAddress(name: directory.displayName(of: $0), address: $0.value) },
            cc: notice.cc.map { MailAddress(name: directory.displayName(of: $0), address: $0.value) }, replyTo: replyTo,
            subject: subject, messageID: messageID, inReplyTo: thread.inReplyTo, references: thread.references, date: date,
            extraHeaders: headers, text: body + "\n", html: html)
    }
}

extension DirectoryLookup {
    /// The contact's or staff member's name, if the directory knows the address.
    func displayName(of address: EmailAddress) -> String? {
        contact(address)?.name ?? staffMember(address)?.name
    }
}
