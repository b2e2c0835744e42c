import EscalationCore
import EscalationValues
import Foundation
import Testing

/// Seed 001's comparison table, one row per test, and the request/approval life cycle.
@Suite struct EscalationModelTests {
    typealias F = Fixtures

    @Test func caseTemplateAddsTheAssignmentGroupManagerToApprovers() {
        var chat = Conversation(.supportCase(F.login))
        chat.send(Conversation.escalate(), from: F.jane)
        #expect(chat.state.pendingRequest?.approvers == [F.dutyManager, F.groupManager])
    }

    @Test func caseTemplateWithoutTheOptionKeepsOnlyItsApprovers() {
        var chat = Conversation(.supportCase(F.login), configuration: F.configuration(addGroupManager: false))
        chat.send(Conversation.escalate(), from: F.jane)
        #expect(chat.state.pendingRequest?.approvers == [F.dutyManager])
    }

    @Test func accountTemplateNeverAddsTheGroupManager() {
        var chat = Conversation(.account(F.acme))
        chat.send(Conversation.escalate(type: .account), from: F.jane)
        #expect(chat.state.pendingRequest?.approvers == [F.vp])
    }

    @Test func recordIsCreatedOnlyUponApproval() {
        var chat = Conversation(.supportCase(F.login))
        let request = chat.send(Conversation.escalate(), from: F.jane)
        #expect(request.outcome == .applied)
        #expect(chat.state.escalation == nil)
        #expect(request.notices.map(\.kind) == [.requestReceived, .approvalRequested, .approvalRequested])
        chat.send(.approve, from: F.dutyManager)
        #expect(chat.state.activeEscalation?.number.value == "ESC0001001")
        #expect(chat.state.requests.first?.state == .approved)
    }

    @Test func caseEscalationHasNoAssigneeNoAccountTeamAndSLAOnTheCase() throws {
        var chat = Conversation(.supportCase(F.login))
        chat.send(Conversation.escalate(), from: F.jane)
        chat.send(.approve, from: F.dutyManager)
        let escalation = try #require(chat.state.activeEscalation)
        #expect(escalation.assignedTo == nil)
        #expect(escalation.watchList.isEmpty)
        #expect(escalation.sla.attachedTo == "CS0001234")
    }

    @Test func accountEscalationIsAssignedToTheEscalationManagerWithTeamWatchingAndSLAOnTheRecord() throws {
        var chat = Conversation(.account(F.acme))
        chat.send(Conversation.escalate(type: .account, cases: [F.login, F.reports]), from: F.jane)
        chat.send(.approve, from: F.vp)
        let escalation = try #require(chat.state.activeEscalation)
        #expect(escalation.assignedTo == F.escalationManager)
        #expect(escalation.watchList == [F.accountTeam])
        #expect(escalation.linkedCases == [F.login, F.reports])
        #expect(escalation.sla.attachedTo == escalation.number.value)
    }

    @Test func templateAssignToOverridesTheEscalationManager() {
        var chat = Conversation(.account(F.acme), configuration: F.configuration(assignTo: F.owner))
        chat.send(Conversation.escalate(type: .account), from: F.jane)
        chat.send(.approve, from: F.vp)
        #expect(chat.state.activeEscalation?.assignedTo == F.owner)
    }

    @Test func accountTeamIsNotWatchingWhenTheTemplateSaysNo() {
        var chat = Conversation(.account(F.acme), configuration: F.configuration(addAccountTeam: false))
        chat.send(Conversation.escalate(type: .account), from: F.jane)
        chat.send(.approve, from: F.vp)
        #expect(chat.state.activeEscalation?.watchList == [])
    }

    @Test func caseEscalationUpdatesBecomeWorkNotesMailedToTheOwnerAccountOnesDoNot() {
        var caseChat = Conversation(.supportCase(F.login))
        caseChat.send(Conversation.escalate(), from: F.jane)
        let approval = caseChat.send(.approve, from: F.dutyManager)
        caseChat.send(.comment("Engineering found the cause."), from: F.jane)
        #expect(caseChat.workNotes.count == 2)
        #expect(approval.notices.contains { $0.kind == .workNote && $0.to == [F.owner] })

        var accountChat = Conversation(.account(F.acme))
        accountChat.send(Conversation.escalate(type: .account), from: F.jane)
        accountChat.send(.approve, from: F.vp)
        accountChat.send(.comment("Daily call set up."), from: F.escalationManager)
        #expect(accountChat.workNotes.isEmpty)
    }

