import EscalationStore
import Foundation
import Testing

/// Every statement on the hot path finds its rows through an index: no full-table scan. Those
/// run for every mail also fill no temporary table (an `IN (subquery)` list or a sort); the
/// timed passes' selections (once per tick) and `PENDING`'s (once per request) may.
@Suite struct QueryPlanTests {
    @Test(arguments: HotPathSQL.allCases)
    func usesAnIndex(_ statement: HotPathSQL) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("eg-plan-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let plan = try Store(path: path).read { try $0.queryPlan(statement) }
        #expect(!plan.isEmpty)
        #expect(!plan.contains { $0.hasPrefix("SCAN") && $0 != "SCAN CONSTANT ROW" }, "\(statement): \(plan)")
        if ![.slaDue, .approvalDue, .requestsAwaiting].contains(statement) {
            #expect(!plan.contains { $0.contains("TEMP B-TREE") || $0.hasPrefix("LIST SUBQUERY") }, "\(statement): \(plan)")
        }
    }

    /// The scrape's statements read the pending rows through `outbox_pending`, never the table.
    @Test(arguments: HealthSQL.allCases)
    func healthStatementsReadThePendingIndex(_ statement: HealthSQL) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("eg-plan-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let plan = try Store(path: path).read { try $0.queryPlan(statement) }
        #expect(plan.contains { $0.contains("INDEX outbox_pending") }, "\(statement): \(plan)")
        #expect(!plan.contains { $0 == "SCAN outbox" }, "\(statement): \(plan)")
    }
}
