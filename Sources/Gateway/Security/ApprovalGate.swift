import EscalationCore
import EscalationValues
import Foundation
import MailReading

/// Checks an APPROVE or REJECT before the core sees it: the approval token must be present and
/// valid for this request and this sender, the mail must not answer a different request, and,
/// where required, the receiving server must have seen DMARC (or aligned DKIM) pass.
struct ApprovalGate {
    /// Why a decision was refused: the exact reason for the journal, and who is told.
    struct Refusal {
        var reason: String
        /// The real approvers, at their directory addresses; never the sender of a forged mail.
        var tell: [EmailAddress]
        var request: EscalationRequest?
    }

    enum Verdict {
        /// Not a claimed decision (no token, sender approves nothing here): the core refuses as it sees fit.
        case notApplicable
        case verified(RequestNumber)
        case refused(Refusal)
    }

    let signer: TokenSigner
    let security: SecurityPolicy

    func check(_ understood: UnderstoodMail, sender: EmailAddress, match: ThreadMatch, state: SubjectState) -> Verdict {
        let approvers = Set(state.requests.flatMap(\.deciders))
        let tokens = understood.hints.tokens.filter { TokenSigner.request(in: $0) != nil }
        guard approvers.contains(sender) || !tokens.isEmpty else { return .notApplicable }
        let claimed = state.pendingRequest ?? state.requests.last
        let claimedApprovers = claimed?.deciders ?? []
        func refuse(_ reason: String, request: EscalationRequest?, tell: [EmailAddress]) -> Verdict {
            .refused(Refusal(reason: reason, tell: tell.isEmpty ? claimedApprovers : tell, request: request))
        }
        guard let token = tokens.first, let number = TokenSigner.request(in: token) else {
            return refuse("no approval token in the mail", request: claimed, tell: approvers.contains(sender) ? [sender] : [])
        }
        guard let request = state.requests.first(where: { $0.number == number }) else {
            return refuse(
                "token names \(number), which is not a request of \(state.source)", request: claimed, tell: approvers.contains(sender) ? [sender] : []
            )
        }
        if let answered = match.answeredRequest, answered != number {
            return refuse(
                "token is for \(number) but the mail answers \(answered)", request: request, tell: approvers.contains(sender) ? [sender] : [])
        }
        guard signer.verify(token, request: number, approver: sender) else {
            if let owner = request.deciders.first(where: { signer.verify(token, request: number, approver: $0) }) {
                return refuse("token of \(owner) used by \(sender)", request: request, tell: [owner])
            }
            return refuse(
                "token does not verify for \(number) (tampered or forged)", request: request,
                tell: request.deciders.contains(sender) ? [sender] : request.deciders)
        }
        if let problem = CommandGate.addressProblem(of: understood.mail, sender: sender) {
            return refuse(problem, request: request, tell: [sender])
        }
        if security.requireAuthentication, let authservID = security.authservID,
            let failure = AuthenticationResults.failure(of: understood.mail, authservID: authservID)
        {
            return refuse(failure, request: request, tell: [sender])
        }
        return .verified(number)
    }
}
