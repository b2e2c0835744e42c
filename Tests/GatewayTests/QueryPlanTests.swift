import EscalationStore
import Foundation
import Testing

/// Every statement on the hot path finds its rows through an index: no full-table scan.
@Suite struct QueryPlanTests {
    @Test(arguments: HotPathSQL.allCases)
    func usesAnIndex(_ statement: HotPathSQL) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("eg-plan-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let plan = try Store(path: path).read { try $0.queryPlan(statement) }
        #expect(!plan.isEmpty)
        #expect(!plan.contains { $0.hasPrefix("SCAN") && $0 != "SCAN CONSTANT ROW" }, "\(statement): \(plan)")
    }
}
