import Foundation
public import MailMessage

/// Why a mail is never acted on or answered (DESIGN.md, "Never answered, never acted on").
public enum Automation: Hashable, Sendable {
    case autoReply(String)
    /// An auto-reply by its subject's words alone ("Out of office: …"), with no header or
    /// structure evidence: anyone can write such words, so mail from a known participant is read.
    case autoReplySubject(String)
    case bounce(Bounce)
    case own(String)

    /// `auto-reply`, `bounce` or `own`.
    public var kind: String {
        switch self {
        case .autoReply, .autoReplySubject: "auto-reply"
        case .bounce: "bounce"
        case .own: "own"
        }
    }

    /// Whether only the subject's words make the mail look automated.
    public var restsOnSubjectOnly: Bool {
        if case .autoReplySubject = self { return true }
        return false
    }

    /// What made the mail automated, for the journal.
    public var because: String {
        switch self {
        case .autoReply(let why), .autoReplySubject(let why), .own(let why): why
        case .bounce(let bounce): "bounce for \(bounce.recipients.joined(separator: ", ")) status \(bounce.status ?? "unknown")"
        }
    }
}

/// A delivery failure report: the failed recipients, the status and the original Message-ID.
public struct Bounce: Hashable, Sendable {
    public var recipients: [String]
    public var status: String?
    public var originalMessageID: String?
}

/// Classifies auto-replies (RFC 3834 and common practice) and bounces (RFC 3464).
public enum AutomationClassifier {
    private static let autoSubjects = [
        "out of office", "out of the office", "automatic reply", "auto reply", "autoreply", "auto-reply", "auto:", "away from",
        "abwesenheitsnotiz", "abwesend", "automatische antwort", "réponse automatique", "absence", "respuesta automática",
        "fuera de la oficina", "risposta automatica", "fuori sede", "automatisch antwoord", "afwezig", "autosvar",
        "frånvaro", "poissa", "resposta automática", "vacation", "on vacation", "i am away", "automaattinen vastaus",
        "automatyczna odpowiedź", "odpowiedź automatyczna", "автоответ", "автоматический ответ", "自动回复", "自動回覆", "自動応答", "自動返信",
        "자동 응답", "otomatik yanıt",
    ]

    /// Classifies a mail; `isOwn` recognises the gateway's own mail (address, loop header, stored Message-ID).
    public static func classify(_ mail: Mail, isOwn: (Mail) -> String?) -> Automation? {
        if let why = isOwn(mail) { return .own(why) }
        return classifyUnlessOwn(mail)
    }

    /// `classify` for a mail that is not the gateway's own: everything it asks but `isOwn`, which
    /// needs the store. Pure, so it can be asked before the own-mail check, which still comes first
    /// (`classify(mail, isOwn:)` is `.own` or this).
    public static func classifyUnlessOwn(_ mail: Mail) -> Automation? {
        // Subject words ("Undeliverable", "Returned mail") never make a bounce on their own: anyone
        // can write them. They count from a robot's address (no-reply, a list's -admin).
        if isReport(mail) || isFromDaemon(mail) || (hasBounceSubject(mail) && isFromRobot(mail)) { return .bounce(bounce(mail)) }
        if let why = autoReply(mail) { return .autoReply(why) }
        // RFC 3834 §3.3 asks auto-replies for a null return path too: only after those are ruled out
        // does a null return path make a mail a bounce.
        if mail.header.raw("Return-Path")?.trimmedBlanks == "<>" { return .bounce(bounce(mail)) }
        return autoReplySubject(mail).map(Automation.autoReplySubject)
    }

    /// Header evidence of an auto-reply: RFC 3834 `Auto-Submitted` other than `no`, `Precedence`
    /// bulk, junk or list, and the vendors' auto-reply and list headers.
    static func autoReply(_ mail: Mail) -> String? {
        let header = mail.header
        if let value = header["Auto-Submitted"]?.lowercased(), !value.hasPrefix("no") { return "Auto-Submitted: \(value)" }
        if let value = header["Precedence"]?.lowercased(), ["bulk", "junk", "list", "auto_reply"].contains(value.trimmedBlanks) {
            return "Precedence: \(value)"
        }
        for name in ["X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply", "List-Id", "List-Unsubscribe", "X-Cron-Env"]
        where header.contains(name) {
            return "\(name) header"
        }
        if let value = header["X-Auto-Response-Suppress"], header.contains("X-MS-Exchange-Inbox-Rules-Loop") {
            return "Exchange rule loop (X-Auto-Response-Suppress: \(value))"
        }
        return nil
    }

