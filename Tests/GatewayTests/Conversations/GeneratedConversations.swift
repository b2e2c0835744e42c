import EscalationStore
import Foundation
import GatewayBenchmarks
import GatewayDemo
import GatewayTestSupport
import MailMessage

@testable import Gateway

/// Conversations about many cases, as people write them: customers escalate with subjects of
/// their own, approvers decide by reply or through the approval mail's link, owners manage by
/// reply or by a new mail naming the case, in every client's reply prefix; strangers and other
/// accounts' contacts write in; SLA clocks run out; bounces come back. Seeded, so a failure
/// plays again the same way.
struct GeneratedConversations {
    /// The kinds of conversation, played in turn so that every event comes up.
    enum Plot: CaseIterable {
        case approvedAndManaged, rejectedThenReescalated, approverMistakes, customerMistakes, outsiders, accountEscalation, flood, bounced
    }

    static let accounts = 60
    static let casesPerAccount = 4
    static let approver = "duty-manager@support.example"
    static let groupManager = "t2-manager@support.example"
    static let escalationManager = "em@support.example"

    var recorder: ConversationRecorder
    private var random: SeededGenerator

    /// A workspace with a generated directory (`accounts` accounts of `casesPerAccount` cases
    /// each) whose case escalations need both approvers (rule `all`, so that a decision can be
    /// recorded and wait) and whose account escalations need none (so that `escalated` comes up).
    init(seed: UInt64) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eg-directory-\(UUID().uuidString).json")
        try Self.directoryJSON().write(to: folder, atomically: true, encoding: .utf8)
        recorder = try ConversationRecorder(
            replacing: [
                ("approvers = [\"vp-support@support.example\"]", "approvers = []"),
                ("approval = true\napprovers = []", "approval = false\napprovers = []"),
                ("add_case_group_manager = true\napproval_rule = \"any\"", "add_case_group_manager = true\napproval_rule = \"all\""),
            ],
            directoryFile: folder.path)
        random = SeededGenerator(seed: seed)
    }

    static func account(_ index: Int) -> String { String(format: "ACC%07d", 2000 + index) }
    static func supportCase(_ index: Int, _ number: Int) -> String { String(format: "CS%07d", 300_000 + index * 10 + number) }
    static func customer(_ index: Int) -> String { "pat\(index)@customer\(index).example" }
    static func colleague(_ index: Int) -> String { "lee\(index)@customer\(index).example" }
    static func owner(_ index: Int) -> String { index % 2 == 0 ? "agent1@support.example" : "agent2@support.example" }

    private static func directoryJSON() throws -> String {
        let sample = try JSONSerialization.jsonObject(
            with: Data(contentsOf: TestWorkspace.repository.appendingPathComponent("Samples/directory.json")))
        var accounts: [[String: Any]] = []
        var contacts: [[String: Any]] = []
        var cases: [[String: Any]] = []
        for index in 0..<Self.accounts {
            accounts.append([
                "number": account(index), "name": "Customer \(index) Ltd", "domains": ["customer\(index).example"], "team": ["am@support.example"],
                "escalation_manager": escalationManager,
            ])
            contacts.append(["email": customer(index), "name": "Pat \(index)", "account": account(index)])
            contacts.append(["email": colleague(index), "name": "Lee \(index)", "account": account(index)])
            for number in 0..<Self.casesPerAccount {
                cases.append([
                    "number": supportCase(index, number), "account": account(index), "subject": "Problem \(number) of customer \(index)",
                    "owner": owner(index), "assignment_group": "Tier 2", "group_manager": groupManager, "contact": customer(index),
                ])
            }
        }
        let staff = (sample as? [String: Any])?["staff"] ?? []
        let data = try JSONSerialization.data(withJSONObject: ["accounts": accounts, "contacts": contacts, "staff": staff, "cases": cases])
        return String(decoding: data, as: UTF8.self)
    }

    /// Plays `count` conversations, each on a case (or account) of its own.
    mutating func play(count: Int) throws {
        for index in 0..<count {
            let account = index % Self.accounts
            let number = index / Self.accounts
            let plot = Plot.allCases[index % Plot.allCases.count]
            try play(plot, account: account, supportCase: Self.supportCase(account, number % Self.casesPerAccount))
        }
    }

    private mutating func play(_ plot: Plot, account: Int, supportCase: String) throws {
        let customer = Self.customer(account)
        let owner = Self.owner(account)
        switch plot {
        case .approvedAndManaged:
            try escalate(supportCase, by: customer)
            try approve(supportCase)
            for command in ["SEVERITY high", "TREND improving", "WATCH \(Self.colleague(account))", "COMMENT Engineering is on it."].shuffled(
                using: &random
            ).prefix(3) {
                try say(command, on: supportCase, by: owner)
            }
            try recorder.wait(5 * 3600)
            try say("All fixed now, please de-escalate.", on: supportCase, by: oneOf([customer, owner]))
        case .rejectedThenReescalated:
            try escalate(supportCase, by: customer)
            try decide("REJECT reason: the fix ships tomorrow, no escalation needed.", on: supportCase, by: Self.approver)
            try say("Could you call me about the fix?", on: supportCase, by: customer)
            try say("NOTE call them before the release.", on: supportCase, by: owner)
            try say("ESCALATE \(supportCase)\nReason: Lack of Progress\nStill down.", on: supportCase, by: customer)
            try recorder.wait(31 * 60)
            try say("ESCALATE \(supportCase)\nReason: Customer Imposed Deadline\nThe fix did not ship.", on: supportCase, by: customer)
            try approve(supportCase)
        case .approverMistakes:
            try escalate(supportCase, by: customer)
            try decide("REJECT", on: supportCase, by: Self.approver)
            try decide("Approved.", on: supportCase, by: Self.groupManager)
            try decide("REJECT reason: not enough impact, sorry.", on: supportCase, by: Self.approver)
            try decide("Approved after all.", on: supportCase, by: Self.groupManager)
        case .customerMistakes:
            try escalate(supportCase, by: customer)
            try say("banana smoothie", on: supportCase, by: customer)
            try approve(supportCase)
            try say("SEVERITY high", on: supportCase, by: customer)
            try say("TREND sideways", on: supportCase, by: customer)
            try say("ESCALATE \(supportCase)\nReason: Lack of Progress\nAgain.", on: supportCase, by: customer)
        case .outsiders:
            try recorder.write(
                from: "mallory@evil.example", subject: "Escalate \(supportCase)", body: "ESCALATE \(supportCase)\nReason: Lack of Progress\nNow.")
            try recorder.write(
                from: Self.customer((account + 1) % Self.accounts), subject: "About \(supportCase)",
                body: "ESCALATE \(supportCase)\nReason: Lack of Progress\nx")
            try escalate(supportCase, by: customer)
            if let forwarded = try recorder.latest(to: Self.approver, about: supportCase, preferring: ["approval-requested"]) {
                try recorder.reply(to: forwarded, from: Self.colleague(account), body: "APPROVE")
            }
            try approve(supportCase)
        case .accountEscalation:
            let number = Self.account(account)
            try recorder.write(
                from: customer, subject: oneOf(["Escalate our account", "Account escalation \(number)", "Need help across all our cases"]),
                body: "ESCALATE ACCOUNT \(number)\nReason: Executive Visibility\nCases \(supportCase) are all stuck.")
            try say("ASSIGN am@support.example", on: number, by: Self.escalationManager)
            try say("TREND worsening", on: number, by: "am@support.example")
            try say("SEVERITY medium", on: number, by: Self.escalationManager)
            try say("WATCH \(Self.colleague(account))", on: number, by: Self.escalationManager)
            try say("DE-ESCALATE resolved", on: number, by: Self.escalationManager)
        case .flood:
            try escalate(supportCase, by: customer)
            for _ in 0..<22 {
                recorder.clock.advance(by: -55)
                try say("what is happening?", on: supportCase, by: customer)
            }
        case .bounced:
            try escalate(supportCase, by: customer)
            guard let received = recorder.sent.last(where: { $0.source == supportCase && $0.recipients == [customer] }) else {
                // An address suppressed by an earlier conversation of its account gets no mail to bounce.
                guard try recorder.harness.gateway.store.read({ try $0.isSuppressed(customer) }) else {
                    throw TestFailure("\(supportCase): no mail to \(customer) to bounce")
                }
                try approve(supportCase)
                return
            }
            for attempt in 0..<2 {
                _ = try recorder.send(
                    SecurityHarness.deliveryStatus(attempt, messageID: received.messageID, recipient: customer, status: "5.1.1")
                        .replacingOccurrences(of: "<dsn-\(attempt)@", with: "<dsn-\(supportCase)-\(attempt)@"),
                    from: "mailer-daemon@mx.elsewhere.example")
            }
            try approve(supportCase)
        }
    }

    private mutating func oneOf<T>(_ choices: [T]) -> T { choices.randomElement(using: &random)! }

    /// A customer's first mail about a case, with a subject of their own.
    private mutating func escalate(_ supportCase: String, by customer: String) throws {
        let subject = oneOf([
            "Escalation for \(supportCase) - login still failing", "Please escalate \(supportCase)", "\(supportCase): nobody answers",
        ])
        try recorder.write(from: customer, subject: subject, body: "ESCALATE \(supportCase)\nReason: Lack of Progress\nOur users are blocked.")
    }

    /// Both approvers approve (the case template's rule is `all`), in either order.
    private mutating func approve(_ supportCase: String) throws {
        for approver in [Self.approver, Self.groupManager].shuffled(using: &random) {
            try decide(oneOf(["Approved.", "Approved, go ahead.", "Yes, go ahead"]), on: supportCase, by: approver)
        }
    }

    /// An approver's decision: a reply to the approval mail, or a new mail through its link.
    private mutating func decide(_ text: String, on supportCase: String, by approver: String) throws {
        guard let request = try recorder.latest(to: approver, about: supportCase, preferring: ["approval-requested"]) else {
            throw TestFailure("\(supportCase): \(approver) got no mail to decide on")
        }
        if Bool.random(using: &random), let token = (request.textBody ?? "").firstMatch(of: /\[ref:([A-Za-z0-9]+)\]/)?.1 {
            let verb = text.hasPrefix("REJECT") ? "REJECT" : "APPROVE"
            try recorder.write(from: approver, subject: "\(verb) [ref:\(token)]", body: verb == "REJECT" ? text : "")
        } else {
            try recorder.reply(to: request, from: approver, body: text, prefix: oneOf(["Re: ", "RE: ", "AW: ", "SV: "]))
        }
    }

    /// Text from a participant: mostly a reply to the latest mail they got about it, sometimes
    /// a new mail whose subject names the case.
    private mutating func say(_ text: String, on thread: String, by person: String) throws {
        if Double.random(in: 0..<1, using: &random) < 0.75, let latest = try recorder.latest(to: person, about: thread) {
            try recorder.reply(to: latest, from: person, body: text, prefix: oneOf(["Re: ", "RE: ", "AW: ", "SV: ", "Re: Re: "]))
        } else {
            try recorder.write(from: person, subject: "\(thread) " + oneOf(["update", "question", "next steps"]), body: text)
        }
    }
}