    @Test func withoutApprovalTheRecordIsCreatedAtOnce() {
        var chat = Conversation(.supportCase(F.login), configuration: F.configuration(caseApproval: false))
        let decision = chat.send(Conversation.escalate(), from: F.jane)
        #expect(chat.state.activeEscalation != nil)
        #expect(decision.notices.contains { $0.kind == .escalated })
    }

    @Test func ruleAllWaitsForEveryApprover() {
        var chat = Conversation(.supportCase(F.login), configuration: F.configuration(rule: .all))
        chat.send(Conversation.escalate(), from: F.jane)
        let first = chat.send(.approve, from: F.dutyManager)
        #expect(first.notices.map(\.kind) == [.decisionRecorded])
        #expect(chat.state.escalation == nil)
        chat.send(.approve, from: F.groupManager)
        #expect(chat.state.activeEscalation != nil)
    }

    @Test func rejectionNeedsAReason() {
        var chat = Conversation(.supportCase(F.login))
        chat.send(Conversation.escalate(), from: F.jane)
        let decision = chat.send(.reject(reason: nil), from: F.dutyManager)
        #expect(decision.outcome == .refused(.reasonNeeded))
        #expect(chat.state.pendingRequest != nil)
    }

    @Test func rejectionTellsTheRequesterTheReasonAndTheDialogAvenue() throws {
        var chat = Conversation(.supportCase(F.login))
        chat.send(Conversation.escalate(), from: F.jane)
        let decision = chat.send(.reject(reason: "The fix ships Friday"), from: F.dutyManager)
        let notice = try #require(decision.notices.first { $0.kind == .rejected })
        #expect(notice.to == [F.jane])
        #expect(notice.event == .rejected(reason: "The fix ships Friday"))
        // The template names the case owner, found from the notice's case, as the dialog avenue.
        #expect(notice.source == .supportCase(F.login))
        #expect(chat.state.requests.first?.state == .rejected)
    }

    @Test func reescalationWithinTheCooldownIsRefusedWithTheLastReason() throws {
        var chat = Conversation(.supportCase(F.login))
        chat.send(Conversation.escalate(), from: F.jane)
        chat.send(.reject(reason: "Fix ships Friday"), from: F.dutyManager)
        let early = chat.send(Conversation.escalate(), from: F.jane, after: 29 * 60)
        #expect(early.outcome == .refused(.cooldown))
        let rejectedAt = try #require(chat.state.requests.first?.decidedAt)
        #expect(early.notices.first?.event == .reescalationCooldown(reason: "Fix ships Friday", until: rejectedAt.addingTimeInterval(30 * 60)))
        #expect(chat.state.requests.count == 1)
    }

    @Test func reescalationAfterTheCooldownLinksEarlierRequests() throws {
        var chat = Conversation(.supportCase(F.login))
        chat.send(Conversation.escalate(), from: F.jane)
        chat.send(.reject(reason: "Fix ships Friday"), from: F.dutyManager)
        let again = chat.send(Conversation.escalate(), from: F.jane, after: 31 * 60)
        #expect(again.outcome == .applied)
        let request = try #require(chat.state.pendingRequest)
        #expect(request.previousRequests == [chat.state.requests[0].number])
        let approverNotice = try #require(again.notices.first { $0.kind == .approvalRequested })
        let earlier = chat.state.requests[0]
        #expect(approverNotice.event == .approvalRequested(history: ["\(earlier.number): \(earlier.reason), rejected: Fix ships Friday"]))
    }

    @Test func oneActiveEscalationPerCase() {
        var chat = Conversation(.supportCase(F.login))
        chat.send(Conversation.escalate(), from: F.jane)
        let whilePending = chat.send(Conversation.escalate(), from: F.owner)
        #expect(whilePending.outcome == .refused(.alreadyEscalated))
        chat.send(.approve, from: F.dutyManager)
        let whileActive = chat.send(Conversation.escalate(), from: F.jane)
        #expect(whileActive.outcome == .refused(.alreadyEscalated))
        #expect(whileActive.notices.first?.escalation?.number.value == "ESC0001001")
        #expect(chat.state.requests.count == 1)
    }

