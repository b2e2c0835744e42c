import EscalationStore
import Foundation
import GatewayTestSupport
import Testing

/// The staff dashboard served by the real `run`: what customers wrote is shown as text, never
/// as markup, on every page that shows it; "My Approvals" filters by approver; the lists and
/// the escalation page carry what they promise.
@Suite(.serialized) struct DashboardTests {
    /// A justification and a comment with a script, markup and an attribute-breaking quote.
    static let hostile = #"<script>alert("pwned")</script> Our <b>whole</b> team & "partners" are locked out <img src=x onerror=alert(1)>'"#
    static let hostileEscaped = "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; Our &lt;b&gt;whole&lt;/b&gt; team &amp; &quot;partners&quot;"

    static func mail(from: String, id: String, subject: String, body: String) -> String {
        """
        From: \(from)\r
        To: Escalations <escalations@support.example>\r
        Subject: \(subject)\r
        Date: Tue, 24 Nov 2026 16:00:00 +0000\r
        Message-ID: <\(id)>\r
        MIME-Version: 1.0\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        \(body.replacingOccurrences(of: "\n", with: "\r\n"))\r

        """
    }

    /// The account template without approval (its escalation exists at once), the case
    /// template with it (its request waits); each mail carries the hostile text.
    @Test func customerTextIsEscapedAndApprovalsFilterByApprover() throws {
        let port = RunningGateway.freePort()
        let workspace = try TestWorkspace(
            extraConfig: "[http]\nlisten = \"127.0.0.1:\(port)\"\n",
            replacing: [
                (
                    "name = \"account-default\"\ntype = \"account\"\napproval = true",
                    "name = \"account-default\"\ntype = \"account\"\napproval = false"
                )
            ])
        defer { workspace.remove() }
        #expect(try GatewayCLI.run(["import", "--config", workspace.configURL.path, workspace.directoryFile]).status == 0)
        let inbox = workspace.folder.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Self.mail(
            from: "Jane Doe <jane@acme.example>", id: "hostile-1@acme.example", subject: "Our account needs attention",
            body: "ESCALATE ACCOUNT\nReason: Executive Visibility\n\(Self.hostile)\n"
        ).write(to: inbox.appendingPathComponent("01.eml"), atomically: true, encoding: .utf8)
        try Self.mail(
            from: "Raj Patel <raj@acme.example>", id: "hostile-2@acme.example", subject: "Reports are slow - CS0001235",
            body: "ESCALATE CS0001235\nReason: Lack of Progress\n\(Self.hostile)\n"
        ).write(to: inbox.appendingPathComponent("02.eml"), atomically: true, encoding: .utf8)
        let gateway = try RunningGateway(config: workspace.configURL.path)
        defer { gateway.stop() }
        let base = "http://127.0.0.1:\(port)"
        let home = try #require(
            waitFor(seconds: 60) { httpGet(base + "/").flatMap { $0.status == 200 && $0.body.contains("REQ0000002") ? $0 : nil } },
            "the dashboard never listed the pending request; log:\n\(gateway.logText)")

        let escalationPage = try #require(httpGet(base + "/escalations/ESC0001001"))
        #expect(escalationPage.status == 200)
        for (page, body) in [("/", home.body), ("/escalations/ESC0001001", escalationPage.body)] {
            #expect(!body.contains("<script"), "\(page): a script element")
            #expect(!body.contains("<b>whole") && !body.contains("<img"), "\(page): customer markup as markup")
            #expect(body.contains(Self.hostileEscaped), "\(page): the text escaped")
        }
        // The escalation page shows the justification, the mail that came in and what went out.
        for heading in ["SLA history", "Requests and decisions", "Watch list", "Linked cases", "Mail thread", "Journal"] {
            #expect(escalationPage.body.contains(heading), "the escalation page has \(heading)")
        }
        #expect(escalationPage.body.contains("In · applied · escalate-account"))
        #expect(escalationPage.body.contains("Out · escalated"))
        #expect(home.body.contains("href=\"/escalations/ESC0001001\""))
        #expect(home.body.contains("class=\"badge\" style=\"background:#c62828;color:#ffffff\">high<"), "high is red, with white text")
        #expect(home.body.contains("clock clock-ok"))

