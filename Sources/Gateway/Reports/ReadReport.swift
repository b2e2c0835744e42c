import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import MailMessage
import MailReading

/// What the gateway understood of one mail, as `read` prints it; nothing is applied. Every key
/// is always written, an absent value as JSON `null` (`automated`, `signature`, `thread`…), so
/// that a reader of the output finds the same keys in every object.
public struct ReadReport: Encodable, Sendable {
    public var file: String
    public var from: String?
    public var subject: String
    public var automated: String?
    public var automatedBecause: String?
    public var replyText: String
    public var signature: String?
    public var intent: String
    public var arguments: [String: String]
    public var thread: String?
    public var threadMethod: String?
    public var defects: [String]

    private enum CodingKeys: String, CodingKey {
        case file, from, subject, automated, automatedBecause, replyText, signature, intent, arguments, thread, threadMethod, defects
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(from, forKey: .from)
        try container.encode(subject, forKey: .subject)
        try container.encode(automated, forKey: .automated)
        try container.encode(automatedBecause, forKey: .automatedBecause)
        try container.encode(replyText, forKey: .replyText)
        try container.encode(signature, forKey: .signature)
        try container.encode(intent, forKey: .intent)
        try container.encode(arguments, forKey: .arguments)
        try container.encode(thread, forKey: .thread)
        try container.encode(threadMethod, forKey: .threadMethod)
        try container.encode(defects, forKey: .defects)
    }
}

extension ReadReport {
    /// The threadMethod of a mail read without a config: no thread was looked for.
    public static let noConfig = "none: no config, read as with an empty store"

    init(_ understood: UnderstoodMail, file: String, thread: String?, threadMethod: String?) {
        self.init(
            file: file, from: understood.sender?.value, subject: understood.mail.subject, automated: understood.automated?.kind,
            automatedBecause: understood.automated?.because, replyText: understood.reply.text, signature: understood.reply.signature,
            intent: understood.reading.name, arguments: understood.reading.arguments, thread: thread, threadMethod: threadMethod,
            defects: understood.mail.defects)
    }

    /// The file's bytes as a mail; `bodyKind` reads them as a bare `text/plain` or `text/html` body.
    static func mailBytes(_ raw: [UInt8], bodyKind: String?) -> [UInt8] {
        guard let bodyKind else { return raw }
        return Array("Content-Type: text/\(bodyKind); charset=utf-8\r\n\r\n".utf8) + raw
    }

    /// Reads a mail without a config, as with an empty store: default limits, no thread
    /// matching (`threadMethod` says so), and the same intent as with any config, since the
    /// intent never depends on the sender or the directory.
    public static func withoutConfig(_ raw: [UInt8], file: String, bodyKind: String? = nil) throws -> ReadReport {
        let mail = try Mail(parsing: mailBytes(raw, bodyKind: bodyKind))
        guard let placeholder = EmailAddress("gateway@gateway.invalid") else { throw CocoaError(.featureUnsupported) }
        let understood = UnderstoodMail(mail: mail, gatewayAddress: placeholder, isOwn: { _ in nil })
        return ReadReport(understood, file: file, thread: nil, threadMethod: noConfig)
    }
}
