import EscalationCore
import EscalationStore
import EscalationValues
import Foundation

extension MailProcessor {
    /// `PENDING` by mail, whatever thread it is on: staff (and anyone a request waits for) get
    /// the requests waiting for their decision with one-click links for each; a customer is
    /// told it is not theirs to ask; unknown senders learn nothing. Nothing changes.
    func answerPending(sender: EmailAddress, cause: MailCause, session: StoreSession, now: Date) throws -> (
        outcome: ReceiptOutcome, reason: String, sent: [MailOutcome.SentMail]
    ) {
        let waiting = try session.requestsAwaiting(sender)
        guard directory.staffMember(sender) != nil || !waiting.isEmpty else {
            let known = directory.contact(sender) != nil
            let notice =
                known
                ? Notice(
                    .notPermitted(understood: "PENDING", hint: "PENDING lists the escalation requests waiting for a staff member's decision."),
                    to: [sender], source: nil)
                : Notice(.unknownSender, to: [sender], source: nil)
            let sent = try outbox.enqueue([notice], cause: cause, sender: sender, session: session, now: now)
            return (.refused, known ? "pending: not staff" : "unknown sender", sent)
        }
        let items = waiting.map {
            Self.pendingItem(PendingApproval($0, for: sender, now: now, directory: directory, signer: signer, gatewayAddress: config.address))
        }
        let notice = Notice(.pendingApprovals(items: items), to: [sender], source: nil)
        let sent = try outbox.enqueue([notice], cause: cause, sender: sender, session: session, now: now)
        return (.applied, "pending: \(waiting.count) waiting", sent)
    }

    /// One request of the `PENDING` answer: number, case, account, requester, reason, age and links.
    private static func pendingItem(_ item: PendingApproval) -> String {
        let account = item.title == item.accountName ? item.account : "\(item.accountName), \(item.account)"
        var lines = ["\(item.number): \(item.supportCase.map { "\($0) – " } ?? "")\(item.title) (\(account))"]
        lines.append("Requested by \(item.requesterName) <\(item.requester)>, waiting \(item.age)")
        lines.append("Reason: \(item.reason)" + (item.justification.isEmpty ? "" : " – \(item.justification)"))
        if let approve = item.approveLink, let reject = item.rejectLink {
            lines.append("Approve: \(approve)")
            lines.append("Reject: \(reject)")
        }
        return lines.joined(separator: "\n")
    }
}
