public import EscalationCore
import EscalationValues
public import Foundation
import MailMessage

/// Builds the values a template sees for one notice: the case or account, the escalation,
/// the request, and the facts of the notice's event, as texts (`TemplateText`), lists of texts, flags
/// and numbers, built as such rather than converted afterwards.
struct NoticeContext {
    let notice: Notice
    let directory: any DirectoryLookup
    let configuration: EscalationConfiguration
    let gatewayAddress: String

    func values() -> TemplateValues {
        var values = TemplateValues()
        values.reserveCapacity(32)
        values["gateway"] = .text(gatewayAddress)
        // Command help is for staff only: a customer is never sent the command list.
        if let reader = notice.to.first, directory.staffMember(reader) != nil { values["toStaff"] = .flag(true) }
        addEventValues(to: &values)
        if let source = notice.source { addSourceValues(source, to: &values) }
        if let escalation = notice.escalation { values["escalation"] = .values(escalationValues(escalation)) }
        if let request = notice.request { values["request"] = .values(requestValues(request)) }
        let severityName = notice.escalation?.severity ?? notice.request?.severity
        if let severity = severityName.flatMap(configuration.severity(named:)) {
            values["severity"] = .text(severity.name)
            values["color"] = .text(severity.color)
        }
        return values
    }

    /// A list as sentences show it: `CS0001234, CS0001235`.
    func joined(_ values: [String]) -> String { values.joined(separator: ", ") }

    /// An SLA time as mail shows it: in the zone of the clock's calendar, else in UTC.
    func displayTime(_ date: Date, calendar name: String?) -> String {
        name.flatMap(configuration.calendar(named:))?.displayTime(date) ?? EscalationEngine.displayTime(date)
    }

    /// A person as mail names them: the directory's name, else the address.
    func name(_ address: EmailAddress) -> String {
        directory.contact(address)?.name ?? directory.staffMember(address)?.name ?? address.value
    }

    /// The case's or account's values.
    private func addSourceValues(_ source: EscalationSource, to values: inout TemplateValues) {
        switch source {
        case .supportCase(let number):
            let supportCase = directory.supportCase(number)
            values["source"] = .text(number.value)
            values["isCase"] = .flag(true)
            if let title = supportCase?.subject { values["title"] = .text(title) }
            if let supportCase {
                values["owner"] = .text(supportCase.owner.value)
                values["ownerName"] = .text(directory.staffMember(supportCase.owner)?.name ?? supportCase.owner.value)
                values["accountName"] = .text(directory.account(supportCase.account)?.name ?? supportCase.account.value)
            }
        case .account(let number):
            let account = directory.account(number)
            values["source"] = .text(number.value)
            values["isAccount"] = .flag(true)
            values["title"] = .text(account?.name ?? number.value)
            if let manager = account?.escalationManager {
                values["owner"] = .text(manager.value)
                values["ownerName"] = .text(directory.staffMember(manager)?.name ?? manager.value)
            }
        }
    }

    private func escalationValues(_ escalation: Escalation) -> TemplateValues {
        let severity = configuration.severity(named: escalation.severity)
        var values = TemplateValues(sorting: [
            "number": .text(escalation.number.value), "severity": .text(escalation.severity), "color": .text(severity?.color ?? ""),
            "state": .text(escalation.state.rawValue), "trend": .text(escalation.trend.rawValue), "reason": .text(escalation.reason),
            "justification": .text(escalation.justification), "requester": .text(escalation.requester.value),
            "watchList": .list(escalation.watchList.map(\.value)), "linkedCases": .list(escalation.linkedCases.map(\.value)),
            "watchListText": .text(joined(escalation.watchList.map(name))), "linkedCasesText": .text(joined(escalation.linkedCases.map(\.value))),
            "requesterName": .text(name(escalation.requester)),
            "hasLinkedCases": .flag(!escalation.linkedCases.isEmpty),
            "responseDue": .text(displayTime(escalation.sla.response.dueAt, calendar: escalation.sla.response.calendar)),
            "resolutionDue": .text(displayTime(escalation.sla.resolution.dueAt, calendar: escalation.sla.resolution.calendar)),
        ])
        if let assignee = escalation.assignedTo {
            values["assignedTo"] = .text(assignee.value)
            values["assignedToName"] = .text(name(assignee))
        }
        if let reason = escalation.deescalationReason { values["deescalationReason"] = .text(reason) }
        return values
    }

    private func requestValues(_ request: EscalationRequest) -> TemplateValues {
        var values = TemplateValues(sorting: [
            "number": .text(request.number.value), "requester": .text(request.requester.value),
            "requesterName": .text(name(request.requester)),
            "reason": .text(request.reason), "justification": .text(request.justification), "severity": .text(request.severity),
            "state": .text(request.state.rawValue), "approvers": .list(request.approvers.map(\.value)),
            "count": .number(request.previousRequests.count + 1), "isRepeat": .flag(!request.previousRequests.isEmpty),
            "linkedCases": .list(request.linkedCases.map(\.value)), "hasLinkedCases": .flag(!request.linkedCases.isEmpty),
            "linkedCasesText": .text(joined(request.linkedCases.map(\.value))),
        ])
        if let reason = request.rejectionReason { values["rejectionReason"] = .text(reason) }
        if let escalation = request.escalation { values["escalation"] = .text(escalation.value) }
        return values
    }
}

extension EscalationEngine {
    /// A deadline as shown in mail: `2026-11-24 14:00 UTC`.
    public static func displayTime(_ date: Date) -> String {
        let time = UTCTime(date)
        let two = UTCTime.twoDigits
        return "\(time.year)-\(two(time.month))-\(two(time.day)) \(two(time.hour)):\(two(time.minute)) UTC"
    }
}
