import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import Gateway

/// `/`: the active escalations (severity badge, trend, age, owner, SLA clocks), "My Approvals"
/// (every pending request, or those waiting for `?approver=`), and failed or stuck mail.
struct DashboardHome {
    let gateway: Gateway
    let now: Date
    /// How many rows each list shows at most; the heading says how many there are.
    static let listLimit = 200

    func render(approverParameter: String?) throws -> String {
        let filter = approverParameter?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let approver = filter.flatMap { EmailAddress($0) }
        let outboxAge = Double(gateway.config.http?.readyOutboxAge.seconds ?? 600)
        let (active, pending, failed, stuck) = try gateway.store.read { session in
            (
                try session.dashboardActiveEscalations(limit: Self.listLimit),
                try session.dashboardPendingRequests(for: approver, limit: Self.listLimit),
                try session.dashboardFailedMail(limit: Self.listLimit),
                try session.dashboardStuckOutbox(queuedBefore: now.addingTimeInterval(-outboxAge), limit: Self.listLimit)
            )
        }
        let names = DashboardNames(directory: gateway.directoryLookup)
        var body = "<h1>Escalations</h1>\n<p class=\"muted\">As of \(DashboardTime.element(now)). Read-only; change escalations by mail.</p>\n"
        body += activeSection(active.escalations, total: active.total, names: names)
        body += approvalsSection(pending.requests, total: pending.total, filter: filter, approver: approver, names: names)
        body += mailSection(failed: failed.mail, failedTotal: failed.total, stuck: stuck)
        return DashboardLayout.page(title: "Escalations", current: "Escalations", body: body)
    }

    private func activeSection(_ escalations: [DashboardEscalation], total: Int, names: DashboardNames) -> String {
        var html = "<section id=\"active\" aria-labelledby=\"active-title\">\n"
        html += "<h2 id=\"active-title\">Active escalations <span class=\"count\">(\(total))</span></h2>\n"
        guard !escalations.isEmpty else { return html + "<p class=\"empty\">No active escalation.</p>\n</section>\n" }
        if escalations.count < total { html += "<p class=\"muted\">The \(escalations.count) nearest their next SLA event are shown.</p>\n" }
        html += """
            <table class="list"><thead><tr><th>Escalation</th><th>Severity</th><th>Case or account</th><th>Trend</th><th>Age</th>\
            <th>Owner or assignee</th><th>SLA</th></tr></thead><tbody>

            """
        let configuration = gateway.config.escalation
        for escalation in escalations {
            let clocks = escalation.clocks.map {
                ClockStatus($0, stoppedAt: escalation.slaStoppedAt, configuration: configuration, now: now).html
            }.joined(separator: " ")
            let owner =
                names.owner(source: escalation.source, assignedTo: escalation.assignedTo).map(names.person) ?? "<span class=\"muted\">none</span>"
            html += """
                <tr><td data-label="Escalation"><a href="/escalations/\(HTML.escape(escalation.number.value))">\(HTML.escape(escalation.number.value))</a>\
                <div class="muted">\(HTML.escape(escalation.reason))</div></td>\
                <td data-label="Severity">\(SeverityBadge.html(escalation.severity, configuration: configuration))</td>\
                <td data-label="Case/account">\(names.title(escalation.source))\(escalation.source.type == .case ? "<div class=\"muted\">\(names.accountName(escalation.account))</div>" : "")</td>\
                <td data-label="Trend" class="nowrap">\(Self.trend(escalation.trend))</td>\
                <td data-label="Age" class="nowrap">\(DashboardTime.span(now.timeIntervalSince(escalation.createdAt)))</td>\
                <td data-label="Owner">\(owner)</td>\
                <td data-label="SLA">\(clocks)</td></tr>

                """
        }
        return html + "</tbody></table>\n</section>\n"
    }

