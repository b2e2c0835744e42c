import EscalationCore
import EscalationValues
import Foundation

/// A small world: two accounts, their contacts and cases, staff and the seed templates.
enum Fixtures {
    static func address(_ text: String) -> EmailAddress { EmailAddress(text)! }

    static let jane = address("jane@acme.example")
    static let bob = address("bob@globex.example")
    static let owner = address("agent1@support.example")
    static let groupManager = address("t2-manager@support.example")
    static let dutyManager = address("duty-manager@support.example")
    static let vp = address("vp-support@support.example")
    static let escalationManager = address("em@support.example")
    static let accountTeam = address("am@support.example")
    static let stranger = address("mallory@elsewhere.example")
    static let acme = AccountNumber("ACC0001001")!
    static let globex = AccountNumber("ACC0001002")!
    static let login = CaseNumber("CS0001234")!
    static let reports = CaseNumber("CS0001235")!
    static let invoices = CaseNumber("CS0002001")!
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static let directory = Directory(
        accounts: [
            Account(number: acme, name: "Acme Corp", domains: ["acme.example"], team: [accountTeam], escalationManager: escalationManager),
            Account(number: globex, name: "Globex", domains: ["globex.example"], team: [], escalationManager: escalationManager),
        ],
        contacts: [Contact(email: jane, name: "Jane", account: acme), Contact(email: bob, name: "Bob", account: globex)],
        staff: [owner, groupManager, dutyManager, vp, escalationManager, accountTeam].map { StaffMember(email: $0, name: $0.value) },
        cases: [
            SupportCase(
                number: login, account: acme, subject: "Login fails", owner: owner, assignmentGroup: "Tier 2", groupManager: groupManager,
                contact: jane),
            SupportCase(number: reports, account: acme, subject: "Slow", owner: owner, groupManager: groupManager, contact: jane),
            SupportCase(number: invoices, account: globex, subject: "Invoices", owner: owner, groupManager: groupManager, contact: bob),
        ])

    static let high = Severity(
        name: "high", rank: 1, color: "red", targets: SLATargets(response: TimeSpan("1h")!, update: TimeSpan("4h")!, resolution: TimeSpan("2d")!))
    static let medium = Severity(
        name: "medium", rank: 2, color: "orange", targets: SLATargets(response: TimeSpan("4h")!, update: TimeSpan("1d")!, resolution: TimeSpan("5d")!)
    )

    static func configuration(
        caseApproval: Bool = true, rule: EscalationTemplate.ApprovalRule = .any, addGroupManager: Bool = true, addAccountTeam: Bool = true,
        assignTo: EmailAddress? = nil
    ) -> EscalationConfiguration {
        EscalationConfiguration(
            severities: [medium, high],
            reasons: ReasonCatalog([
                EscalationReason(name: "Executive Visibility", aliases: ["executive"]),
                EscalationReason(name: "Lack of Progress", aliases: ["no progress", "stalled"]),
                EscalationReason(name: "Customer Imposed Deadline", aliases: ["deadline"]),
            ]),
            templates: [
                EscalationTemplate(
                    name: "case-default", type: .case, approvalRequired: caseApproval, approvers: [dutyManager], approvalRule: rule,
                    addCaseGroupManager: addGroupManager, defaultSeverity: "medium"),
                EscalationTemplate(
                    name: "account-default", type: .account, approvalRequired: true, approvers: [vp], approvalRule: .any,
                    addAccountTeam: addAccountTeam, assignTo: assignTo, defaultSeverity: "high"),
            ],
            policy: EscalationPolicy(reescalationCooldown: TimeSpan("30m")!))
    }
}

/// Drives the engine through a conversation, keeping the state of one case or account.
struct Conversation {
    let engine: EscalationEngine
    var state: SubjectState
    var now = Fixtures.t0
    var journal: [JournalEntry] = []
    var workNotes: [WorkNote] = []
    var sequence = 0

    init(_ source: EscalationSource, configuration: EscalationConfiguration = Fixtures.configuration()) {
        engine = EscalationEngine(configuration: configuration)
        state = SubjectState(source: source)
    }

    @discardableResult
    mutating func send(_ command: Command, from sender: EmailAddress, after seconds: Int = 60) -> Decision {
        now = now.addingTimeInterval(TimeInterval(seconds))
        sequence += 1
        let decision = engine.decide(
            CommandMail(command: command, sender: sender, source: state.source, cause: "<m\(sequence)@test>"), state: state,
            directory: Fixtures.directory, now: now)
        state = decision.state
        journal += decision.journal
        workNotes += decision.workNotes
        return decision
    }

    static func escalate(_ reason: String = "no progress for weeks", severity: String? = nil, type: EscalationType = .case, cases: [CaseNumber] = [])
        -> Command
    {
        .escalate(EscalateArguments(type: type, reason: reason, justification: "Users are blocked.", severity: severity, linkedCases: cases))
    }
}
