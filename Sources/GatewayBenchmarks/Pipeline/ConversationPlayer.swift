public import EscalationCore
public import EscalationStore
import EscalationValues
public import Foundation
import Gateway
public import MailTransport

/// Generates a directory and N inbound mails forming whole conversations (requests with
/// reasons, approvals and rejections quoting the request, re-escalations, comments in several
/// charsets, severity and trend changes, de-escalations, auto-replies, strangers; plain,
/// HTML-only and multipart), deterministic from a seed, and plays them against a gateway.
///
/// Replies answer the gateway's real mail (its Reply-To with the approver's token, its
/// Message-ID, its quoted text), read from the gateway's outbox, so conversations advance in
/// waves: each wave holds the next mail of every open conversation of a cohort, and the next
/// wave is written once the gateway applied the last. The benchmark and the fault tests share it.
public struct ConversationPlayer {
    public let mails: Int
    public let seed: UInt64
    /// Conversations open at once; bounds the player's memory.
    public let cohort: Int
    let kinds: [BenchConversation.Kind]
    /// Replies written as fresh mail because the gateway had sent their author nothing to answer.
    public private(set) var unansweredReplies = 0

    public init(mails: Int, seed: UInt64, cohort: Int = 400) {
        self.mails = mails
        self.seed = seed
        self.cohort = cohort
        var random = SeededGenerator(seed: seed)
        var kinds: [BenchConversation.Kind] = []
        var planned = 0
        while planned < mails {
            let kind = BenchConversation.kind(random: &random)
            kinds.append(kind)
            planned += BenchConversation.length(of: kind)
        }
        self.kinds = kinds
    }

    /// The account of conversation `index`, derived from the seed whenever it is needed, so
    /// that the player holds only the open cohort's accounts, not the whole directory.
    func account(_ index: Int) -> BenchAccount {
        var random = SeededGenerator(seed: seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(index))
        return BenchAccount(index: index, random: &random)
    }

    public var conversations: Int { kinds.count }

    /// Every account with its contacts and cases, and the support staff, in parts of up to
    /// `accountsPerPart` accounts (the staff in the first), made as they are asked for: at
    /// N = 100,000 the whole directory held at once was most of the benchmark's peak memory.
    public func directoryParts(accountsPerPart: Int = 1000) -> some Sequence<Directory> {
        stride(from: 0, to: kinds.count, by: accountsPerPart).lazy.map { start in
            BenchWorkspace.directory(of: (start..<min(kinds.count, start + accountsPerPart)).map(account), withStaff: start == 0)
        }
    }

    /// The address the generated mail is written to.
    public static let gatewayAddress = BenchStaff.gateway

    /// Writes a gateway config for the generated world into `folder/gateway.toml` (answer limits
    /// lifted, no re-escalation cooldown); `transports` holds its `[inbound]` and `[outbound]` tables.
    public static func writeConfig(folder: URL, templates: URL?, batchSize: Int, transports: String) throws -> URL {
        let workspace = BenchWorkspace(folder: folder, templates: templates)
        try workspace.writeConfig(batchSize: batchSize, transports: transports)
        return workspace.configFile
    }

    /// Plays every conversation. `deliver` gets each wave (dated `date()`) and returns once the
    /// gateway applied it; the gateway's answers are then read from `store`.
    public mutating func play(store: Store, date: () -> Date, deliver: ([InboundMail]) throws -> Void) throws {
        var replies = ReplyIndex()
        var written = 0
        for cohortStart in stride(from: 0, to: kinds.count, by: cohort) {
            let range = cohortStart..<min(kinds.count, cohortStart + cohort)
            var open = range.map { index in
                var own = SeededGenerator(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
                return (
                    conversation: BenchConversation(kind: kinds[index], index: index, account: account(index), random: &own), random: own, next: 0
                )
            }
            while true {
                var wave: [InboundMail] = []
                for slot in open.indices where open[slot].next < open[slot].conversation.steps.count && written < mails {
                    let conversation = open[slot].conversation
                    let raw = mail(
                        for: conversation.steps[open[slot].next], thread: conversation.thread, number: written, date: date(), replies: replies,
                        random: &open[slot].random)
                    wave.append(InboundMail(raw: raw, mailbox: "generated", position: String(written)))
                    written += 1
                    open[slot].next += 1
                }
                guard !wave.isEmpty else { break }
                try deliver(wave)
                try replies.follow(store)
            }
            replies.forget(threads: Set(open.map(\.conversation.thread)))
        }
    }

    /// The mail one step of a conversation becomes: a reply to the gateway's latest mail to
    /// its author on the thread when there is one, else a fresh mail tagged with the thread.
    private mutating func mail(
        for step: ScriptStep, thread: String, number: Int, date: Date, replies: ReplyIndex, random: inout SeededGenerator
    ) -> [UInt8] {
        var answering: AnsweredMail?
        var subject: String
        switch step.addressing {
        case .fresh(let freshSubject): subject = freshSubject
        case .reply(let preferring):
            answering = replies.latest(thread: thread, to: step.author.address, preferring: preferring)
            if answering == nil { unansweredReplies += 1 }
            subject = answering.map { $0.subject.lowercased().hasPrefix("re:") ? $0.subject : "Re: " + $0.subject } ?? "[\(thread)] update"
        }
        if step.automated { subject = "Automatic reply: " + (answering?.subject ?? subject) }
        let writer = BenchMailWriter(
            from: step.author, to: answering?.replyAddress ?? BenchStaff.gateway, subject: subject,
            messageID: "bench-\(seed)-\(number)@\(step.author.email.domain)", date: date, text: step.text, script: step.script, answering: answering,
            automated: step.automated)
        let format: BenchMailWriter.Format
        switch Double.random(in: 0..<1, using: &random) {
        case ..<0.45: format = .plain
        case ..<0.65: format = .gmailAlternative
        case ..<0.85: format = .outlookHTML
        default: format = .legacyCharset
        }
        return writer.render(format: step.script == .latin ? format : (random.chance(0.6) ? .legacyCharset : .plain), random: &random)
    }
}

/// The gateway's outgoing mail by thread, recipient and template, followed through the outbox
/// so that generated replies answer what the gateway really sent.
struct ReplyIndex {
    private var latest: [String: [String: [String: (id: Int, mail: AnsweredMail)]]] = [:]
    private var followedUpTo = 0

    /// Reads the outbox rows added since the last call.
    mutating func follow(_ store: Store) throws {
        let rows = try store.read { [followedUpTo] in try $0.outbox(after: followedUpTo) }
        for row in rows {
            followedUpTo = row.id
            guard let thread = row.source, let mail = AnsweredMail(raw: row.raw) else { continue }
            for recipient in row.recipients {
                latest[thread, default: [:]][recipient, default: [:]][row.kind] = (row.id, mail)
            }
        }
    }

    func latest(thread: String, to recipient: String, preferring kinds: [String]) -> AnsweredMail? {
        guard let byKind = latest[thread]?[recipient.lowercased()] else { return nil }
        for kind in kinds { if let found = byKind[kind] { return found.mail } }
        return byKind.values.max { $0.id < $1.id }?.mail
    }

    mutating func forget(threads: Set<String>) {
        for thread in threads { latest[thread] = nil }
    }
}
