import EscalationValues
import Foundation

extension EscalationEngine.Context {
    /// Which side of the dialog the sender speaks for.
    enum DialogSide {
        /// A contact of the account: their words go to the staff who answer them.
        case customer
        /// The case owner, the assignee or the escalation manager: their words go to the customer.
        case answering
        /// Any other staff (approvers, watchers, the team): their words stay internal.
        case internalStaff
    }

    var dialogSide: DialogSide {
        guard audience(escalation: nil, request: nil).isStaff(sender) else { return .customer }
        if participants.isCaseOwner || participants.isEscalationManager || state.escalation?.assignedTo == sender { return .answering }
        return .internalStaff
    }

    /// The current episode of the case or account: its latest request and, when that request
    /// made it, its escalation record.
    var episode: (request: EscalationRequest?, escalation: Escalation?) {
        let request = state.requests.last
        let escalation = state.escalation.flatMap { $0.request == request?.number ? $0 : nil }
        return (request, escalation)
    }

    /// Whether plain replies are relayed: from the first request on, in every state, until
    /// `[policy] dialog_after_deescalation` after a de-escalation.
    var dialogIsOpen: Bool {
        let (request, escalation) = episode
        guard request != nil else { return false }
        guard let escalation, escalation.state == .deescalated, let at = escalation.deescalatedAt else { return true }
        return now < at.addingTimeInterval(TimeInterval(configuration.policy.dialogAfterDeescalation.seconds))
    }

    /// A comment or a customer's unclear text: relayed to the other side of the dialog (customer
    /// to the staff who answer them, and back), kept internal from other staff. Staff text the
    /// reader finds unclear (a command gone wrong) never reaches a customer: it is kept as an
    /// internal note and answered with how to say it. The sender gets one sentence back,
    /// customers never the command list.
    func converse(_ text: String, unclear: (understood: String, hint: String)?) -> Decision {
        guard dialogIsOpen else {
            let understood = unclear?.understood ?? "a message, but nothing on this thread awaits one"
            return refuse(.notUnderstood, notice: answer(.notUnderstood(understood: understood, hint: unclear?.hint)))
        }
        let fromCustomer: Bool
        switch dialogSide {
        case .customer: fromCustomer = true
        case .answering where unclear == nil: fromCustomer = false
        case .answering, .internalStaff: return keepNote(text, unclear: unclear)
        }
        var context = self
        var (request, escalation) = episode
        if !fromCustomer, var active = escalation, active.state == .active {
            context.recordManagerUpdate(on: &active)
            context.state.escalation = active
            escalation = active
        }
        let words = relayed(text)
        let message = context.event(
            fromCustomer ? .customerMessage(words) : .staffMessage(words), escalation: escalation, request: request, excluding: [sender])
        let audience = audience(escalation: escalation, request: request)
        let addressed = message.map { $0.to + $0.cc } ?? []
        let readers = fromCustomer ? dialogStaff(among: addressed) : audience.customers(among: addressed)
        guard let message, !readers.isEmpty else { return keepNote(text, unclear: unclear) }
        context.notices.append(message)
        let names = readers.map(displayName).joined(separator: ", ")
        context.record("dialog.relayed", "message from \(sender) to \(readers.map(\.value).joined(separator: ", ")): \(text)")
        context.keepOnCase("Message from \(displayName(sender)) to \(names): \(text)")
        let passedTo = fromCustomer ? role(of: readers, names: names) : names
        context.notices.append(answer(.messagePassed(to: passedTo, unclear == nil ? .message : .unclearMessage)))
        return context.applied()
    }

    /// NOTE from staff: internal. A customer's NOTE is a message for the staff like any other.
    func note(_ text: String) -> Decision {
        guard audience(escalation: nil, request: nil).isStaff(sender) else { return converse(text, unclear: nil) }
        guard dialogIsOpen else {
            return refuse(.nothingToDo, notice: answer(.nothingToDo(understood: "note")))
        }
        return keepNote(text, unclear: nil)
    }

    /// Keeps staff text internal: journaled, a work note on a case, mailed to the other staff on
    /// the escalation. The writer is told where it went, or, for unclear text, how to say it.
    func keepNote(_ text: String, unclear: (understood: String, hint: String)?) -> Decision {
        var context = self
        let (request, escalation) = episode
        let note = context.event(.internalNote(relayed(text)), escalation: escalation, request: request, excluding: [sender])
        let readers = note.map { $0.to + $0.cc } ?? []
        if let note { context.notices.append(note) }
        context.record(
            "note.added", "internal note by \(sender)" + (readers.isEmpty ? "" : " to \(readers.map(\.value).joined(separator: ", "))") + ": \(text)")
        context.keepOnCase("Internal note by \(displayName(sender)): \(text)")
        guard let unclear else {
            let names = readers.map(displayName).joined(separator: ", ")
            context.notices.append(answer(.messagePassed(to: names.isEmpty ? "nobody else yet" : names, .note)))
            return context.applied()
        }
        context.notices.append(answer(.notUnderstood(understood: unclear.understood, hint: unclear.hint, keptAsNote: true)))
        var decision = context.applied()
        decision.outcome = .refused(.notUnderstood)
        return decision
    }

    /// The sender's words as a relayed message.
    private func relayed(_ text: String) -> Notice.RelayedMessage {
        Notice.RelayedMessage(text: text, author: sender, authorName: displayName(sender))
    }

    /// The owner, assignee and escalation manager among `addresses`: whom a customer's message is for.
    private func dialogStaff(among addresses: [EmailAddress]) -> [EmailAddress] {
        addresses.filter { address in
            participants.supportCase?.owner == address || participants.account.escalationManager == address
                || episode.escalation?.assignedTo == address
        }
    }

    /// "Sam Agent, who owns CS0001234" or "Erin Escalation, who handle the escalation of Acme Corp".
    private func role(of readers: [EmailAddress], names: String) -> String {
        if let supportCase = participants.supportCase, readers == [supportCase.owner] {
            return "\(names), who owns \(supportCase.number)"
        }
        return "\(names), who \(readers.count == 1 ? "handles" : "handle") the escalation of \(participants.account.name)"
    }

    /// The name the directory gives an address, else the address.
    func displayName(_ address: EmailAddress) -> String {
        directory.contact(address)?.name ?? directory.staffMember(address)?.name ?? address.value
    }

    /// A work note on the case the mail is about (not on an account).
    mutating func keepOnCase(_ text: String) {
        guard case .supportCase(let number) = mail.source else { return }
        workNotes.append(WorkNote(supportCase: number, at: now, author: sender.value, text: text))
    }
}
