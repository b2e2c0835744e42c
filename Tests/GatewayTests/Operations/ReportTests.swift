import Foundation
import GatewayTestSupport
import Testing

/// `report --json` over the samples, checked against figures worked out here from what the
/// sample conversations do (who asks, who decides, which waits pass which SLA targets), not
/// from the report's own output.
@Suite(.serialized) struct ReportTests {
    /// A request of the samples: the step that makes it, the step that decides it (nil: never
    /// decided), and what becomes of it.
    struct SampleRequest {
        var made: String
        var decided: String?
        var state: String
        /// It follows an earlier request on the same case (`request.reescalated`).
        var reescalation: Bool
        var account: String
    }

    static let requests = [
        SampleRequest(
            made: "01-case-escalation-approved/01", decided: "01-case-escalation-approved/02", state: "approved", reescalation: false,
            account: "ACC0001001"),
        SampleRequest(
            made: "02-rejected-then-reescalated/01", decided: "02-rejected-then-reescalated/02", state: "rejected", reescalation: false,
            account: "ACC0001002"),
        SampleRequest(
            made: "02-rejected-then-reescalated/06", decided: "02-rejected-then-reescalated/07", state: "approved", reescalation: true,
            account: "ACC0001002"),
        SampleRequest(
            made: "03-account-escalation-linked-cases/01", decided: "03-account-escalation-linked-cases/02", state: "approved", reescalation: false,
            account: "ACC0001001"),
        SampleRequest(
            made: "08-reminder-and-pending/01", decided: "08-reminder-and-pending/03", state: "approved", reescalation: false, account: "ACC0001001"),
        // Jane asks again after CS0001234's escalation ended, then withdraws: a re-escalation never decided.
        SampleRequest(made: "09-withdrawn-request/01", decided: nil, state: "withdrawn", reescalation: true, account: "ACC0001001"),
    ]