        let forDuty = try #require(httpGet(base + "/?approver=duty-manager%40support.example"))
        #expect(forDuty.body.contains("REQ0000002") && forDuty.body.contains("waiting for Dana Duty"))
        let forVP = try #require(httpGet(base + "/?approver=vp-support%40support.example"))
        #expect(!forVP.body.contains("REQ0000002") && forVP.body.contains("Nothing waits for this approver."))
        let notAnAddress = try #require(httpGet(base + "/?approver=%3Cscript%3E"))
        #expect(notAnAddress.body.contains("Not a mail address: &lt;script&gt;") && !notAnAddress.body.contains("<script"))

        #expect(httpGet(base + "/escalations/ESC0009999")?.status == 404)
        let unknown = try #require(httpGet(base + "/escalations/%3Cscript%3E"))
        #expect(unknown.status == 404 && !unknown.body.contains("<script"))
        #expect(gateway.stop() == 0)
    }

    /// An account escalation on a calendar in Asia/Kolkata (no daylight saving, so the offset
    /// holds whatever day the test runs): its clocks say when they are due in that zone, on the
    /// list and on the escalation page.
    @Test func clocksOnACalendarShowTheirDueTimeInTheCalendarsZone() throws {
        let port = RunningGateway.freePort()
        let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { "\($0) = \"00:00-12:00,12:00-24:00\"" }.joined(separator: "\n")
        let workspace = try TestWorkspace(
            extraConfig:
                "[http]\nlisten = \"127.0.0.1:\(port)\"\n\n[[calendar]]\nname = \"india\"\ntime_zone = \"Asia/Kolkata\"\n[calendar.hours]\n\(days)\n",
            replacing: [
                (
                    "name = \"account-default\"\ntype = \"account\"\napproval = true",
                    "name = \"account-default\"\ntype = \"account\"\napproval = false\ncalendar = \"india\""
                )
            ])
        defer { workspace.remove() }
        #expect(try GatewayCLI.run(["import", "--config", workspace.configURL.path, workspace.directoryFile]).status == 0)
        let inbox = workspace.folder.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Self.mail(
            from: "Jane Doe <jane@acme.example>", id: "calendar-1@acme.example", subject: "Our account needs attention",
            body: "ESCALATE ACCOUNT\nReason: Executive Visibility\nNothing works.\n"
        ).write(to: inbox.appendingPathComponent("01.eml"), atomically: true, encoding: .utf8)
        let gateway = try RunningGateway(config: workspace.configURL.path)
        defer { gateway.stop() }
        let base = "http://127.0.0.1:\(port)"
        let home = try #require(
            waitFor(seconds: 60) { httpGet(base + "/").flatMap { $0.status == 200 && $0.body.contains("ESC0001001") ? $0 : nil } },
            "the dashboard never listed the escalation; log:\n\(gateway.logText)")
        #expect(
            home.body.range(of: #"Response: [0-9hm ]+ left, due 20[0-9-]+ [0-9:]+ UTC\+05:30"#, options: .regularExpression) != nil, "\(home.body)")
        let page = try #require(httpGet(base + "/escalations/ESC0001001"))
        #expect(
            page.body.range(of: #"<td data-label="Due"><time datetime="[^"]+">20[0-9-]+ [0-9:]+ UTC\+05:30</time>"#, options: .regularExpression)
                != nil)
        #expect(gateway.stop() == 0)
    }

    /// Every statement the dashboard runs reads through an index (a partial one where it scans),
    /// and only one approver's list is sorted: a page's cost follows what it shows, not the
    /// size of the database.
    @Test(.sqliteFileOnly, arguments: DashboardSQL.allCases)
    func statementsUseAnIndex(_ statement: DashboardSQL) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("eg-plan-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let plan = try Store(path: path).read { try $0.queryPlan(statement) }
        #expect(!plan.isEmpty)
        #expect(!plan.contains { $0.hasPrefix("SCAN") && !$0.contains("USING") && $0 != "SCAN CONSTANT ROW" }, "\(statement): \(plan)")
        if statement != .pendingRequestsAwaiting {
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(statement) sorts: \(plan)")
        }
    }
}
