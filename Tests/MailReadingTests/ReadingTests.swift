import EscalationValues
import Foundation
import MailMessage
import MailReading
import Testing

@Suite struct ReadingTests {
    @Test(arguments: [
        ("Approved.\n\nOn Tue, 24 Nov 2026 at 10:00, Escalations <e@s.example> wrote:\n> Approval needed", "Approved."),
        ("Looks good\n\n-----Original Message-----\nFrom: x\nSent: y", "Looks good"),
        ("Ja, genehmigt.\n\nVon: Escalations\nGesendet: Dienstag\nAn: Dana\nBetreff: Approval", "Ja, genehmigt."),
        ("Top reply\n\nLe mar. 24 nov. 2026 à 10:00, Escalations <e@s.example> a écrit :\n> old", "Top reply"),
        ("All fixed, please de-escalate.\n\nSent from my iPhone", "All fixed, please de-escalate."),
        ("REJECT not now\n\n-- \nDana Duty\nDuty Manager", "REJECT not now"),
        ("> only quoted text", "> only quoted text"),
        ("Approved.\n\nwt., 24 lis 2026 o 10:02 Escalations <escalations@support.example> napisał(a):\n> Please approve", "Approved."),
        ("Approved.\n\nEscalations <escalations@support.example> 于2026年11月24日周二 10:02写道：\n> Please approve", "Approved."),
        ("承認します。\n\n2026年11月24日(火) 10:02 Escalations <escalations@support.example>:\n> 承認をお願いします", "承認します。"),
        ("승인합니다\n\n2026년 11월 24일 (화) 오전 10:02, Escalations <escalations@support.example>님이 작성:\n> 승인 부탁드립니다", "승인합니다"),
    ])
    func replyTextDropsHistoryAndSignature(_ body: String, _ expected: String) {
        #expect(ReplyExtractor.extract(body).text == expected)
    }

    @Test func removedSignatureIsReported() {
        #expect(ReplyExtractor.extract("Hello\n\nSent from my iPhone").signature == "Sent from my iPhone")
    }

    @Test(arguments: [
        ("APPROVE", "approve"), ("Approved.", "approve"), ("Yes, go ahead", "approve"), ("genehmigt", "approve"),
        ("approuvé", "approve"), ("aprobado", "approve"), ("REJECT fix ships Friday", "reject"), ("Rejected – the fix ships Friday", "reject"),
        ("abgelehnt, zu früh", "reject"), ("refusé", "reject"), ("rechazado", "reject"), ("not approved", "unclear"),
        ("I can't approve this yet", "unclear"), ("don't reject", "unclear"), ("All fixed now, please de-escalate", "de-escalate"),
        ("DE-ESCALATE resolved", "de-escalate"), ("Please escalate CS0001234, no progress for two weeks", "escalate"),
        ("please escalate our account, cases CS0001234 and CS0001235 are stalled", "escalate-account"),
        ("ESCALATE ACCOUNT\nReason: deadline", "escalate-account"), ("Please escalate this again", "escalate"),
        ("SEVERITY high", "severity"), ("TREND improving", "trend"), ("WATCH vp@support.example", "watch"),
        ("UNWATCH vp@support.example", "unwatch"), ("LINK CS0001235", "link"), ("UNLINK CS0001235", "unlink"),
        ("ASSIGN em@support.example", "assign"), ("COMMENT call at 10", "comment"), ("We spoke to the customer.", "comment"),
        ("No progress on our side yet, any news?", "comment"),
        ("I don't think we should approve this yet, the customer has not answered.", "unclear"),
        ("We wouldn't reject this, but I need more data first.", "unclear"), ("Das kann ich so nicht genehmigen.", "unclear"),
        ("Je ne peux pas approuver pour l'instant.", "unclear"), ("承認します。", "approve"), ("承認できません。", "unclear"),
        ("Hi team,\n\ncould you please escalate CS0001234? Production is down since Friday.\n\nThanks\nAna", "escalate"),
        ("Hi,\n\nWe need an escalation for our account - three cases are stuck (CS0001240, CS0001241).", "escalate-account"),
        ("Thanks, everything works again. You can close the escalation.", "de-escalate"), ("Please raise the severity to high.", "severity"),
        ("Hi Dana,\n\nthanks for the update.", "comment"),
        ("Отклонено: исправление выйдет в пятницу.", "reject"), ("Одобрено", "approve"), ("Не могу одобрить пока.", "unclear"),
        ("Approved - I don't think we need a call for this.", "approve"),
    ])
    func commandsAreRead(_ text: String, _ intent: String) {
        #expect(CommandReader.read(text).name == intent)
    }

