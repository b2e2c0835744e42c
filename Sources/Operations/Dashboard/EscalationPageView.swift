import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import Gateway

/// `/escalations/ESC…`: one escalation with its SLA clocks and their history, the requests and
/// decisions of its case or account, watch list, linked cases, the thread's mail in and out as
/// text, the journal and the case's work notes.
struct EscalationPageView {
    let gateway: Gateway
    let now: Date

    /// The page, or nil when there is no such escalation.
    func render(_ number: EscalationNumber) throws -> String? {
        guard let page = try gateway.store.read({ try $0.dashboardEscalationPage(number) }) else { return nil }
        let names = DashboardNames(directory: gateway.directoryLookup)
        let configuration = gateway.config.escalation
        let escalation = page.escalation
        let owner = names.owner(source: escalation.source, assignedTo: escalation.assignedTo)
        var body = """
            <p><a href="/">← All escalations</a></p>
            <h1>\(HTML.escape(escalation.number.value)) \(SeverityBadge.html(escalation.severity, configuration: configuration))</h1>
            <p>\(names.title(escalation.source)) · \(names.accountName(escalation.account))</p>
            <dl class="facts">
            <dt>State</dt><dd>\(HTML.escape(escalation.state))\(escalation.deescalatedAt.map { " since " + DashboardTime.element($0) } ?? "")</dd>
            <dt>Trend</dt><dd>\(DashboardHome.trend(escalation.trend))</dd>
            <dt>Age</dt><dd>\(DashboardTime.span(now.timeIntervalSince(escalation.createdAt))) (opened \(DashboardTime.element(escalation.createdAt)))</dd>
            <dt>\(escalation.source.type == .account ? "Assigned to" : "Case owner")</dt><dd>\(owner.map(names.personWithAddress) ?? "none")</dd>
            <dt>Requested by</dt><dd>\(names.personWithAddress(escalation.requester))</dd>
            <dt>Reason</dt><dd>\(HTML.escape(escalation.reason))</dd>
            <dt>Justification</dt><dd><div class="quote">\(HTML.escape(escalation.justification))</div></dd>

            """
        if let reason = escalation.deescalationReason {
            body += "<dt>De-escalated because</dt><dd><div class=\"quote\">\(HTML.escape(reason))</div></dd>\n"
        }
        body += "</dl>\n"
        body +=
            "<h2>SLA</h2>\n<p>"
            + escalation.clocks.map { ClockStatus($0, stoppedAt: escalation.slaStoppedAt, configuration: configuration, now: now).html }.joined(
                separator: " ")
        body += "</p>\n<p class=\"muted\">Updates on time: \(escalation.updatesMet); late: \(escalation.updatesBreached).</p>\n"
        body += history(page.clockHistory, stoppedAt: escalation.slaStoppedAt, configuration: configuration)
        body += requests(page.requests, names: names)
        body += "<h2>Watch list</h2>\n" + list(page.watchList.map(names.personWithAddress), empty: "Nobody watches this escalation.")
        body += "<h2>Linked cases</h2>\n" + list(page.linkedCases.map { names.title(.supportCase($0)) }, empty: "No linked case.")
        body += thread(page.thread)
        body += entries("Journal", page.journal, empty: "No entry.")
        if escalation.source.type == .case { body += entries("Work notes", page.workNotes, empty: "No work note on the case.") }
        return DashboardLayout.page(title: escalation.number.value, current: nil, body: body)
    }

    /// Every clock, its start and deadline in its calendar's zone (UTC without a calendar).
    private func history(_ clocks: [DashboardClock], stoppedAt: Date?, configuration: EscalationConfiguration) -> String {
        var html =
            "<h3>SLA history</h3>\n<table class=\"list\"><thead><tr><th>Clock</th><th>Target</th><th>Started</th><th>Due</th><th>Outcome</th></tr></thead><tbody>\n"
        for clock in clocks {
            let status = ClockStatus(clock, stoppedAt: stoppedAt, configuration: configuration, now: now)
            let calendar = clock.calendar.flatMap(configuration.calendar(named:))
            html += """
                <tr><td data-label="Clock">\(ClockStatus.targetName(clock.target)) #\(clock.sequence)</td>\
                <td data-label="Target">\(DashboardTime.span(TimeInterval(clock.targetSeconds)))</td>\
                <td data-label="Started">\(DashboardTime.element(clock.startedAt, in: calendar))</td>\
                <td data-label="Due">\(DashboardTime.element(clock.dueAt, in: calendar))</td>\
                <td data-label="Outcome">\(status.html)\(clock.replacedAt.map { " <span class=\"muted\">at " + DashboardTime.element($0) + "</span>" } ?? "")</td></tr>

                """
        }
        return html + "</tbody></table>\n"
    }