    /// When each step of the samples is played, in seconds from the start: the demo moves its
    /// clock a minute before every step, and by `X-Demo-Wait` before the steps that have one.
    static func stepTimes() throws -> [String: Int] {
        let conversations = TestWorkspace.repository.appendingPathComponent("Samples/conversations")
        var times: [String: Int] = [:]
        var now = 0
        for conversation in try FileManager.default.contentsOfDirectory(atPath: conversations.path).sorted() {
            let folder = conversations.appendingPathComponent(conversation)
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".eml") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                if let wait = text.split(separator: "\n").first(where: { $0.hasPrefix("X-Demo-Wait:") }) {
                    let value = wait.dropFirst("X-Demo-Wait:".count).trimmingCharacters(in: .whitespaces)
                    let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
                    now += (Int(value.dropLast()) ?? 0) * (units[value.last ?? "s"] ?? 1)
                }
                now += 60
                times["\(conversation)/\(file.prefix(2))"] = now
            }
        }
        return times
    }

    static func nearestRank(_ values: [Double], _ share: Double) -> Double {
        let sorted = values.sorted()
        return sorted[Int((share * Double(sorted.count)).rounded(.up)) - 1]
    }

    @Test(.sqliteFileOnly) func reportFiguresMatchTheSampleConversations() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let conversations = TestWorkspace.repository.appendingPathComponent("Samples/conversations").path
        let demo = try GatewayCLI.run([
            "demo", "--config", workspace.configURL.path, "--directory", workspace.directoryFile, "--conversations", conversations,
        ])
        #expect(demo.status == 0)
        let output = try GatewayCLI.run(["report", "--json", "--since", "30d", "--config", workspace.configURL.path])
        #expect(output.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.output.utf8)) as? [String: Any], "\(output.output)")

        // Requests: six asked, five decided, one rejected (02), one withdrawn (09); two followed
        // an earlier request on the same case (02's second, 09's).
        let requests = try #require(report["requests"] as? [String: Any])
        let decided = Self.requests.filter { $0.decided != nil }
        let rejected = Self.requests.filter { $0.state == "rejected" }
        let reescalations = Self.requests.filter(\.reescalation)
        #expect(requests["total"] as? Int == Self.requests.count)
        #expect(requests["decided"] as? Int == decided.count)
        #expect(requests["rejected"] as? Int == rejected.count)
        #expect(requests["withdrawn"] as? Int == Self.requests.filter { $0.state == "withdrawn" }.count)
        #expect(requests["pending"] as? Int == 0)
        #expect(requests["reescalations"] as? Int == reescalations.count)
        #expect(requests["rejectionRate"] as? Double == Double(rejected.count) / Double(decided.count))
        #expect(abs((requests["reescalationRate"] as? Double ?? 0) - Double(reescalations.count) / Double(Self.requests.count)) < 1e-9)

        // Time to first decision: from each request's step to its decision's step.
        let times = try Self.stepTimes()
        let waits = try decided.map { request in Double(try #require(times[request.decided ?? ""]) - (try #require(times[request.made]))) }
        let first = try #require(report["timeToFirstDecision"] as? [String: Any])
        #expect(first["decided"] as? Int == decided.count)
        #expect(first["medianSeconds"] as? Double == Self.nearestRank(waits, 0.5))
        #expect(first["p90Seconds"] as? Double == Self.nearestRank(waits, 0.9))
        #expect(Self.nearestRank(waits, 0.9) > 4 * 3600, "the request of 08 waited past its reminder")

        // Opened: the four approved requests, by reason (as their mails give it), account and
        // severity now (case escalations start medium, the account's high; 04 raises
        // CS0001234's to high). Closed: 05 ends CS0001234's.
        let opened = try #require(report["opened"] as? [String: Any])
        #expect(opened["total"] as? Int == 4)
        #expect(Self.counts(opened["byReason"]) == ["Lack of Progress": 3, "Customer Imposed Deadline": 1])
        #expect(Self.counts(opened["byAccount"]) == ["ACC0001001": 3, "ACC0001002": 1])
        #expect(Self.counts(opened["bySeverity"]) == ["high": 2, "medium": 2])
        let closed = try #require(report["closed"] as? [String: Any])
        #expect(closed["total"] as? Int == 1)
        #expect(Self.counts(closed["byReason"]) == ["Lack of Progress": 1])
        #expect(Self.counts(closed["byAccount"]) == ["ACC0001001": 1])
        #expect(Self.counts(closed["bySeverity"]) == ["high": 1])

        // SLA. Response: CS0001234's met by its owner's severity change (04), the account's by
        // its manager's comment (03); CS0002001's (medium, 4h) breached during the 4-hour wait
        // of 08; CS0001235's still runs. Update: CS0001234's owner updated twice in time (04's
        // trend and comment); the account's update clock (high, 4h) breached in that wait.
        // Resolution: CS0001234's met at its de-escalation (05).
        let sla = try #require(report["sla"] as? [[String: Any]])
        var slaFigures: [String: String] = [:]
        for row in sla {
            slaFigures["\(row["target"] ?? "") \(row["severity"] ?? "")"] = "\(row["met"] ?? "")/\(row["breached"] ?? "")"
        }
        #expect(slaFigures == ["response high": "2/0", "response medium": "0/1", "update high": "2/1", "resolution high": "1/0"])

        // Busiest accounts: Acme (three escalations, four requests), then Globex (one, two).
        let busiest = try #require(report["busiestAccounts"] as? [[String: Any]])
        let expectedAccounts = Dictionary(grouping: Self.requests, by: \.account).mapValues(\.count)
        #expect(
            busiest.map { "\($0["account"] ?? "") \($0["name"] ?? "") \($0["escalations"] ?? "") \($0["requests"] ?? "")" } == [
                "ACC0001001 Acme Corp 3 \(expectedAccounts["ACC0001001"] ?? 0)", "ACC0001002 Globex Ltd 1 \(expectedAccounts["ACC0001002"] ?? 0)",
            ])

        let csv = try GatewayCLI.run(["report", "--csv", "--config", workspace.configURL.path])
        #expect(csv.status == 0)
        #expect(csv.output.hasPrefix("section,dimension,key,name,value\r\n"))
        #expect(csv.output.contains("requests,rejection_rate,,,0.2000\r\n"))
        #expect(csv.output.contains("opened,account,ACC0001001,Acme Corp,3\r\n"))
        let text = try GatewayCLI.run(["report", "--config", workspace.configURL.path])
        #expect(text.output.contains("rejection rate 20%"))
        #expect(try GatewayCLI.run(["report", "--since", "soon", "--config", workspace.configURL.path]).status != 0)
    }

    /// `[{key, count}]` as a dictionary.
    static func counts(_ value: Any?) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: ((value as? [[String: Any]]) ?? []).map { ("\($0["key"] ?? "")", $0["count"] as? Int ?? -1) })
    }
}
