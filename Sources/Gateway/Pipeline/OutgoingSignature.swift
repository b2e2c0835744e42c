import EscalationCore
import EscalationValues
import Foundation
import MailMessage
import MailReading

/// What the gateway adds with its secret to every mail it sends: the loop header that marks
/// it as the gateway's own; on an approval request or reminder the approver's token (footer line,
/// one-click `mailto:` links and, with plus-addressing, the Reply-To); on any other mail about
/// a case or account the first recipient's reply token for that thread, in the Reply-To. Pure, so it is done
/// where the mail is rendered, beside the batch's serial part.
struct OutgoingSignature: Sendable {
    let signer: TokenSigner
    let gatewayAddress: EmailAddress
    let displayName: String
    let plusAddressing: Bool
    /// The gateway address split at its `@`, for plus-addressed Reply-Tos.
    private let localPart: Substring
    private let domain: Substring

    init(signer: TokenSigner, gatewayAddress: EmailAddress, displayName: String, plusAddressing: Bool) {
        self.signer = signer
        self.gatewayAddress = gatewayAddress
        self.displayName = displayName
        self.plusAddressing = plusAddressing
        let parts = gatewayAddress.value.split(separator: "@")
        localPart = parts.first ?? ""
        domain = parts.count == 2 ? parts[1] : ""
    }

    /// The job with its signature: what it renders and the headers it carries.
    func signed(_ job: RenderJob) -> RenderJob {
        var job = job
        job.extraHeaders.append((OwnMailCheck.loopHeader, signer.loopMark(messageID: job.messageID)))
        guard let recipient = job.notice.to.first else { return job }
        let token: String
        if job.notice.kind.carriesApprovalToken, let request = job.notice.request {
            token = signer.approvalToken(request: request.number, approver: recipient)
            job.context["token"] = token
            job.context["approveLink"] = Self.approveLink(gatewayAddress.value, token: token)
            job.context["rejectLink"] = Self.rejectLink(gatewayAddress.value, token: token)
        } else if let source = job.notice.source {
            token = signer.replyToken(source: source.description, recipient: recipient)
        } else {
            return job
        }
        if plusAddressing, !domain.isEmpty {
            job.replyTo = MailAddress(name: displayName, address: "\(localPart)+\(token)@\(domain)")
        }
        return job
    }

    /// The one-click Approve link: a mail to the gateway with the subject `APPROVE [ref:<token>]`.
    static func approveLink(_ address: String, token: String) -> String {
        mailto(address, subject: "APPROVE [ref:\(token)]")
    }

    /// The one-click Reject link: subject `REJECT [ref:<token>]`, the body a prompt for the
    /// reason (`RejectPrompt`) that the reader takes out again.
    static func rejectLink(_ address: String, token: String) -> String {
        mailto(address, subject: "REJECT [ref:\(token)]", body: RejectPrompt.text)
    }

    static func mailto(_ address: String, subject: String, body: String? = nil) -> String {
        "mailto:\(address)?subject=\(percentEncoded(subject))" + (body.map { "&body=\(percentEncoded($0))" } ?? "")
    }

    /// `text` with every UTF-8 byte but ASCII letters, digits and `-._~` written as `%XX`, as
    /// Foundation's `addingPercentEncoding` writes it with those allowed (which built a
    /// character set lookup per character).
    static func percentEncoded(_ text: String) -> String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(byte)
            default:
                let (high, low) = UpperHex.digits(of: byte)
                encoded.append(UInt8(ascii: "%"))
                encoded.append(high)
                encoded.append(low)
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }
}
