import EscalationCore
import EscalationValues
import Foundation
import Testing

/// The approval timers as pure functions of (request, time): when the next one falls due, and
/// what each tick sends. Nothing is ever decided by a tick.
@Suite struct ApprovalTimerCoreTests {
    static func configuration(reminder: String?, timeout: String?, backups: [EmailAddress]) -> EscalationConfiguration {
        var configuration = Fixtures.configuration()
        configuration.templates[0].approvalReminder = reminder.flatMap(TimeSpan.init)
        configuration.templates[0].approvalTimeout = timeout.flatMap(TimeSpan.init)
        configuration.templates[0].backupApprovers = backups
        return configuration
    }

    struct Case: CustomStringConvertible, Sendable {
        var hours: Double
        var reminder: String?
        var timeout: String?
        var backups: [EmailAddress]
        /// (kind, recipient) of every notice, in order.
        var sent: [String]
        var description: String { "\(hours)h reminder \(reminder ?? "none") timeout \(timeout ?? "none") backups \(backups.count)" }
    }

    static let cases: [Case] = [
        Case(hours: 3.9, reminder: "4h", timeout: "1d", backups: [], sent: []),
        Case(
            hours: 4, reminder: "4h", timeout: "1d", backups: [],
            sent: ["approval-reminder duty-manager@support.example", "approval-reminder t2-manager@support.example"]),
        Case(hours: 30, reminder: nil, timeout: nil, backups: [Fixtures.escalationManager], sent: []),
        Case(hours: 24, reminder: nil, timeout: "1d", backups: [], sent: ["approval-overdue agent1@support.example"]),
        Case(
            hours: 24, reminder: nil, timeout: "1d", backups: [Fixtures.escalationManager, Fixtures.jane],
            sent: ["approval-requested em@support.example"]),
        Case(
            hours: 25, reminder: "4h", timeout: "1d", backups: [Fixtures.escalationManager],
            sent: [
                "approval-requested em@support.example", "approval-reminder duty-manager@support.example",
                "approval-reminder t2-manager@support.example",
            ]),
    ]

    @Test(arguments: cases)
    func aTickSendsWhatFellDue(_ example: Case) throws {
        var conversation = Conversation(
            .supportCase(Fixtures.login),
            configuration: Self.configuration(reminder: example.reminder, timeout: example.timeout, backups: example.backups))
        conversation.send(Conversation.escalate(), from: Fixtures.jane)
        let request = try #require(conversation.state.pendingRequest)
        let now = request.createdAt.addingTimeInterval(example.hours * 3600)
        let tick = conversation.engine.tickApproval(request, manager: Fixtures.owner, now: now)
        #expect((tick?.notices ?? []).map { "\($0.kind.rawValue) \($0.to[0])" } == example.sent)
        #expect(tick?.request.state ?? .pending == .pending, "never decided by a timer")
        if let tick {
            #expect(conversation.engine.tickApproval(tick.request, manager: Fixtures.owner, now: now) == nil, "nothing twice at the same time")
        }
    }

    @Test func aReminderDueAtTheTickIsSentWhenTheStoredTimeReadsBackLater() throws {
        var conversation = Conversation(
            .supportCase(Fixtures.login), configuration: Self.configuration(reminder: "4h", timeout: nil, backups: []))
        conversation.send(Conversation.escalate(), from: Fixtures.jane)
        var request = try #require(conversation.state.pendingRequest)
        let clock = request.createdAt
        request.createdAt = Date(timeIntervalSince1970: clock.timeIntervalSince1970.nextUp.nextUp)
        let tick = conversation.engine.tickApproval(request, manager: nil, now: clock.addingTimeInterval(4 * 3600))
        #expect(tick?.notices.map(\.kind.rawValue) == ["approval-reminder", "approval-reminder"])
        #expect(tick?.journal.map(\.detail).first?.contains("pending for 4h;") == true)
    }

    @Test func theNextEventIsTheEarlierOfReminderAndTimeout() throws {
        var conversation = Conversation(
            .supportCase(Fixtures.login), configuration: Self.configuration(reminder: "4h", timeout: "6h", backups: [Fixtures.escalationManager]))
        conversation.send(Conversation.escalate(), from: Fixtures.jane)
        var request = try #require(conversation.state.pendingRequest)
        let engine = conversation.engine
        #expect(engine.nextApprovalEvent(of: request) == request.createdAt.addingTimeInterval(4 * 3600))
        request = try #require(engine.tickApproval(request, manager: nil, now: request.createdAt.addingTimeInterval(4 * 3600))).request
        #expect(engine.nextApprovalEvent(of: request) == request.createdAt.addingTimeInterval(6 * 3600))
        request = try #require(engine.tickApproval(request, manager: nil, now: request.createdAt.addingTimeInterval(6 * 3600))).request
        #expect(request.backupApprovers == [Fixtures.escalationManager])
        #expect(engine.nextApprovalEvent(of: request) == request.createdAt.addingTimeInterval(8 * 3600), "the reminder after the one at 4h")
        request.state = .withdrawn
        #expect(engine.nextApprovalEvent(of: request) == nil)
    }

    @Test func ageReadsInDaysHoursAndMinutes() {
        let start = Fixtures.t0
        #expect(EscalationEngine.age(from: start, to: start.addingTimeInterval(59)) == "0m")
        #expect(EscalationEngine.age(from: start, to: start.addingTimeInterval(4 * 3600)) == "4h")
        #expect(EscalationEngine.age(from: start, to: start.addingTimeInterval(4 * 3600 + 5 * 60)) == "4h 5m")
        #expect(EscalationEngine.age(from: start, to: start.addingTimeInterval(51 * 3600)) == "2d 3h")
    }
}
