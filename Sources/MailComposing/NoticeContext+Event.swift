import EscalationCore
import EscalationValues
import Foundation

extension NoticeContext {
    /// The values a notice's event gives its template, under the names the templates read: a
    /// person by address where a template shows it (`actor`) and by name as `<name>Name`
    /// (`actorName`), lists joined with commas, times as mail shows them.
    func addEventValues(to values: inout TemplateValues) {
        func text(_ name: String, _ value: String) { values[name] = .text(value) }
        func flag(_ name: String) { values[name] = .flag(true) }
        func person(_ name: String, _ address: EmailAddress) { values[name + "Name"] = .text(self.name(address)) }
        func people(_ name: String, _ addresses: [EmailAddress]) { values[name + "Name"] = .text(joined(addresses.map(self.name))) }
        func optional(_ name: String, _ value: String?) { if let value { text(name, value) } }
        func joinedUnlessEmpty(_ name: String, _ list: [String]) { if !list.isEmpty { text(name, joined(list)) } }

        switch notice.event {
        case .approved, .reescalationReceived, .alreadyDecided, .noSuchCase, .unknownSender, .alreadyEscalated, .decisionNotAccepted:
            break
        case .requestReceived(let leftOut), .escalated(let leftOut):
            joinedUnlessEmpty("leftOut", leftOut)
        case .approvalRequested(let history, let overdue):
            // A line of history may hold a rejection's reason of several lines: each is its own item.
            if !history.isEmpty { values["historyLines"] = .list(history.flatMap { $0.split(separator: "\n").map(String.init) }) }
            if let overdue {
                flag("backup")
                people("waiting", overdue.waitingFor)
                text("timeout", overdue.timeout.description)
            }
        case .rejected(let reason):
            text("reason", reason)
        case .reescalationCooldown(let reason, let until):
            text("reason", reason)
            text("until", EscalationEngine.displayTime(until))
        case .decisionRecorded(let waitingFor):
            people("waiting", waitingFor)
        case .deescalated(let actor, let reason):
            person("actor", actor)
            text("reason", reason)
        case .severityChanged(let actor, let old, let new), .trendChanged(let actor, let old, let new):
            person("actor", actor)
            text("old", old)
            text("new", new)
        case .watchListChanged(let actor, let change):
            person("actor", actor)
            switch change {
            case .added(let address):
                text("added", address.value)
                person("added", address)
            case .removed(let address):
                text("removed", address.value)
                person("removed", address)
            }
        case .linkedCasesChanged(let actor, let change):
            person("actor", actor)
            switch change {
            case .added(let number): text("linked", number.value)
            case .removed(let number): text("unlinked", number.value)
            }
        case .assignmentChanged(let actor, let old, let new):
            person("actor", actor)
            text("oldName", old.map(name) ?? "nobody")
            person("new", new)
        case .customerMessage(let message), .staffMessage(let message), .internalNote(let message):
            text("message", message.text)
            text("fromName", message.authorName)
            text("actor", message.author.value)
            joinedUnlessEmpty("attached", message.attached)
            joinedUnlessEmpty("leftOut", message.leftOut)
        case .messagePassed(let passedTo, let what):
            text("passedTo", passedTo)
            switch what {
            case .message: break
            case .unclearMessage: flag("unchanged")
            case .note: flag("note")
            }
        case .workNote(let actor, let note):
            person("actor", actor)
            text("note", note)
        case .slaWarning(let event), .slaBreached(let event):
            text("clock", event.clock)
            text("target", event.target.description)
            text("due", displayTime(event.due, calendar: event.calendar))
        case .notUnderstood(let understood, let hint, let keptAsNote):
            text("understood", understood)
            optional("hint", hint)
            if keptAsNote { flag("kept") }
        case .notPermitted(let understood, let hint), .nothingToDo(let understood, let hint):
            text("understood", understood)
            optional("hint", hint)
        case .reasonNeeded(let understood, let reasons):
            text("understood", understood)
            optional("reasons", reasons.map(joined))
        case .answersPaused(let what):
            text("what", what)
        case .addressSuppressed(let address, let bounces):
            text("address", address)
            text("count", String(bounces))
        case .deliveryFailed(let addresses, let error, let subject):
            text("addresses", joined(addresses))
            text("error", error)
            text("subject", subject)
        case .confirmationRequired(let understood, let why):
            text("understood", understood)
            text("why", why)
        case .requestDecided(let settlement):
            addSettlement(settlement, to: &values)
        case .decisionConfirmed(let settlement, let othersTold):
            addSettlement(settlement, to: &values)
            if !othersTold.isEmpty {
                text("othersTold", joined(othersTold.map(\.value)))
                people("othersTold", othersTold)
            }
        case .approvalReminder(let age):
            text("age", age)
        case .approvalOverdue(let overdue, let age):
            text("age", age)
            text("timeout", overdue.timeout.description)
            people("waiting", overdue.waitingFor)
        case .noApprover(let requester, let why, let template):
            person("actor", requester)
            text("reason", why)
            text("template", template)
        case .requestWithdrawn(let actor):
            person("actor", actor)
        case .pendingApprovals(let items):
            text("count", String(items.count))
            if !items.isEmpty { text("items", items.joined(separator: "\n\n")) }
        }
    }

    private func addSettlement(_ settlement: Notice.Settlement, to values: inout TemplateValues) {
        values["actorName"] = .text(name(settlement.by))
        values["outcome"] = .text(settlement.outcome.rawValue)
        if let reason = settlement.reason { values["reason"] = .text(reason) }
        if let escalation = settlement.escalation { values["escalationNumber"] = .text(escalation.value) }
    }
}
