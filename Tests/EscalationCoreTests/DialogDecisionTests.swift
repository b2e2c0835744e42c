import EscalationCore
import EscalationValues
import Foundation
import Testing

private typealias F = Fixtures

/// The dialog in the core, table-driven over the states of a case's escalation: who writes,
/// where their words go, what they get back (issue 23).
@Suite struct DialogDecisionTests {
    enum Stage: String, CaseIterable {
        case pending, rejected, cooldown, active, deescalatedRecently
    }

    /// A conversation on CS0001234 brought to `stage` by Jane, the duty manager and the owner.
    static func conversation(at stage: Stage) -> Conversation {
        var chat = Conversation(.supportCase(F.login))
        chat.send(Conversation.escalate(), from: F.jane)
        switch stage {
        case .pending: break
        case .rejected, .cooldown:
            chat.send(.reject(reason: "the fix ships Friday"), from: F.dutyManager)
            if stage == .rejected { chat.now = chat.now.addingTimeInterval(3600) }
        case .active: chat.send(.approve, from: F.dutyManager)
        case .deescalatedRecently:
            chat.send(.approve, from: F.dutyManager)
            chat.send(.deescalate(reason: "fixed"), from: F.owner)
            chat.now = chat.now.addingTimeInterval(13 * 86_400)
        }
        return chat
    }

    @Test(arguments: Stage.allCases)
    func aCustomersWordsReachTheOwnerInEveryState(_ stage: Stage) throws {
        var chat = Self.conversation(at: stage)
        let before = chat.state
        let decision = chat.send(.comment("Could you call me today?"), from: F.jane)
        #expect(decision.outcome == .applied)
        let message = try #require(decision.notices.first { $0.kind == .customerMessage })
        #expect(message.to == [F.owner])
        #expect(!message.cc.contains(F.jane) && message.event.relayedMessage?.text == "Could you call me today?")
        let answer = try #require(decision.notices.first { $0.kind == .messagePassed })
        #expect(answer.to == [F.jane] && answer.event == .messagePassed(to: "agent1@support.example, who owns CS0001234", .message))
        #expect(decision.state.requests == before.requests && decision.state.escalation?.state == before.escalation?.state)
        #expect(decision.workNotes.count == 1)
        #expect(decision.journal.map(\.action) == ["dialog.relayed"])
    }

    @Test(arguments: Stage.allCases)
    func theOwnersWordsReachTheCustomerAndAnApproversStayInternal(_ stage: Stage) throws {
        var chat = Self.conversation(at: stage)
        let answer = chat.send(.comment("I will call you at 15:00."), from: F.owner)
        #expect(answer.notices.first { $0.kind == .staffMessage }?.to == [F.jane])
        let musing = chat.send(.comment("Let us keep an eye on this one."), from: F.groupManager)
        #expect(musing.notices.allSatisfy { !($0.to + $0.cc).contains(F.jane) })
        #expect(musing.notices.map(\.kind).contains(.internalNote))
        let unclear = chat.send(.unclear(text: "maybe approve later", understood: "approve with doubt", hint: "Reply APPROVE"), from: F.dutyManager)
        #expect(unclear.outcome == .refused(.notUnderstood))
        #expect(unclear.notices.allSatisfy { !($0.to + $0.cc).contains(F.jane) })
        #expect(
            unclear.notices.first { $0.kind == .notUnderstood }?.event
                == .notUnderstood(understood: "approve with doubt", hint: "Reply APPROVE", keptAsNote: true))
    }

    @Test func theDialogClosesTwoWeeksAfterADeescalation() {
        var chat = Self.conversation(at: .deescalatedRecently)
        chat.now = chat.now.addingTimeInterval(2 * 86_400)
        let decision = chat.send(.comment("It broke again."), from: F.jane)
        #expect(decision.outcome == .refused(.notUnderstood))
        #expect(decision.notices.map(\.kind) == [.notUnderstood])
    }

    @Test func aNoteFromStaffNeverReachesACustomerAndACustomersNoteIsAMessage() throws {
        var chat = Self.conversation(at: .active)
        chat.send(.watch(F.jane), from: F.owner)
        let note = chat.send(.note("call before Friday"), from: F.owner)
        let internalNote = try #require(note.notices.first { $0.kind == .internalNote })
        #expect(!(internalNote.to + internalNote.cc).contains(F.jane))
        #expect(internalNote.to + internalNote.cc == [F.dutyManager])
        let customers = chat.send(.note("please call"), from: F.jane)
        #expect(customers.notices.first { $0.kind == .customerMessage }?.to == [F.owner])
    }

    @Test func aBreachedClockKeepsItsBreachWhenTheSeverityChanges() throws {
        var chat = Self.conversation(at: .active)
        let escalation = try #require(chat.state.escalation)
        let ticked = try #require(chat.engine.tick(escalation, directory: F.directory, now: escalation.createdAt.addingTimeInterval(5 * 3600)))
        chat.state.escalation = ticked.escalation
        chat.send(.severity("high"), from: F.owner, after: 5 * 3600)
        let sla = try #require(chat.state.escalation?.sla)
        #expect(sla.response.breachedAt == escalation.sla.response.dueAt)
        #expect(sla.response.dueAt == escalation.sla.response.dueAt)
        #expect(sla.resolution.target == F.high.targets.resolution)
    }
}
