import EscalationCore
import EscalationValues
import Foundation
import Gateway

/// One mail of a generated conversation, before it is written.
struct ScriptStep {
    enum Addressing {
        /// A new mail to the gateway with this subject.
        case fresh(subject: String)
        /// A reply to the latest gateway mail the author got on the conversation's thread,
        /// preferring these templates in this order (any template when none of them came).
        case reply(preferring: [String])
    }

    var author: BenchPerson
    var addressing: Addressing
    var text: String
    var script: BenchScript = .latin
    var automated = false
}

/// A generated conversation on one case or account thread, as the people involved write it.
struct BenchConversation {
    enum Kind: CaseIterable {
        case approved
        case rejectedThenReescalated
        case accountEscalation
        case approverAway
        case stranger
    }

    var kind: Kind
    var thread: String
    var steps: [ScriptStep]

    /// How many mails a conversation of this kind has (before the last one is cut to fit N).
    static func length(of kind: Kind) -> Int {
        switch kind {
        case .approved, .rejectedThenReescalated, .accountEscalation: 5
        case .approverAway: 4
        case .stranger: 1
        }
    }

    /// The mix of conversations in a generated inbox.
    static func kind(random: inout SeededGenerator) -> Kind {
        let roll = Double.random(in: 0..<1, using: &random)
        switch roll {
        case ..<0.35: return .approved
        case ..<0.60: return .rejectedThenReescalated
        case ..<0.80: return .accountEscalation
        case ..<0.95: return .approverAway
        default: return .stranger
        }
    }

    init(kind: Kind, index: Int, account: BenchAccount, random: inout SeededGenerator) {
        self.kind = kind
        let supportCase = account.cases[0]
        let number = supportCase.number.value
        let customer = account.contacts[0]
        let owner = account.owner(of: supportCase)
        let approver =
            random.chance(0.7) ? BenchStaff.dutyManager : BenchPerson(name: "Group Manager", address: supportCase.groupManager?.value ?? "")
        let request = ScriptStep(
            author: customer,
            addressing: .fresh(subject: random.pick(Self.requestSubjects).replacingOccurrences(of: "#", with: number) + " - \(supportCase.subject)"),
            text: Self.request(number, random: &random))
        let approval = ScriptStep(author: approver, addressing: .reply(preferring: ["approval-requested"]), text: random.pick(Self.approvals))
        let comment = Self.comment(by: owner, random: &random)
        let severity = ScriptStep(author: owner, addressing: .reply(preferring: ["work-note", "escalated", "approved"]), text: "SEVERITY high")
        let deescalation = ScriptStep(
            author: customer, addressing: .reply(preferring: ["severity-changed", "escalated", "approved"]), text: random.pick(Self.deescalations))
        switch kind {
        case .approved:
            thread = number
            steps = [request, approval, comment, severity, deescalation]
        case .rejectedThenReescalated:
            thread = number
            let rejection = ScriptStep(author: approver, addressing: .reply(preferring: ["approval-requested"]), text: random.pick(Self.rejections))
            let again = ScriptStep(author: customer, addressing: .reply(preferring: ["rejected"]), text: random.pick(Self.reescalations))
            steps = [request, rejection, again, approval, comment]
        case .accountEscalation:
            thread = account.number.value
            let manager = account.escalationManager
            steps = [
                ScriptStep(
                    author: customer, addressing: .fresh(subject: "Our account needs attention"),
                    text:
                        "Please escalate our account, cases \(account.cases[1].number.value) and \(account.cases[2].number.value) are stalled and our CIO is asking daily."
                ),
                ScriptStep(
                    author: BenchStaff.vicePresident, addressing: .reply(preferring: ["approval-requested"]), text: random.pick(Self.approvals)),
                Self.comment(by: manager, random: &random),
                ScriptStep(author: manager, addressing: .reply(preferring: ["work-note", "escalated", "approved"]), text: "TREND improving"),
                ScriptStep(
                    author: customer, addressing: .reply(preferring: ["trend-changed", "escalated", "approved"]),
                    text: random.pick(Self.deescalations)),
            ]
        case .approverAway:
            thread = number
            let away = ScriptStep(
                author: BenchStaff.dutyManager, addressing: .reply(preferring: ["approval-requested"]),
                text: "I am out of the office until Monday with limited access to mail. For urgent matters contact the duty desk.", automated: true)
            let standIn = BenchPerson(name: "Group Manager", address: supportCase.groupManager?.value ?? "")
            steps = [
                request, away, ScriptStep(author: standIn, addressing: .reply(preferring: ["approval-requested"]), text: random.pick(Self.approvals)),
                comment,
            ]
        case .stranger:
            thread = number
            steps = [
                ScriptStep(
                    author: BenchPerson(name: "Pat Outsider", address: "pat\(index)@outsider.example"),
                    addressing: .fresh(subject: "What is going on with \(number)?"),
                    text: "Hello, can you tell me the status of \(number) and who owns it?")
            ]
        }
    }

    private static let requestSubjects = ["Escalation for #", "Please escalate #", "URGENT: # needs attention", "[#] escalation"]

    private static let justifications = [
        "Our 300 users cannot log in since Monday and we have had no update for three days.",
        "Month-end close depends on these invoices and nobody has answered since last week.",
        "The nightly sync has failed four nights in a row; our warehouse ships wrong stock.",
        "Our launch is on Monday and the API still returns 502 for a third of the calls.",
    ]

    private static func request(_ number: String, random: inout SeededGenerator) -> String {
        let justification = random.pick(justifications)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: return "ESCALATE \(number)\nReason: Lack of Progress\n\(justification)\n\nJane"
        case 1: return "Please escalate \(number), no progress for two weeks. \(justification)\n\nThanks,\nJane"
        default: return "ESCALATE \(number)\nReason: Customer Imposed Deadline\n\(justification)\n\n-- \nJane Doe | Head of IT\n+1 555 0100"
        }
    }

    private static let approvals = ["Approved.", "APPROVE", "Yes, go ahead.\n\nDana", "Genehmigt.\n\nViele Grüße", "APPROVE\n\nSent from my iPhone"]
    private static let rejections = [
        "REJECT The fix ships on Friday; the owner will confirm the install date with you today.",
        "Rejected – the fix ships Friday and the workaround in KB0012 covers the gap.",
        "REJECT Waiting on the customer's logs; escalation would not speed this up.",
    ]
    private static let reescalations = [
        "Please escalate this again: Friday is too late for our month-end close, the invoices are stalled.",
        "Please escalate this again, the workaround does not work for our EU users and we are stalled.",
    ]
    private static let deescalations = [
        "All fixed now, please de-escalate. Thanks for the quick help!\n\nSent from my iPhone",
        "DE-ESCALATE Resolved by the hotfix, thank you all.",
    ]

    private static func comment(by author: BenchPerson, random: inout SeededGenerator) -> ScriptStep {
        let (text, script): (String, BenchScript) = random.pick([
            ("COMMENT Called the customer; the fix is in test and ships tomorrow.", .latin),
            ("COMMENT Daily call with the customer set up at 10:00; both case owners join.", .latin),
            ("COMMENT お客様と明日10時に電話会議を行います。修正は検証中です。", .japanese),
            ("COMMENT Клиент подтвердил обходной путь, ждём исправления к пятнице.", .cyrillic),
            ("COMMENT Größere Änderung nötig – Rückmeldung an den Kunden ist raus.", .latin),
        ])
        return ScriptStep(author: author, addressing: .reply(preferring: ["work-note", "escalated", "approved"]), text: text, script: script)
    }
}
