import EscalationCore
import EscalationValues
import Foundation
import Testing

/// Severity, trend, watch list, links, assignment, comments, roles, SLA and journal.
@Suite struct ManagementAndRolesTests {
    typealias F = Fixtures

    private func activeCase() -> Conversation {
        var chat = Conversation(.supportCase(F.login))
        chat.send(Conversation.escalate(), from: F.jane)
        chat.send(.approve, from: F.dutyManager)
        return chat
    }

    private func activeAccount() -> Conversation {
        var chat = Conversation(.account(F.acme))
        chat.send(Conversation.escalate(type: .account, cases: [F.login]), from: F.jane)
        chat.send(.approve, from: F.vp)
        return chat
    }

    @Test func severityChangeRetargetsOpenClocksFromTheChange() throws {
        var chat = activeCase()
        chat.send(.severity("high"), from: F.owner, after: 3600)
        let escalation = try #require(chat.state.activeEscalation)
        #expect(escalation.severity == "high")
        #expect(escalation.sla.resolution.startedAt == chat.now)
        #expect(escalation.sla.resolution.dueAt == chat.now.addingTimeInterval(2 * 86_400))
    }

    @Test func unknownSeverityIsNotUnderstood() {
        var chat = activeCase()
        #expect(chat.send(.severity("apocalyptic"), from: F.owner).outcome == .refused(.notUnderstood))
        #expect(chat.state.activeEscalation?.severity == "medium")
    }

    @Test(arguments: [Trend.improving, .worsening, .unchanged])
    func trendChanges(_ trend: Trend) {
        var chat = activeCase()
        #expect(chat.send(.trend(trend), from: F.owner).outcome == .applied)
        #expect(chat.state.activeEscalation?.trend == trend)
    }

    @Test func watchListAddAndRemove() {
        var chat = activeCase()
        let added = chat.send(.watch(F.vp), from: F.owner)
        #expect(chat.state.activeEscalation?.watchList == [F.vp])
        #expect(added.notices.contains { $0.kind == .watchListChanged && $0.to.contains(F.vp) })
        chat.send(.unwatch(F.vp), from: F.owner)
        #expect(chat.state.activeEscalation?.watchList == [])
    }

    @Test func linkAndUnlinkCasesOnAccountEscalationsOnly() {
        var account = activeAccount()
        account.send(.link(F.reports), from: F.escalationManager)
        #expect(account.state.activeEscalation?.linkedCases == [F.login, F.reports])
        account.send(.unlink(F.login), from: F.escalationManager)
        #expect(account.state.activeEscalation?.linkedCases == [F.reports])
        var caseChat = activeCase()
        #expect(caseChat.send(.link(F.reports), from: F.owner).outcome == .refused(.notUnderstood))
    }

    @Test func assignMovesAnAccountEscalation() {
        var account = activeAccount()
        account.send(.assign(F.owner), from: F.escalationManager)
        #expect(account.state.activeEscalation?.assignedTo == F.owner)
    }

    @Test func customersMayCommentButNotManage() {
        var chat = activeCase()
        #expect(chat.send(.severity("high"), from: F.jane).outcome == .refused(.notPermitted))
        #expect(chat.send(.comment("Any news?"), from: F.jane).outcome == .applied)
    }

    @Test func onlyApproversOfTheRequestMayDecide() {
        var chat = Conversation(.supportCase(F.login))
        chat.send(Conversation.escalate(), from: F.jane)
        #expect(chat.send(.approve, from: F.owner).outcome == .refused(.notPermitted))
        #expect(chat.send(.approve, from: F.jane).outcome == .refused(.notPermitted))
        #expect(chat.state.escalation == nil)
    }

