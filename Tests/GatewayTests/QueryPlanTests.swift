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
}
