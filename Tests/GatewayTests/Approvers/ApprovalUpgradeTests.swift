import EscalationCore
import EscalationValues
import Foundation
import GRDB
import Gateway
import GatewayDemo
import GatewayTestSupport
import Testing

@testable import EscalationStore

/// A request left pending by a version before approvers were indexed and reminded is found by
/// `pending` and reminded after the upgrade (migration `v7-issue24-approval-waits`).
@Suite(.sqliteFileOnly) struct ApprovalUpgradeTests {
    @Test func aRequestPendingBeforeTheUpgradeWaitsForItsApproversAndIsReminded() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let config = try GatewayConfig.load(path: workspace.configURL.path)
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: config.sqlitePath!).deletingLastPathComponent(), withIntermediateDirectories: true)
        let database = try DatabaseQueue(path: config.sqlitePath!)
        try Migrations.migrator.migrate(database, upTo: "v6-confirmations")
        // The body as the earlier versions wrote it: Dana already approved under rule `all`.
        let body = """
            {"number":"REQ0000001","source":"CS0001234","account":"ACC0001001","state":"pending","requester":"jane@acme.example",\
            "reason":"Lack of Progress","justification":"Users are blocked.","severity":"medium","template":"case-default",\
            "approvers":["duty-manager@support.example","t2-manager@support.example"],"approvalRule":"all",\
            "decisions":[{"approver":"duty-manager@support.example","decision":"approved","at":\(start.timeIntervalSince1970 + 60)}],\
            "previousRequests":[],"linkedCases":[],"createdAt":\(start.timeIntervalSince1970)}
            """
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO request(number, source, state, body) VALUES ('REQ0000001', 'CS0001234', 'pending', ?)", arguments: [body])
            try db.execute(sql: "INSERT INTO counter(name, value) VALUES ('request', 2)")
        }
        try database.close()

        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let clock = VirtualClock(start: start.addingTimeInterval(3600))
        let gateway = try workspace.gateway(clock: { clock.now() })
        #expect(try gateway.pendingApprovals(for: EmailAddress("t2-manager@support.example")).map(\.number) == ["REQ0000001"])
        #expect(try gateway.pendingApprovals(for: EmailAddress("duty-manager@support.example")).isEmpty, "Dana has decided")

        clock.advance(by: 3 * 3600)
        try gateway.tickSLAs()
        let reminders = try gateway.outbox().filter { $0.kind == "approval-reminder" }
        #expect(reminders.map(\.recipients) == [["t2-manager@support.example"]])
    }
}