    @Test func unknownSendersChangeNothingAndLearnNothing() throws {
        var chat = activeCase()
        let before = chat.state
        for command in [Conversation.escalate(), .approve, .deescalate(reason: "done"), .comment("status?")] {
            let decision = chat.send(command, from: F.stranger)
            #expect(decision.outcome == .refused(.unknownSender))
            #expect(decision.state == before)
            let notice = try #require(decision.notices.first)
            #expect(notice.kind == .unknownSender && notice.source == nil && notice.escalation == nil && notice.request == nil)
        }
    }

    @Test func contactOfAnotherAccountIsToldNoSuchCaseIsOnTheirAccount() {
        var chat = Conversation(.supportCase(F.login))
        let decision = chat.send(Conversation.escalate(), from: F.bob)
        #expect(decision.outcome == .refused(.noSuchCase))
        #expect(decision.notices.map(\.kind) == [.noSuchCase])
        #expect(decision.notices.first?.source == nil && decision.notices.first?.escalation == nil)
        #expect(chat.state.requests.isEmpty)
    }

    @Test func deescalationRolesFollowThePolicy() {
        var chat = activeCase()
        #expect(chat.send(.deescalate(reason: "done"), from: F.vp).outcome == .refused(.notPermitted))
        #expect(chat.send(.deescalate(reason: "done"), from: F.owner).outcome == .applied)
    }

    @Test func slaWarningAtThreeQuartersAndBreachAtTheDeadlineEachOnce() throws {
        let chat = activeCase()
        let escalation = try #require(chat.state.activeEscalation)
        let created = escalation.createdAt
        #expect(chat.engine.tick(escalation, directory: Fixtures.directory, now: created.addingTimeInterval(2 * 3600)) == nil)
        let warned = try #require(chat.engine.tick(escalation, directory: Fixtures.directory, now: created.addingTimeInterval(3 * 3600)))
        #expect(warned.notices.map(\.kind) == [.slaWarning])
        #expect(warned.notices.first?.to == [F.owner])
        #expect(chat.engine.tick(warned.escalation, directory: Fixtures.directory, now: created.addingTimeInterval(3 * 3600 + 60)) == nil)
        let breached = try #require(chat.engine.tick(warned.escalation, directory: Fixtures.directory, now: created.addingTimeInterval(4 * 3600)))
        #expect(breached.notices.map(\.kind) == [.slaBreached])
        #expect(breached.escalation.sla.response.breachedAt == escalation.sla.response.dueAt)
    }

    @Test func theOwnersFirstUpdateMeetsTheResponseAndStartsTheUpdateClock() throws {
        var chat = activeCase()
        chat.send(.comment("Working on it."), from: F.owner, after: 1800)
        let sla = try #require(chat.state.activeEscalation?.sla)
        #expect(sla.response.status == "met")
        #expect(sla.update?.dueAt == chat.now.addingTimeInterval(86_400))
        chat.send(.comment("Customer comment"), from: F.jane, after: 60)
        #expect(chat.state.activeEscalation?.sla.updatesMet == 0)
        chat.send(.comment("Patch deployed."), from: F.owner, after: 3600)
        #expect(chat.state.activeEscalation?.sla.updatesMet == 1)
    }

    @Test func everyChangeIsJournaledWithActorAndCause() {
        var chat = activeCase()
        chat.send(.trend(.worsening), from: F.owner)
        #expect(chat.journal.map(\.action) == ["request.created", "approval.approved", "escalation.created", "escalation.trend_changed"])
        #expect(chat.journal.last?.actor == F.owner.value)
        #expect(chat.journal.last?.cause == "<m3@test>")
    }

    @Test(arguments: [("30s", 30), ("45m", 2700), ("4h", 14_400), ("2d", 172_800), ("1h30m", 5400)])
    func durationsParse(_ text: String, _ seconds: Int) {
        #expect(TimeSpan(text)?.seconds == seconds)
    }

    @Test(arguments: ["", "4", "4x", "h4", "-1h"])
    func badDurationsAreRejected(_ text: String) {
        #expect(TimeSpan(text) == nil)
    }
}