    @Test func rejectionKeepsItsReasonAndEscalationItsArguments() {
        #expect(CommandReader.read("Rejected – the fix ships Friday").command == .reject(reason: "the fix ships Friday"))
        let account = CommandReader.read("please escalate our account, cases CS0001234 and CS1235 are stalled")
        guard case .escalate(let arguments)? = account.command, arguments.type == .account else {
            Issue.record("not an account escalation: \(account)")
            return
        }
        #expect(arguments.linkedCases == [CaseNumber(unchecked: "CS0001234"), CaseNumber(unchecked: "CS0001235")])
        #expect(account.arguments["cases"] == "CS0001234,CS1235", "read --json shows the cases as written")
    }

    @Test func reasonsAndJustificationsLeaveOutTheClosing() {
        #expect(
            CommandReader.read("Rejected: customer has a workaround (see KB-1234).\nRegards\nChris").command
                == .reject(reason: "customer has a workaround (see KB-1234)."))
        #expect(
            CommandReader.read("REJECT the fix ships Friday\n\nMit freundlichen Grüßen\nJan Müller").command
                == .reject(reason: "the fix ships Friday"))
        #expect(
            CommandReader.read("Rejected, see the release notes.\nThanks for asking").command
                == .reject(reason: "see the release notes.\nThanks for asking"))
        guard
            case .escalate(let stalled)? = CommandReader.read("Please escalate CS0001234 and CS0001240, both stalled for two weeks.\n\nThanks,\nAna")
                .command,
            stalled.type == .case
        else {
            Issue.record("not a case escalation")
            return
        }
        #expect(stalled.justification == "both stalled for two weeks.")
        guard case .escalate(let question)? = CommandReader.read("Hi team,\n\ncould you please escalate CS0001234? Production is down.").command,
            question.type == .case
        else {
            Issue.record("not a case escalation")
            return
        }
        #expect(question.justification == "Production is down.")
        #expect(stalled.reason == "both stalled for two weeks.")
        #expect(stalled.linkedCases.map(\.value) == ["CS0001234", "CS0001240"])
    }

    @Test func argumentsAreTypedAndShownAsWritten() {
        let watch = CommandReader.read("WATCH <Raj.Patel@Example.COM>")
        #expect(watch.command == .watch(EmailAddress(unchecked: "raj.patel@example.com")))
        #expect(watch.arguments == ["address": "<Raj.Patel@Example.COM>"])
        let link = CommandReader.read("LINK cs1240")
        #expect(link.command == .link(CaseNumber(unchecked: "CS0001240")))
        #expect(link.arguments == ["case": "CS1240"])
        #expect(CommandReader.read("TREND better").command == .trend(.improving))
    }

    @Test(arguments: [
        ("TREND sideways", "trend", "value", "sideways", "TREND", "TREND improving, TREND unchanged or TREND worsening"),
        ("WATCH raj at example", "watch", "address", "raj", "WATCH", "WATCH followed by a mail address"),
        ("ASSIGN raj@[192.0.2.1]", "assign", "address", "raj@[192.0.2.1]", "ASSIGN", "ASSIGN followed by a mail address"),
        ("UNLINK 42", "unlink", "case", "42", "UNLINK", "UNLINK followed by a case number, e.g. CS0001234"),
        ("SEVERITY", "severity", "value", "", "SEVERITY", "SEVERITY followed by the level, e.g. SEVERITY high"),
    ])
    func anArgumentTheCommandCannotTakeIsNotUnderstood(
        _ text: String, _ name: String, _ key: String, _ written: String, _ understood: String, _ hint: String
    ) {
        let reading = CommandReader.read(text)
        #expect(reading.request == .notUnderstood(understood: understood, hint: hint))
        #expect(reading.name == name && reading.arguments == [key: written], "read --json names the command and its argument as written")
    }

    @Test func subjectCountsWhenTheBodyIsEmpty() {
        #expect(CommandReader.read("", subject: "Re: [CS0001234] APPROVE").name == "approve")
        #expect(CommandReader.read("", subject: "Re: [CS0001234] Login fails").name == "empty")
    }

    @Test func recordsNamedInMailAreTyped() throws {
        let reply = try mail("From: ana@acme.example\nSubject: Re: [esc1001] Login fails, see ACC1001")
        let hints = ThreadHints(
            mail: reply, body: "", replyText: "Same as CS1240.", gatewayAddress: EmailAddress(unchecked: "escalations@support.example"))
        #expect(hints.subjectTags == [.escalation(EscalationNumber(unchecked: "ESC0001001"))])
        #expect(
            hints.mentionedNumbers == [
                .escalation(EscalationNumber(unchecked: "ESC0001001")), .source(.account(AccountNumber(unchecked: "ACC0001001"))),
                .source(.supportCase(CaseNumber(unchecked: "CS0001240"))),
            ])
    }

    private func mail(_ headers: String) throws -> Mail { try Mail(parsing: Array((headers + "\n\nbody\n").utf8)) }

    @Test(arguments: [
        "From: a@b.example\nAuto-Submitted: auto-replied\nSubject: hi",
        "From: a@b.example\nPrecedence: bulk\nSubject: hi",
        "From: a@b.example\nX-Autoreply: yes\nSubject: hi",
        "From: a@b.example\nList-Id: <list.example>\nSubject: hi",
        "From: a@b.example\nSubject: Out of Office: back Monday",
        "From: a@b.example\nSubject: Abwesenheitsnotiz: Urlaub",
        "From: a@b.example\nSubject: Réponse automatique : absent",
        "From: a@b.example\nSubject: =?UTF-8?B?6Ieq5Yqo5Zue5aSNOiBBcHByb3ZhbCBuZWVkZWQ=?=",
        "From: a@b.example\nSubject: Автоответ: Re: escalation",
    ])
    func autoRepliesAreRecognised(_ headers: String) throws {
        #expect(AutomationClassifier.classify(try mail(headers), isOwn: { _ in nil })?.kind == "auto-reply")
    }

    @Test func autoResponseSuppressAloneIsNotAutomated() throws {
        #expect(
            AutomationClassifier.classify(try mail("From: a@b.example\nX-Auto-Response-Suppress: All\nSubject: APPROVE"), isOwn: { _ in nil }) == nil)
        #expect(AutomationClassifier.classify(try mail("From: a@b.example\nAuto-Submitted: no\nSubject: hi"), isOwn: { _ in nil }) == nil)
    }

    @Test func bounceReportGivesRecipientStatusAndOriginal() throws {
        let raw = """
            From: MAILER-DAEMON@mx.example
            Subject: Undelivered Mail
            Content-Type: multipart/report; report-type=delivery-status; boundary=r

            --r
            Content-Type: text/plain

            failed
            --r
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example

            Final-Recipient: rfc822; gone@acme.example
            Action: failed
            Status: 5.1.1
            --r
            Content-Type: text/rfc822-headers

            Message-ID: <abc@support.example>
            --r--

            """
        guard case .bounce(let bounce) = AutomationClassifier.classify(try Mail(parsing: Array(raw.utf8)), isOwn: { _ in nil }) else {
            Issue.record("not classified as a bounce")
            return
        }
        #expect(bounce.recipients == ["gone@acme.example"])
        #expect(bounce.status == "5.1.1")
        #expect(bounce.originalMessageID == "abc@support.example")
    }

    @Test func textBounceNamesItsRecipientNotTheQuotedHeaders() throws {
        let raw = """
            From: "Mail Delivery Subsystem" <mailer-daemon@mail.example>
            To: escalations@support.example
            Subject: Delivery Status Notification (Failure)

            Your message wasn't delivered to nobody@acme.example because the address couldn't be found.
            550 5.1.1 The email account that you tried to reach does not exist.

            ----- Original message -----
            From: escalations@support.example
            To: nobody@acme.example, maria@globex.example
            Message-ID: <sent-1@support.example>

            """
        guard case .bounce(let bounce) = AutomationClassifier.classify(try Mail(parsing: Array(raw.utf8)), isOwn: { _ in nil }) else {
            Issue.record("not classified as a bounce")
            return
        }
        #expect(bounce.recipients == ["nobody@acme.example"])
        #expect(bounce.status == "5.1.1")
        #expect(bounce.originalMessageID == "sent-1@support.example")
    }

    @Test(
        arguments: [
            ("550 5.1.1 The account does not exist", "5.1.1"), ("Remote server said: 4.2.2 mailbox full", "4.2.2"),
            ("Diagnostic: smtp; 552 5.3.4 (message too big)", "5.3.4"), ("Status: 5.7.100", "5.7.100"),
            ("version v2.4.56 only", nil), ("5.1.1234 is no status", nil),
        ] as [(String, String?)])
    func enhancedStatusInBounceText(_ text: String, _ status: String?) throws {
        let raw = "From: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail Returned to Sender\n\n" + text + "\n"
        guard case .bounce(let bounce) = AutomationClassifier.classify(try Mail(parsing: Array(raw.utf8)), isOwn: { _ in nil }) else {
            Issue.record("not classified as a bounce")
            return
        }
        #expect(bounce.status == status)
    }

    @Test func htmlBecomesTextWithoutQuotedHistory() {
        let html =
            "<html><head><style>p{}</style></head><body><p>Approved &amp; thanks</p><div class=\"gmail_quote\">On … wrote:<blockquote>old</blockquote></div></body></html>"
        #expect(HTMLText.text(html) == "Approved & thanks")
    }
}