    /// Auto-reply words in the subject ("Out of office", "Abwesenheitsnotiz"), the weakest evidence.
    static func autoReplySubject(_ mail: Mail) -> String? {
        let subject = mail.subject.lowercasedMostlyASCII()
        guard subject.hasAny(autoSubjectBytes) else { return nil }
        if let match = autoSubjects.first(where: { subject.hasPrefix($0) || subject.has($0 + ":") || subject.has(" " + $0) && $0.count > 8 }) {
            return "subject \"\(match)\""
        }
        return nil
    }

    private static let daemons = [
        "mailer-daemon", "mail-daemon", "mailerdaemon", "postmaster", "post_master", "mdaemon", "mail delivery subsystem", "mail delivery system",
    ]
    private static let bounceSubjects = [
        "undelivered mail", "undeliverable", "delivery status notification", "mail delivery failed", "returned mail", "failure notice",
        "delivery failure", "non-delivery", "nondeliverable", "could not be delivered", "delivery has failed", "message not delivered",
        "mail system error", "delivery notification", "are not member", "aws notification message", "メールエラー通知", "unzustellbar",
        "non remis", "no entregado", "loop alert", "mail loop detected",
    ]

    private static let bounceSubjectBytes = NeedleSet(bounceSubjects)
    /// Any of the auto-reply subjects anywhere: the gate before the exact checks.
    private static let autoSubjectBytes = NeedleSet(autoSubjects)

    /// RFC 3462 `multipart/report` of any type: delivery status (RFC 3464) or feedback (RFC 5965).
    static func isReport(_ mail: Mail) -> Bool {
        mail.root.contentType.value == "multipart/report"
            || mail.root.allParts.contains { ["message/delivery-status", "message/feedback-report"].contains($0.contentType.value) }
    }

    static func isFromDaemon(_ mail: Mail) -> Bool {
        guard let from = mail.from else { return false }
        let address = from.address.drop { $0 == "@" }
        let local = address[..<(address.firstIndex(ofASCII: UInt8(ascii: "@")) ?? address.endIndex)]
        let name = from.name?.lowercasedMostlyASCII() ?? ""
        return daemons.contains { $0 == local } || daemons.contains(where: { name.hasPrefix($0) })
    }

    private static let robotLocalParts = ["no-reply", "noreply", "do-not-reply", "donotreply", "do_not_reply"]

    /// Whether the From address is a machine's that nobody answers: no-reply addresses, a list
    /// server's `-admin` or `-bounces` address.
    static func isFromRobot(_ mail: Mail) -> Bool {
        guard let address = mail.from?.address.lowercasedMostlyASCII(), let at = address.lastIndex(of: "@") else { return false }
        let local = address[..<at]
        return robotLocalParts.contains { local == $0 } || local.hasSuffix("-admin") || local.hasSuffix("-bounces")
    }

    static func hasBounceSubject(_ mail: Mail) -> Bool {
        let subject = mail.subject.lowercasedMostlyASCII()
        return subject.hasAny(bounceSubjectBytes)
    }

