import EscalationStore
import Foundation
import GRDB
import Testing

/// Every foreign key of the model's tables (requests, escalations and their lists and clocks)
/// leads an index on its child column. Without one SQLite scans the whole child
/// table whenever it must find a parent row's children (for a deferred key, on every parent
/// row inserted while a violation is outstanding): at 30,000 mails `bench pipeline` ran at
/// two thirds of its speed while `request(escalation)` had no index.
@Suite struct ForeignKeyIndexTests {
    static let modelTables = [
        "request", "request_approver", "approval_decision", "request_previous", "request_case", "escalation", "escalation_case_link",
        "watch_list_entry", "sla_clock",
    ]

    @Test func everyForeignKeyLeadsAnIndex() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("eg-fk-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Store(path: path)
        let database = try DatabaseQueue(path: path)
        let keys = try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT m.name AS child, f."from" AS child_column FROM sqlite_master m, pragma_foreign_key_list(m.name) f
                    WHERE m.type = 'table'
                    """
            ).filter { Self.modelTables.contains($0["child"]) }
        }
        let leading = try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT m.name AS owner, c.name AS leading_column FROM sqlite_master m, pragma_index_list(m.name) i,
                    pragma_index_info(i.name) c WHERE m.type = 'table' AND c.seqno = 0
                    """
            ).map { "\($0["owner"] as String).\($0["leading_column"] as String)" }
        }
        #expect(keys.count >= 10, "foreign keys read: \(keys.count)")
        let unindexed = keys.map { "\($0["child"] as String).\($0["child_column"] as String)" }.filter { !leading.contains($0) }
        #expect(unindexed.isEmpty, "foreign keys without an index: \(unindexed)")
    }
}