    private func requests(_ requests: [DashboardRequest], names: DashboardNames) -> String {
        var html = "<h2>Requests and decisions</h2>\n"
        for request in requests {
            let approvers = request.approvers.map(names.person).joined(separator: ", ")
            let backups = request.backupApprovers.isEmpty ? "" : "; backup: " + request.backupApprovers.map(names.person).joined(separator: ", ")
            html += """
                <article class="card"><h3>\(HTML.escape(request.number.value)) <span class="tag">\(HTML.escape(request.state))</span></h3>\
                <p>\(HTML.escape(request.reason)) · requested by \(names.person(request.requester)) on \(DashboardTime.element(request.createdAt))\
                \(request.escalation.map { " · became " + HTML.escape($0.value) } ?? "")</p>\
                <div class="quote">\(HTML.escape(request.justification))</div>\
                <p class="muted">Approvers: \(approvers.isEmpty ? "none" : approvers)\(backups)</p>
                """
            if request.decisions.isEmpty {
                html += "<p class=\"muted\">No decision.</p>"
            } else {
                html += "<ul class=\"plain\">"
                for decision in request.decisions {
                    html +=
                        "<li>\(names.person(decision.approver)) <strong>\(HTML.escape(decision.decision))</strong> on \(DashboardTime.element(decision.at))"
                    if let reason = decision.reason, !reason.isEmpty { html += "<div class=\"quote\">\(HTML.escape(reason))</div>" }
                    html += "</li>"
                }
                html += "</ul>"
            }
            html += "</article>\n"
        }
        return html
    }

    private func thread(_ mails: [DashboardThreadMail]) -> String {
        var html = "<h2>Mail thread <span class=\"count\">(\(mails.count))</span></h2>\n"
        if mails.isEmpty { return html + "<p class=\"empty\">No mail on this thread.</p>\n" }
        for mail in mails {
            let text = mail.unreadable.map(MailText.init(unreadable:)) ?? MailText(raw: mail.raw, limits: gateway.config.limits)
            let inbound = mail.direction == .inbound
            let what = inbound ? "In · \(mail.outcome) · \(mail.detail)" : "Out · \(mail.detail) · \(mail.outcome)"
            html += """
                <article class="card \(inbound ? "mail-in" : "mail-out")"><h3>\(HTML.escape(text.subject.isEmpty ? mail.subject ?? "(no subject)" : text.subject))</h3>\
                <p class="muted">\(DashboardTime.element(mail.at)) · <span class="tag">\(HTML.escape(what))</span></p>\
                <p>From \(HTML.escape(text.from.isEmpty ? "?" : text.from)) to \(HTML.escape(text.to.isEmpty ? "?" : text.to))</p>\
                <details class="mail-text"\(inbound ? " open" : "")><summary>\(inbound ? "The mail's text" : "The text sent")</summary>                <pre class="mail">\(HTML.escape(text.text))</pre></details></article>

                """
        }
        return html
    }

    private func entries(_ title: String, _ entries: [DashboardEntry], empty: String) -> String {
        var html = "<h2>\(title) <span class=\"count\">(\(entries.count))</span></h2>\n"
        if entries.isEmpty { return html + "<p class=\"empty\">\(empty)</p>\n" }
        html += "<table class=\"list\"><thead><tr><th>When</th><th>Who</th><th>What</th></tr></thead><tbody>\n"
        for entry in entries {
            html += """
                <tr><td data-label="When" class="nowrap">\(DashboardTime.element(entry.at))</td><td data-label="Who">\(HTML.escape(entry.actor))</td>\
                <td data-label="What"><strong>\(HTML.escape(entry.action))</strong><div class="quote">\(HTML.escape(entry.detail))</div></td></tr>

                """
        }
        return html + "</tbody></table>\n"
    }

    private func list(_ items: [String], empty: String) -> String {
        items.isEmpty ? "<p class=\"empty\">\(empty)</p>\n" : "<ul class=\"plain\">" + items.map { "<li>\($0)</li>" }.joined() + "</ul>\n"
    }
}
