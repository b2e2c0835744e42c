import EscalationCore
import Foundation
import Gateway

/// `/report?since=30d`: `escalation-gateway report` as a page.
struct ReportPageView {
    let gateway: Gateway
    let now: Date

    func render(sinceParameter: String?) throws -> String {
        let text = sinceParameter?.trimmingCharacters(in: .whitespaces).nilIfEmpty ?? "30d"
        var body = "<h1>Report</h1>\n"
        let period: TimeSpan
        if let parsed = TimeSpan(text), parsed.seconds > 0 {
            period = parsed
        } else {
            period = TimeSpan(seconds: 30 * 86_400)
            body += "<p class=\"error\">Not a duration: \(HTML.escape(text)). The last 30 days are shown.</p>\n"
        }
        let report = try gateway.activityReport(since: now.addingTimeInterval(-Double(period.seconds)))
        body += """
            <form class="filter" method="get" action="/report"><label for="since">Period ending now (30d, 7d, 12h)\
            <input id="since" name="since" value="\(HTML.escape(period.description))"></label><button type="submit">Show</button></form>
            <p class="muted">From \(HTML.escape(report.since)) to \(HTML.escape(report.until)). The same figures: \
            <code>escalation-gateway report --since \(HTML.escape(period.description)) --json</code> (or <code>--csv</code>).</p>

            """
        body += "<h2>Requests and decisions</h2>\n<dl class=\"facts\">"
        let requests = report.requests
        body += "<dt>Requests</dt><dd>\(requests.total)</dd><dt>Decided</dt><dd>\(requests.decided)</dd>"
        body += "<dt>Rejected</dt><dd>\(requests.rejected) (\(ActivityReport.percent(requests.rejectionRate)) of decided)</dd>"
        body += "<dt>Re-escalations</dt><dd>\(requests.reescalations) (\(ActivityReport.percent(requests.reescalationRate)) of requests)</dd>"
        body += "<dt>Withdrawn</dt><dd>\(requests.withdrawn)</dd><dt>Pending</dt><dd>\(requests.pending)</dd>"
        let first = report.timeToFirstDecision
        body += "<dt>Time to first decision</dt><dd>median \(ActivityReport.duration(first.medianSeconds)), "
        body += "90th percentile \(ActivityReport.duration(first.p90Seconds))</dd></dl>\n"
        for (title, breakdown) in [("Opened", report.opened), ("Closed", report.closed)] {
            body += "<h2>\(title) <span class=\"count\">(\(breakdown.total))</span></h2>\n"
            if breakdown.total == 0 {
                body += "<p class=\"empty\">None.</p>\n"
                continue
            }
            for (dimension, counts) in [
                ("By reason", breakdown.byReason), ("By account", breakdown.byAccount), ("By severity", breakdown.bySeverity),
            ] {
                body += "<h3>\(dimension)</h3>\n<ul class=\"plain\">"
                let (shown, more) = dimension == "By account" ? ActivityReport.listed(counts) : (counts[...], nil)
                for count in shown {
                    let label =
                        dimension == "By severity"
                        ? SeverityBadge.html(count.key, configuration: gateway.config.escalation)
                        : HTML.escape(count.name.map { "\($0) (\(count.key))" } ?? count.key)
                    body += "<li>\(label): \(count.count)</li>"
                }
                if let more {
                    body +=
                        "<li class=\"muted\">and \(more.entries) more accounts, \(more.count) in all (each one in <code>report --json</code> and <code>--csv</code>)</li>"
                }
                body += "</ul>\n"
            }
        }
        body += "<h2>SLA</h2>\n"
        if report.sla.isEmpty {
            body += "<p class=\"empty\">No clock met or breached.</p>\n"
        } else {
            body += "<table class=\"list\"><thead><tr><th>Target</th><th>Severity</th><th>Met</th><th>Breached</th></tr></thead><tbody>\n"
            for row in report.sla {
                body += """
                    <tr><td data-label="Target">\(ClockStatus.targetName(row.target))</td>\
                    <td data-label="Severity">\(SeverityBadge.html(row.severity, configuration: gateway.config.escalation))</td>\
                    <td data-label="Met">\(row.met)</td><td data-label="Breached">\(row.breached)</td></tr>

                    """
            }
            body += "</tbody></table>\n"
        }
        body += "<h2>Busiest accounts</h2>\n"
        if report.busiestAccounts.isEmpty {
            body += "<p class=\"empty\">No request.</p>\n"
        } else {
            body += "<table class=\"list\"><thead><tr><th>Account</th><th>Escalations opened</th><th>Requests</th></tr></thead><tbody>\n"
            for account in report.busiestAccounts {
                body += """
                    <tr><td data-label="Account">\(HTML.escape(account.name)) <span class="muted">\(HTML.escape(account.account))</span></td>\
                    <td data-label="Opened">\(account.escalations)</td><td data-label="Requests">\(account.requests)</td></tr>

                    """
            }
            body += "</tbody></table>\n"
        }
        return DashboardLayout.page(title: "Report", current: "Report", body: body)
    }
}
