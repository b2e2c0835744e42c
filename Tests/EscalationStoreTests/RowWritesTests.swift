import EscalationCore
import EscalationValues
import Foundation
import GRDB
import Gateway
import GatewayTestSupport
import MailTransport
import Testing

@testable import EscalationStore

/// A decision writes only the rows it changed: an unchanged state writes nothing, a watcher
/// added is one row, a decision on a request is one row and its request's.
@Suite struct RowWritesTests {
    @Test(.sqliteFileOnly) func onlyChangedRowsAreWritten() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        let request = try gateway.process(
            InboundMail(raw: try workspace.sample("01-case-escalation-approved/01-jane-escalates.eml"), mailbox: "t", position: "1"))
        #expect(request.outcome == .applied)
        let source = EscalationSource.supportCase(CaseNumber(unchecked: "CS0001234"))

        func rowsWritten(_ change: (inout SubjectState) -> Void) throws -> Int {
            try gateway.store.transaction { session in
                let state = try session.subjectState(source)
                var changed = state
                change(&changed)
                let before = session.sqlite!.totalChangesCount
                try session.save(Decision(outcome: .applied, state: changed), from: state, warningShare: 0.75, approvalDue: { _ in nil })
                return session.sqlite!.totalChangesCount - before
            }
        }

        #expect(try rowsWritten { _ in } == 0)
        let approver = EmailAddress(unchecked: "duty-manager@support.example")
        // The decision appended (one row) and the request's row (its state).
        #expect(
            try rowsWritten { state in
                state.requests[0].decisions.append(ApprovalDecision(approver: approver, decision: .rejected, reason: "not yet", at: Date()))
                state.requests[0].state = .rejected
            } == 2)
        let rejected = try gateway.store.read { try $0.subjectState(source) }.requests[0]
        #expect(rejected.state == .rejected && rejected.decisions.map(\.approver) == [approver])
        #expect(try gateway.store.read { try $0.requestsAwaiting(approver) }.isEmpty)
    }
}