    /// The failed recipients and status of a bounce, and the Message-ID of the mail it returns.
    static func bounce(_ mail: Mail) -> Bounce {
        let root = mail.root
        var recipients: [String] = []
        var status: String?
        if let report = root.allParts.first(where: { $0.contentType.value == "message/delivery-status" }) {
            for line in String(decoding: report.content, as: UTF8.self).mailLines {
                let lower = line.lowercased()
                if lower.hasPrefix("final-recipient:") || lower.hasPrefix("original-recipient:") {
                    let value = line.split(separator: ";", maxSplits: 1).last.map(\.trimmedBlanks) ?? ""
                    if !value.isEmpty, !recipients.contains(value.lowercased()) { recipients.append(value.lowercased()) }
                } else if lower.hasPrefix("status:"), status == nil {
                    status = line.dropFirst(7).trimmedBlanks
                }
            }
        }
        let original = root.allParts.first { $0.contentType.value == "message/rfc822" || $0.contentType.value == "text/rfc822-headers" }
        let originalID = original.flatMap { part -> String? in
            if let embedded = part.children.first { return embedded.header.raw("Message-ID").flatMap { Mail.messageIDs(in: $0).first } }
            return messageIDLine(in: String(decoding: part.content, as: UTF8.self))
        }
        let text = (mail.textBody ?? "").prefix(bytes: 16 * 1024)
        if status == nil { status = textStatus(text) }
        if recipients.isEmpty { recipients = textRecipients(text, besides: mail) }
        return Bounce(recipients: recipients, status: status, originalMessageID: originalID ?? messageIDLine(in: text))
    }

    private static let messageIDField = NeedleSet(["message-id:"], ignoringCase: true)

    /// The identifier of a `Message-ID:` line in quoted headers.
    private static func messageIDLine(in text: String) -> String? {
        guard text.hasAny(messageIDField) else { return nil }
        return text.mailLines.first { $0.trimmedBlanks.lowercased().hasPrefix("message-id:") }
            .flatMap { Mail.messageIDs(in: String($0.trimmedBlanks.dropFirst(11))).first }
    }

    /// An address, tried only where a run of its local part's characters starts (the look-behind):
    /// tried inside a run too, a long run without a domain cost its length squared.
    private static let addressPattern = Pattern(#"(?<![A-Za-z0-9._%+=-])[A-Za-z0-9._%+=-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, caseSensitive: true)
    /// Where a text bounce starts quoting the returned mail: addresses from there on are its
    /// headers. Two dashes then anything (`--.*`, as `-{2,}.*` matches the same lines without
    /// trying every split of a long run of dashes).
    private static let quotedOriginal = Pattern(
        #"^\s*(received:|from:|to:|return-path:|--.*(original|copy of|below this line|returned message|headers))"#)

    /// The failed recipients a bounce without a delivery-status part names in its text, before
    /// it quotes the returned mail: every address but the bounce's own sender and recipients.
    static func textRecipients(_ text: String, besides mail: Mail) -> [String] {
        let own = Set(([mail.from].compactMap { $0 } + mail.to + mail.cc).map(\.address))
        var found: [String] = []
        for line in text.mailLines {
            let line = String(line)
            let mayStartQuote = line.containsByte(UInt8(ascii: ":")) || line.containsByte(UInt8(ascii: "-"))
            if mayStartQuote, quotedOriginal.matches(line) { break }
            guard line.containsByte(UInt8(ascii: "@")) else { continue }
            for address in addressPattern.all(in: line).map({ $0.lowercased() }) where !own.contains(address) && !found.contains(address) {
                found.append(address)
            }
        }
        return found
    }

    /// An enhanced status code (RFC 3463, `class.subject.detail` such as `5.1.1`, the class 2, 4
    /// or 5) standing as a word in the text of a bounce without a delivery-status part; found by
    /// bytes, as a bounce's text can be long.
    static func textStatus(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        func isDigit(_ index: Int) -> Bool { index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 }
        func isWord(_ index: Int) -> Bool {
            guard index >= 0, index < bytes.count else { return false }
            let byte = bytes[index]
            return byte >= 0x80 || byte == 0x5F || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
        }
        /// The end of 1 to 3 digits starting at `start` followed by a non-digit, or nil.
        func digits(from start: Int) -> Int? {
            var end = start
            while isDigit(end), end - start < 3 { end += 1 }
            return end > start && !isDigit(end) ? end : nil
        }
        for start in bytes.indices where [0x32, 0x34, 0x35].contains(bytes[start]) && !isWord(start - 1) {
            guard start + 1 < bytes.count, bytes[start + 1] == 0x2E, let middle = digits(from: start + 2), middle < bytes.count,
                bytes[middle] == 0x2E, let end = digits(from: middle + 1), !isWord(end)
            else { continue }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        return nil
    }
}
