import EscalationStore
import Foundation
import GRDB
import Gateway
import GatewayTestSupport
import MailTransport
import Testing

/// Mail queued by a version that kept a mail's bytes in its outbox row is still sent after
/// the upgrade that moved them to `outbox_body`.
@Suite(.sqliteFileOnly) struct OutboxUpgradeTests {
    @Test func mailQueuedBeforeTheUpgradeIsSentWithItsBytes() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let gateway = try workspace.gateway()
        let raw =
            "From: escalations@support.example\r\nTo: jane@acme.example\r\nSubject: queued before\r\nMessage-ID: <old-1@support.example>\r\n\r\nbody\r\n"
        let database = try DatabaseQueue(path: gateway.config.sqlitePath!)
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO outbox(id, message_id, kind, source, request, subject, raw, next_attempt_at, created_at)
                    VALUES (1, 'old-1@support.example', 'approved', NULL, NULL, 'queued before', ?, 0, 0);
                    INSERT INTO outbox_recipient(outbox_id, address, created_at) VALUES (1, 'jane@acme.example', 0);
                    """, arguments: [Data(raw.utf8)])
        }
        try database.close()

        #expect(try gateway.dispatch(to: try gateway.config.makeSink()) == 1)
        let written = try String(contentsOf: try #require(try workspace.outboxFiles().first), encoding: .utf8)
        #expect(written.hasSuffix(raw))
        #expect(try gateway.outbox().first?.state == .sent)
    }
}