    private func approvalsSection(
        _ requests: [DashboardPendingRequest], total: Int, filter: String?, approver: EmailAddress?, names: DashboardNames
    ) -> String {
        var html = "<section id=\"approvals\" aria-labelledby=\"approvals-title\">\n"
        let heading = approver.map { "My Approvals: waiting for \(names.person($0))" } ?? "My Approvals: every pending request"
        html += "<h2 id=\"approvals-title\">\(heading) <span class=\"count\">(\(approver == nil ? total : requests.count))</span></h2>\n"
        html += """
            <form class="filter" method="get" action="/#approvals"><label for="approver">Approver's address\
            <input id="approver" name="approver" type="email" autocomplete="email" value="\(HTML.escape(filter ?? ""))"></label>\
            <button type="submit">Show</button>\(approver == nil ? "" : " <a href=\"/#approvals\">Show every pending request</a>")</form>

            """
        if let filter, approver == nil {
            html += "<p class=\"error\">Not a mail address: \(HTML.escape(filter)). Every pending request is shown.</p>\n"
        }
        guard !requests.isEmpty else {
            return html
                + "<p class=\"empty\">\(approver == nil ? "No request waits for a decision." : "Nothing waits for this approver.")</p>\n</section>\n"
        }
        let configuration = gateway.config.escalation
        for request in requests {
            let waiting = request.waitingFor.map(names.person).joined(separator: ", ")
            html += """
                <article class="card"><h3>\(HTML.escape(request.number.value)) · \(names.title(request.source))</h3>\
                <p>\(SeverityBadge.html(request.severity, configuration: configuration)) \(HTML.escape(request.reason)) · \
                \(names.accountName(request.account)) · requested by \(names.person(request.requester)) · waiting \
                \(DashboardTime.span(now.timeIntervalSince(request.createdAt)))\(request.overdueAt == nil ? "" : " · <strong>overdue</strong>")</p>\
                <div class="quote">\(HTML.escape(request.justification))</div>\
                <p class="muted">Waiting for \(waiting.isEmpty ? "nobody" : waiting). Decide by answering the approval mail.</p></article>

                """
        }
        return html + "</section>\n"
    }

    private func mailSection(failed: [FailedMail], failedTotal: Int, stuck: [DashboardStuckMail]) -> String {
        var html = "<section id=\"mail\" aria-labelledby=\"mail-title\">\n<h2 id=\"mail-title\">Mail problems</h2>\n"
        html += "<h3>Failed mail <span class=\"count\">(\(failedTotal))</span></h3>\n"
        if failed.isEmpty {
            html += "<p class=\"empty\">No mail failed.</p>\n"
        } else {
            html += "<p class=\"muted\">Process one again after a fix with <code>escalation-gateway failed --retry ID</code>.</p>\n"
            html += "<table class=\"list\"><thead><tr><th>ID</th><th>Received</th><th>Where</th><th>Reason</th></tr></thead><tbody>\n"
            for mail in failed {
                html += """
                    <tr><td data-label="ID">\(mail.id)</td><td data-label="Received">\(DashboardTime.element(mail.receivedAt))</td>\
                    <td data-label="Where">\(HTML.escape(mail.position))</td><td data-label="Reason">\(HTML.escape(mail.reason))</td></tr>

                    """
            }
            html += "</tbody></table>\n"
        }
        html += "<h3>Outgoing mail not delivered <span class=\"count\">(\(stuck.count))</span></h3>\n"
        if stuck.isEmpty { return html + "<p class=\"empty\">Every outgoing mail was delivered or is on time.</p>\n</section>\n" }
        html += "<p class=\"muted\">Mail given up can be queued again with <code>escalation-gateway outbox --retry</code>.</p>\n"
        html += "<table class=\"list\"><thead><tr><th>ID</th><th>State</th><th>Mail</th><th>Queued</th><th>Last error</th></tr></thead><tbody>\n"
        for mail in stuck {
            let state =
                mail.state == "failed"
                ? "given up after \(mail.attempts) attempts"
                : "pending, \(mail.attempts) failed attempts, next \(DashboardTime.moment(mail.nextAttemptAt))"
            html += """
                <tr><td data-label="ID">\(mail.id)</td><td data-label="State">\(HTML.escape(state))</td>\
                <td data-label="Mail">\(HTML.escape(mail.kind))\(mail.source.map { " · " + HTML.escape($0) } ?? "")<div class="muted">\(HTML.escape(mail.subject))</div></td>\
                <td data-label="Queued">\(DashboardTime.element(mail.createdAt))</td><td data-label="Last error">\(HTML.escape(mail.lastError ?? ""))</td></tr>

                """
        }
        return html + "</tbody></table>\n</section>\n"
    }

    static func trend(_ trend: String) -> String {
        switch trend {
        case "improving": "↗ improving"
        case "worsening": "↘ worsening"
        case "unchanged": "→ unchanged"
        default: HTML.escape(trend)
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