    @Test func aSecondDecisionChangesNothingAndSaysSo() {
        var chat = Conversation(.supportCase(F.login))
        chat.send(Conversation.escalate(), from: F.jane)
        chat.send(.reject(reason: "Not now"), from: F.dutyManager)
        let late = chat.send(.approve, from: F.dutyManager)
        #expect(late.outcome == .refused(.alreadyDecided))
        #expect(late.notices.map(\.kind) == [.alreadyDecided])
        #expect(chat.state.escalation == nil)
    }

    @Test func escalationWithoutAKnownReasonAsksForOne() {
        var chat = Conversation(.supportCase(F.login))
        let decision = chat.send(Conversation.escalate("please look at it"), from: F.jane)
        #expect(decision.outcome == .refused(.reasonNeeded))
        #expect(chat.state.requests.isEmpty)
    }

    @Test func deescalationNeedsAReasonAndStopsTheSLA() throws {
        var chat = Conversation(.supportCase(F.login))
        chat.send(Conversation.escalate(), from: F.jane)
        chat.send(.approve, from: F.dutyManager)
        #expect(chat.send(.deescalate(reason: nil), from: F.jane).outcome == .refused(.reasonNeeded))
        let decision = chat.send(.deescalate(reason: "Fixed by the patch"), from: F.jane)
        #expect(decision.outcome == .applied)
        let escalation = try #require(chat.state.escalation)
        #expect(escalation.state == .deescalated)
        #expect(escalation.deescalationReason == "Fixed by the patch")
        #expect(escalation.sla.stoppedAt != nil)
        #expect(escalation.sla.resolution.status == "met")
        #expect(decision.notices.contains { $0.kind == .deescalated && $0.to.contains(F.jane) })
    }
}

/// A request no template covers is answered with its own reason, not with "not permitted".
@Suite struct NoTemplateTests {
    @Test func requestWithoutTemplateIsToldNoTemplateCoversIt() throws {
        var configuration = Fixtures.configuration()
        configuration.templates.removeAll { $0.type == .account }
        var chat = Conversation(.account(Fixtures.acme), configuration: configuration)
        let decision = chat.send(Conversation.escalate(type: .account), from: Fixtures.jane)
        #expect(decision.outcome == .refused(.noTemplate))
        let notice = try #require(decision.notices.first)
        #expect(
            notice.event
                == .notPermitted(
                    understood: "escalate",
                    hint: "No escalation template covers account escalations of ACC0001001; an administrator must configure one."))
        #expect(chat.state.requests.isEmpty)
    }
}

/// A decision the approval gate refused is the core's decision: journaled, the real approvers
/// told, and told only once within the rate window when someone else sent it.
@Suite struct UnverifiedDecisionTests {
    @Test func realApproversAreToldOnceOfADecisionFromSomeoneElse() throws {
        var chat = Conversation(.supportCase(Fixtures.login))
        chat.send(Conversation.escalate(), from: Fixtures.jane)
        let request = try #require(chat.state.pendingRequest)
        let approvers = [Fixtures.dutyManager, Fixtures.groupManager]
        func refuse(toldRecently: Bool) -> Decision {
            chat.engine.unverifiedDecision(
                "no valid token", request: request, tell: approvers, sender: Fixtures.stranger, source: chat.state.source, cause: "<forged@x>",
                state: chat.state, toldRecently: toldRecently, now: chat.now)
        }
        let first = refuse(toldRecently: false)
        #expect(first.outcome == .refused(.decisionUnverified))
        #expect(first.journal.map(\.action) == ["refused.decision_unverified", EscalationEngine.approversToldAction])
        #expect(first.notices.map(\.kind) == [.decisionNotAccepted, .decisionNotAccepted])
        #expect(first.notices.flatMap(\.to) == approvers)
        let again = refuse(toldRecently: true)
        #expect(again.journal.map(\.action) == ["refused.decision_unverified"])
        #expect(again.notices.isEmpty)
        #expect(again.state == chat.state)
    }
}
