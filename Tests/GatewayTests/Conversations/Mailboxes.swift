import Foundation
import MailMessage

/// One mail in a person's mailbox: what a mail client threads by.
struct MailboxMail {
    var messageID: String
    var subject: String
    /// In-Reply-To and References, as a client reads them.
    var references: [String]
    /// The case or account the mail is about (nil: it names none, or the gateway did not take it).
    var about: String?
    /// Whether the gateway sent it (else the mailbox's owner did).
    var fromGateway: Bool
    /// The template that rendered it (gateway mail).
    var event: String?
}

/// How a mail client groups a mailbox into conversations.
enum ThreadingRule: String, CaseIterable {
    /// Gmail: a mail joins a conversation only when it refers to one of its mails and has its
    /// subject, reply and forward prefixes aside.
    case gmail
    /// notmuch, Thunderbird, mutt: a mail joins every conversation one of its references is in.
    case references

    /// The subject as Gmail compares it: without leading `Re:`, `Fwd:`, `AW:`, `SV:`… and blanks.
    static func baseSubject(_ subject: String) -> String {
        var rest = Substring(subject)
        while true {
            let trimmed = rest.drop(while: { $0 == " " || $0 == "\t" })
            guard let colon = trimmed.firstIndex(of: ":") else { return String(trimmed) }
            let word = trimmed[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            guard ["re", "fw", "fwd", "aw", "wg", "sv", "vs", "tr", "rv", "antw", "odp"].contains(word) else { return String(trimmed) }
            rest = trimmed[trimmed.index(after: colon)...]
        }
    }
}

/// Every participant's mailbox, filled in the order mail was sent, and the conversations a
/// client would show for each.
struct Mailboxes {
    /// Mail by mailbox owner (lower-cased address), oldest first.
    private(set) var mail: [String: [MailboxMail]] = [:]

    mutating func add(_ entry: MailboxMail, to person: String) {
        mail[person.lowercased(), default: []].append(entry)
    }

    /// A gateway mail that opened a new conversation for someone who already had mail about its case.
    struct SplitConversation: CustomStringConvertible {
        var person: String
        var rule: ThreadingRule
        var mail: MailboxMail
        var description: String {
            "\(rule): \(person) got \(mail.event ?? "?") \"\(mail.subject)\" about \(mail.about ?? "?") in a new conversation"
        }
    }

    /// Plays each mailbox in order under `rule`: every gateway mail about a case, to a person
    /// with earlier mail about that case, must join one of that person's conversations.
    func splits(under rule: ThreadingRule) -> [SplitConversation] {
        var found: [SplitConversation] = []
        for (person, mails) in mail {
            var conversationOf: [String: Int] = [:]
            var subjectOf: [Int: String] = [:]
            var aboutSeen: Set<String> = []
            var next = 0
            for entry in mails {
                let base = ThreadingRule.baseSubject(entry.subject)
                let referred = entry.references.compactMap { conversationOf[$0] }
                let joined: Int? =
                    switch rule {
                    case .gmail: referred.first { subjectOf[$0] == base }
                    case .references: referred.first
                    }
                let conversation: Int
                if let joined {
                    conversation = joined
                } else {
                    conversation = next
                    next += 1
                    subjectOf[conversation] = base
                    if entry.fromGateway, let about = entry.about, aboutSeen.contains(about) {
                        found.append(SplitConversation(person: person, rule: rule, mail: entry))
                    }
                }
                if rule == .references {
                    for other in Set(referred) where other != conversation {
                        for (id, owner) in conversationOf where owner == other { conversationOf[id] = conversation }
                    }
                }
                conversationOf[entry.messageID] = conversation
                if let about = entry.about { aboutSeen.insert(about) }
            }
        }
        return found
    }
}

extension MailboxMail {
    /// A mail as its recipient's client reads it.
    init(parsing raw: [UInt8], about: String?, fromGateway: Bool, event: String? = nil) throws {
        let parsed = try Mail(parsing: raw)
        self.init(
            messageID: parsed.messageID ?? UUID().uuidString, subject: parsed.subject,
            references: parsed.references + parsed.inReplyTo, about: about, fromGateway: fromGateway, event: event)
    }
}
