import EscalationCore
import Foundation
import MailMessage

/// Builds the values a template sees for one notice: the case or account, the escalation,
/// the request, and the notice's own details, all as plain strings and lists.
struct NoticeContext {
    let notice: Notice
    let directory: any DirectoryLookup
    let configuration: EscalationConfiguration
    let gatewayAddress: String

    func values() -> [String: Any] {
        var values: [String: Any] = ["gateway": gatewayAddress]
        for (key, value) in notice.details { values[key] = value }
        if let history = notice.details["history"], !history.isEmpty {
            values["historyLines"] = history.split(separator: "\n").map(String.init)
        }
        if let source = notice.source { values.merge(sourceValues(source)) { _, new in new } }
        if let escalation = notice.escalation { values["escalation"] = escalationValues(escalation) }
        if let request = notice.request { values["request"] = requestValues(request) }
        let severityName = notice.escalation?.severity ?? notice.request?.severity
        if let severity = severityName.flatMap(configuration.severity(named:)) {
            values["severity"] = severity.name
            values["color"] = severity.color
        }
        return values
    }

    private func sourceValues(_ source: EscalationSource) -> [String: Any] {
        switch source {
        case .supportCase(let number):
            let supportCase = directory.supportCase(number)
            var values: [String: Any] = ["source": number.value, "isCase": true, "title": supportCase?.subject ?? ""]
            if let supportCase {
                values["owner"] = supportCase.owner.value
                values["ownerName"] = directory.staffMember(supportCase.owner)?.name ?? supportCase.owner.value
                values["accountName"] = directory.account(supportCase.account)?.name ?? supportCase.account.value
            }
            return values
        case .account(let number):
            let account = directory.account(number)
            var values: [String: Any] = ["source": number.value, "isAccount": true, "title": account?.name ?? number.value]
            values["accountName"] = account?.name ?? number.value
            if let manager = account?.escalationManager {
                values["owner"] = manager.value
                values["ownerName"] = directory.staffMember(manager)?.name ?? manager.value
            }
            return values
        }
    }

    private func escalationValues(_ escalation: Escalation) -> [String: Any] {
        let severity = configuration.severity(named: escalation.severity)
        var values: [String: Any] = [
            "number": escalation.number.value, "severity": escalation.severity, "color": severity?.color ?? "",
            "state": escalation.state.rawValue, "trend": escalation.trend.rawValue, "reason": escalation.reason,
            "justification": escalation.justification, "requester": escalation.requester.value,
            "watchList": escalation.watchList.map(\.value), "linkedCases": escalation.linkedCases.map(\.value),
            "hasLinkedCases": !escalation.linkedCases.isEmpty,
            "responseDue": EscalationEngine.displayTime(escalation.sla.response.dueAt),
            "resolutionDue": EscalationEngine.displayTime(escalation.sla.resolution.dueAt),
        ]
        if let assignee = escalation.assignedTo { values["assignedTo"] = assignee.value }
        if let reason = escalation.deescalationReason { values["deescalationReason"] = reason }
        return values
    }

    private func requestValues(_ request: EscalationRequest) -> [String: Any] {
        var values: [String: Any] = [
            "number": request.number.value, "requester": request.requester.value,
            "requesterName": directory.contact(request.requester)?.name ?? directory.staffMember(request.requester)?.name
                ?? request.requester.value,
            "reason": request.reason, "justification": request.justification, "severity": request.severity,
            "state": request.state.rawValue, "approvers": request.approvers.map(\.value),
            "count": request.previousRequests.count + 1, "isRepeat": !request.previousRequests.isEmpty,
            "linkedCases": request.linkedCases.map(\.value), "hasLinkedCases": !request.linkedCases.isEmpty,
        ]
        if let reason = request.rejectionReason { values["rejectionReason"] = reason }
        if let escalation = request.escalation { values["escalation"] = escalation.value }
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
