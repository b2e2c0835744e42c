import EscalationCore
import Foundation
import MailMessage
import Testing

/// Every template's mail, rendered from fixed values, compared byte for byte with its golden
/// `.eml` (`Tests/scripts/update-golden-mail.sh` rewrites them after an intended change); the
/// HTML parts and `preview.html` go to `.build/mail-preview/` for the browser check and a look.
@Suite(.serialized) struct TemplateGoldenTests {
    @Test func everyTemplateMatchesItsGoldenMail() throws {
        let rendered = try GoldenMail.render()
        let update = ProcessInfo.processInfo.environment["EG_UPDATE_GOLDEN"] == "1"
        try FileManager.default.createDirectory(at: GoldenMail.folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: GoldenMail.previewFolder, withIntermediateDirectories: true)
        var preview = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Mail preview</title></head><body style=\"background:#ccc\">\n"
        for mail in rendered {
            let (kind, raw, html) = (mail.name, mail.raw, mail.html)
            let file = GoldenMail.folder.appendingPathComponent("\(kind).eml")
            if update { try Data(raw).write(to: file) }
            let golden = try #require(
                FileManager.default.contents(atPath: file.path), "\(file.path) is missing; run Tests/scripts/update-golden-mail.sh")
            #expect([UInt8](golden) == raw, "\(kind).eml differs from the rendered mail")
            try html.write(to: GoldenMail.previewFolder.appendingPathComponent("\(kind).html"), atomically: true, encoding: .utf8)
            preview += "<h2>\(kind)</h2><iframe src=\"\(kind).html\" width=\"390\" height=\"700\"></iframe>"
            preview += "<iframe src=\"\(kind).html\" width=\"900\" height=\"700\"></iframe>\n"
        }
        try (preview + "</body></html>\n").write(
            to: GoldenMail.previewFolder.appendingPathComponent("preview.html"), atomically: true, encoding: .utf8)
        print("mail preview: \(GoldenMail.previewFolder.path)/preview.html")
    }

    /// Lines: none over 998 bytes; header lines at most 78 characters, 76 where encoded words
    /// are; text lines at most 78 columns unless a link stands alone on one; links never split.
    @Test func linesKeepTheirLengths() throws {
        for mail in try GoldenMail.render() {
            let (kind, raw) = (mail.name, mail.raw)
            let wire = String(decoding: raw, as: UTF8.self)
            let lines = wire.components(separatedBy: "\r\n")
            #expect(lines.allSatisfy { $0.utf8.count <= 998 }, "\(kind)")
            for line in lines.prefix(while: { !$0.isEmpty }) {
                #expect(line.count <= (line.contains("=?") ? 76 : 78), "\(kind): \(line)")
            }
            let mail = try Mail(parsing: raw)
            let text = try #require(mail.textBody).replacingOccurrences(of: "\r\n", with: "\n")
            for line in text.split(separator: "\n") where line.count > 78 {
                #expect(!line.contains(" ") && (line.hasPrefix("mailto:") || line.hasPrefix("http")), "\(kind): \(line)")
            }
            for line in text.split(separator: "\n") where line.contains("mailto:") {
                #expect(line.hasPrefix("mailto:") && !line.contains(" "), "\(kind): a link on a line of its own: \(line)")
            }
        }
    }

    /// What people read: the headline first, no raw links or template syntax, values as written,
    /// lists with commas, no colour names, no dangling separators, times with their zone.
    @Test func textsReadAsWritten() throws {
        let mails = Dictionary(uniqueKeysWithValues: try GoldenMail.render().map { ($0.name, (try Mail(parsing: $0.raw), $0.html)) })
        for (kind, (mail, html)) in mails {
            let text = try #require(mail.textBody)
            #expect(!html.contains("{{") && !text.contains("{{"), "\(kind): template syntax left")
            let shown = html.replacingOccurrences(of: #"href="[^"]*""#, with: "", options: .regularExpression)
            #expect(!shown.contains("mailto:") && !shown.contains("%5B"), "\(kind): a raw link shown")
            for colour in ["(red)", "(orange)", "(yellow)", "(green)"] { #expect(!text.contains(colour), "\(kind): \(colour)") }
            #expect(html.contains("<h1 "), "\(kind)")
            #expect(!text.contains(" \n") && !text.contains("– \n"), "\(kind): a dangling blank or separator")
        }
        // Severity as the badge, its text on its own background, wherever a mail states it.
        for name in [
            "approval-requested", "approval-reminder", "rejected", "approved", "escalated", "severity-changed", "sla-warning", "sla-breached",
            "already-escalated", "work-note", "approval-requested-account", "approved-account", "rejected-account",
        ] {
            let html = try #require(mails[name]?.1, "\(name)")
            #expect(
                html.contains(
                    #"<span class="eg-badge" style="display:inline-block;padding:4px 10px;border-left:8px solid red;background:#f6f8fa;color:#1f2328;font-weight:bold;">Severity: high</span>"#
                ), "\(name)")
        }
        let approval = try #require(mails["approval-requested"])
        let approvalText = try #require(approval.0.textBody).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(approvalText.hasPrefix("[CS0001234] Approval needed: Login fails (Acme Corp)\n\n"))
        #expect(approvalText.contains("\nCases named: CS0001235\n"))
        #expect(approvalText.contains("\nApprove:\nmailto:escalations@support.example?subject=APPROVE%20%5Bref%3Ar1xgolden0token%5D\n"))
        #expect(
            approvalText.contains(
                "\nReject:\nmailto:escalations@support.example?subject=REJECT%20%5Bref%3Ar1xgolden0token%5D&body=Reason%20for%20rejecting%3A%20\n"))
        #expect(approval.1.contains(#"<a href="mailto:escalations@support.example?subject=APPROVE%20%5Bref%3Ar1xgolden0token%5D""#))
        let approved = try #require(mails["approved"]?.0.textBody).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(approved.contains("\nSeverity: high\n"))
        #expect(approved.contains("\nLinked cases: CS0001235\n"))
        #expect(approved.contains("\nResponse due: 2026-11-23 10:40 UTC\n"))
        let watch = try #require(mails["watch-list-changed"]?.0.textBody)
        #expect(watch.contains("Raj Patel was added to the watch list of ESC0001001 by Sam Agent."))
        #expect(watch.contains("Watch list now: Raj Patel, Alex Account"))
        let notUnderstood = try #require(mails["pending-approvals"]?.0.subject)
        #expect(notUnderstood == "Waiting for your decision: 1")
        let stranger = try #require(mails["unknown-sender"]?.0.subject)
        #expect(stranger == "Your message to the escalation desk")
        let deescalated = try #require(mails["deescalated"]?.0.textBody)
        #expect(deescalated.contains("Reason: All fixed now. Thanks for the quick help."))
    }
}
