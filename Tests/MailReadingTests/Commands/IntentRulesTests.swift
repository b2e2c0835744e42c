import EscalationValues
import Foundation
import MailReading
import Testing

/// Every example of issue 21, and each rule of `CommandReader`, with the intent and arguments a
/// reader of the mail would expect.
@Suite struct IntentRulesTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var text: String
        var intent: String
        var arguments: [String: String] = [:]
        var testDescription: String { text.prefix(60).replacingOccurrences(of: "\n", with: " ") }
    }

    static let issueExamples: [Example] = [
        Example(
            text: "Our invoice export has failed every night since Monday and the workaround no longer helps. Please escalate this case.",
            intent: "escalate",
            arguments: ["justification": "Our invoice export has failed every night since Monday and the workaround no longer helps."]),
        Example(
            text: "Unser Rechnungsexport schlägt seit Montag jede Nacht fehl. Bitte eskalieren Sie diesen Fall.", intent: "escalate",
            arguments: ["justification": "Unser Rechnungsexport schlägt seit Montag jede Nacht fehl."]),
        Example(
            text: "L'export des factures échoue chaque nuit depuis lundi. Pourriez-vous escalader ce dossier ?", intent: "escalate",
            arguments: ["justification": "L'export des factures échoue chaque nuit depuis lundi."]),
        Example(
            text: "La exportación de facturas falla cada noche desde el lunes. Por favor, escalen este caso.", intent: "escalate",
            arguments: ["justification": "La exportación de facturas falla cada noche desde el lunes."]),
        Example(text: "Thanks for the detailed summary, Ana. Approved.", intent: "approve"),
        Example(
            text: "Sorry for the late answer. I have to reject this: the fix ships on Friday.", intent: "reject",
            arguments: ["reason": "the fix ships on Friday."]),
        Example(text: "please don't de-escalate yet, we still see errors", intent: "unclear"),
        Example(text: "go ahead and reject it", intent: "reject"),
        Example(text: "Approve. Actually no, reject.", intent: "unclear"),
        Example(text: "APPROVE – NOT!", intent: "unclear"),
        Example(text: "approve pending CFO sign-off", intent: "unclear"),
        Example(text: "Denied… just kidding, approved", intent: "unclear"),
        Example(text: "REJECT reason: the fix ships Friday.", intent: "reject", arguments: ["reason": "the fix ships Friday."]),
        Example(
            text:
                "ESCALATE CS0001234\nReason: Lack of Progress\nNo answer for two weeks.\n\nESCALATE CS0001240\nReason: Customer Imposed Deadline\nGo-live on Monday.",
            intent: "unclear"),
    ]

    static let rules: [Example] = [
        Example(text: "Can you escalate this? We are blocked.", intent: "escalate", arguments: ["justification": "We are blocked."]),
        Example(text: "Could you please de-escalate? The patch works.", intent: "de-escalate", arguments: ["reason": "The patch works."]),
        Example(text: "Should we escalate? The customer sounds upset.", intent: "comment"),
        Example(text: "REJECT the fix ships Friday", intent: "reject", arguments: ["reason": "the fix ships Friday"]),
        Example(
            text: "REJECT the fix ships Friday, and we cannot approve anything before that.", intent: "reject",
            arguments: ["reason": "the fix ships Friday, and we cannot approve anything before that."]),
        Example(
            text: "Rejected. We can't approve a second escalation this week.", intent: "reject",
            arguments: ["reason": "We can't approve a second escalation this week."]),
        Example(text: "I approve this. Please de-escalate the case as well.", intent: "unclear"),
        Example(text: "APPROVE\n\nI was not sure at first, but the numbers convinced me.", intent: "approve"),
        Example(text: "APPROVE not yet", intent: "unclear"),
        Example(text: "Approved, pending the CFO's sign-off.", intent: "unclear"),
        Example(text: "Approved - I don't think we need a call for this.", intent: "approve"),
        Example(text: "Please escalate if nothing happens by Friday.", intent: "unclear"),
        Example(text: "Please escalate if possible, the go-live is Monday.", intent: "escalate"),
        Example(text: "Maybe we should escalate this.", intent: "unclear"),
        Example(text: "We need this approved by Friday, can you check with the approver?", intent: "comment"),
        Example(text: "Hi Dana, can you call me tomorrow about the invoice numbers?", intent: "comment"),
        Example(text: "Thanks for escalating so quickly yesterday.", intent: "comment"),
        Example(text: "DE-ESCALATE Grund: der Patch ist eingespielt.", intent: "de-escalate", arguments: ["reason": "der Patch ist eingespielt."]),
        Example(text: "Refusé. Motif : le correctif sort vendredi.", intent: "reject", arguments: ["reason": "le correctif sort vendredi."]),
        Example(text: "Rechazado, motivo: la corrección sale el viernes.", intent: "reject", arguments: ["reason": "la corrección sale el viernes."]),
        Example(text: "Das kann ich so nicht genehmigen.", intent: "unclear"),
        Example(text: "Bitte noch nicht deeskalieren, der Fehler tritt weiter auf.", intent: "unclear"),
        Example(text: "Je ne peux pas approuver pour l'instant.", intent: "unclear"),
        Example(text: "No desescalen todavía, seguimos viendo errores.", intent: "unclear"),
        Example(text: "Genehmigt. Kleiner Scherz, abgelehnt.", intent: "unclear"),
        Example(text: "Approuvé. En fait non, refusé.", intent: "unclear"),
        Example(text: "Aprobado. Es broma, rechazado.", intent: "unclear"),
        Example(text: "Sobald der CFO zustimmt, genehmigt.", intent: "unclear"),
        Example(text: "Approuvé sous réserve de l'accord du DAF.", intent: "unclear"),
        Example(text: "Aprobado siempre que el CFO firme.", intent: "unclear"),
    ]

    @Test(arguments: issueExamples + rules)
    func readsAsAPersonWould(_ example: Example) {
        let intent = CommandReader.read(example.text)
        #expect(intent.name == example.intent, "\(intent)")
        for (key, value) in example.arguments {
            #expect(intent.arguments[key] == value, "\(key) of \(intent)")
        }
    }

    @Test func unclearSaysWhatWasUnderstood() {
        let text = "approve pending CFO sign-off"
        guard case .unclear(text: let message, understood: let understood, hint: let hint)? = CommandReader.read(text).command else {
            Issue.record("not unclear")
            return
        }
        #expect(message == text, "the text is kept as the sender's message")
        #expect(understood.contains("APPROVE"))
        #expect(hint.contains("REJECT"))
    }
}
