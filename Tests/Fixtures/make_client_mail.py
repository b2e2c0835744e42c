#!/usr/bin/env python3
"""Writes Tests/Fixtures/client-mail/*.eml: replies to the gateway's approval request as each
mail client formats them (quote style, attribution, HTML markers, footers), each with the intent
the gateway must read, listed in expected.json. Rerun after changing a client's format."""
import base64, json, os, quopri
from email.header import Header

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "client-mail")
GATEWAY = "Escalations <escalations+r1xabcdefghijklmnopqrstuvwx@support.example>"
SUBJECT = "[CS0001234] Approval needed: escalation of CS0001234 – Login fails"
QUOTED = ["Jane Doe (jane@acme.example) asks to escalate CS0001234 (Login fails, Acme Corp).",
          "", "Reason: Lack of Progress", "Reply with APPROVE, or with REJECT followed by the reason.",
          "", "Reference: r1xabcdefghijklmnopqrstuvwx"]
DATE = "Tue, 24 Nov 2026 10:05:00 +0000"
counter = [0]


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_lines(text):
    return "".join(f"<div>{esc(line) or '<br>'}</div>" for line in text.split("\n"))


def headers(sender, subject, extra=""):
    counter[0] += 1
    subject = Header(subject, "utf-8").encode() if not subject.isascii() else subject
    return (f"From: {sender}\r\nTo: {GATEWAY}\r\nSubject: {subject}\r\nDate: {DATE}\r\n"
            f"Message-ID: <client-{counter[0]}@mail.example>\r\nIn-Reply-To: <abc123@support.example>\r\n"
            f"References: <jane-001@acme.example> <abc123@support.example>\r\nMIME-Version: 1.0\r\n{extra}")


def qp(text):
    return quopri.encodestring(text.replace("\n", "\r\n").encode("utf-8")).decode("ascii")


def alternative(text, html):
    b = "----=_alt_boundary"
    return (f'Content-Type: multipart/alternative; boundary="{b}"\r\n\r\n'
            f"--{b}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{qp(text)}\r\n"
            f"--{b}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{qp(html)}\r\n--{b}--\r\n")


def plain(text, charset="utf-8"):
    if charset == "utf-8":
        return f"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{qp(text)}\r\n"
    body = base64.encodebytes(text.replace("\n", "\r\n").encode(charset, errors="replace")).decode("ascii")
    return f"Content-Type: text/plain; charset={charset}\r\nContent-Transfer-Encoding: base64\r\n\r\n{body}"


def html_only(html):
    return f"Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{qp(html)}\r\n"


OUTLOOK_HEADERS = {
    "en": ("From", "Sent", "To", "Subject", "Tuesday, November 24, 2026 10:00 AM"),
    "fr": ("De", "Envoyé", "À", "Objet", "mardi 24 novembre 2026 10:00"),
    "de": ("Von", "Gesendet", "An", "Betreff", "Dienstag, 24. November 2026 10:00"),
    "es": ("De", "Enviado", "Para", "Asunto", "martes, 24 de noviembre de 2026 10:00"),
    "nl": ("Van", "Verzonden", "Aan", "Onderwerp", "dinsdag 24 november 2026 10:00"),
    "da": ("Fra", "Sendt", "Til", "Emne", "24. november 2026 10:00"),
    "sv": ("Från", "Skickat", "Till", "Ämne", "den 24 november 2026 10:00"),
    "fi": ("Lähettäjä", "Lähetetty", "Vastaanottaja", "Aihe", "tiistai 24. marraskuuta 2026 10.00"),
    "it": ("Da", "Inviato", "A", "Oggetto", "martedì 24 novembre 2026 10:00"),
    "pt": ("De", "Enviado", "Para", "Assunto", "terça-feira, 24 de novembro de 2026 10:00"),
}


def outlook_desktop(sender, body, lang="en", subject_prefix="RE: "):
    f, s, t, sub, when = OUTLOOK_HEADERS[lang]
    block = [f"{f}: Escalations <escalations@support.example>", f"{s}: {when}", f"{t}: Dana Duty <duty-manager@support.example>", f"{sub}: {SUBJECT}"]
    text = body + "\n\n________________________________\n" + "\n".join(block) + "\n\n" + "\n".join(QUOTED)
    html = (f"<html><head><style>p{{margin:0}}</style></head><body><div>{html_lines(body)}</div>"
            f'<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">'
            + "".join(f"<b>{esc(line.split(':',1)[0])}:</b>{esc(line.split(':',1)[1])}<br>" for line in block)
            + f"</div><div>{html_lines(chr(10).join(QUOTED))}</div></body></html>")
    return headers(sender, subject_prefix + SUBJECT, "X-Mailer: Microsoft Outlook 16.0\r\n") + alternative(text, html)


def outlook_web(sender, body):
    html = (f'<html><body><div style="font-family: Calibri">{html_lines(body)}</div><div id="appendonsend"></div>'
            f'<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg"><b>From:</b> Escalations<br><b>Sent:</b> Tuesday<br>'
            f"<b>Subject:</b> {esc(SUBJECT)}</div><div>{html_lines(chr(10).join(QUOTED))}</div></body></html>")
    text = body + "\n\n________________________________\nFrom: Escalations\nSent: Tuesday, November 24, 2026 10:00 AM\nSubject: " + SUBJECT + "\n\n" + "\n".join(QUOTED)
    return headers(sender, "RE: " + SUBJECT) + alternative(text, html)


def outlook_ios(sender, body, html_only_part=False):
    footer = "\n\nGet Outlook for iOS<https://aka.ms/o0ukef>"
    text = body + footer + "\n________________________________\nFrom: Escalations <escalations@support.example>\nSent: Tuesday, November 24, 2026 10:00:00 AM\nTo: Dana Duty\nSubject: " + SUBJECT + "\n\n" + "\n".join(QUOTED)
    html = (f'<html><body><div dir="auto">{html_lines(body)}</div><div dir="auto"><br></div><div id="ms-outlook-mobile-signature">'
            f'Get <a href="https://aka.ms/o0ukef">Outlook for iOS</a></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg">'
            f"<b>From:</b> Escalations<br><b>Sent:</b> Tuesday<br></div><div>{html_lines(chr(10).join(QUOTED))}</div></body></html>")
    return headers(sender, "Re: " + SUBJECT) + (html_only(html) if html_only_part else alternative(text, html))


GMAIL_ATTRIBUTION = {
    "en": "On Tue, Nov 24, 2026 at 10:00 AM Escalations <escalations@support.example> wrote:",
    "fr": "Le mar. 24 nov. 2026 à 10:00, Escalations <escalations@support.example> a écrit :",
    "de": "Am Di., 24. Nov. 2026 um 10:00 Uhr schrieb Escalations <escalations@support.example>:",
    "es": "El mar, 24 nov 2026 a las 10:00, Escalations (<escalations@support.example>) escribió:",
}


def gmail_web(sender, body, lang="en", html_only_part=False):
    attribution = GMAIL_ATTRIBUTION[lang]
    text = body + "\n\n" + attribution + "\n\n" + "\n".join("> " + line if line else ">" for line in QUOTED)
    html = (f'<div dir="ltr">{html_lines(body)}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">{esc(attribution)}<br></div>'
            f'<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
            f"{html_lines(chr(10).join(QUOTED))}</blockquote></div>")
    return headers(sender, "Re: " + SUBJECT) + (html_only(html) if html_only_part else alternative(text, html))


def gmail_app(sender, body):
    text = body + "\n\nOn Tue, 24 Nov 2026, 10:00 Escalations, <escalations@support.example> wrote:\n\n" + "\n".join("> " + l if l else ">" for l in QUOTED)
    return headers(sender, "Re: " + SUBJECT) + plain(text)


def apple_mail(sender, body, iphone=False):
    footer = "\n\nSent from my iPhone" if iphone else ""
    text = body + footer + "\n\n> On 24 Nov 2026, at 10:00, Escalations <escalations@support.example> wrote:\n> \n" + "\n".join("> " + l for l in QUOTED)
    html = (f'<html><body dir="auto">{html_lines(body)}' + ("<div><br><div>Sent from my iPhone</div></div>" if iphone else "")
            + f'<div dir="ltr"><br><blockquote type="cite">On 24 Nov 2026, at 10:00, Escalations &lt;escalations@support.example&gt; wrote:<br><br>'
            f"{html_lines(chr(10).join(QUOTED))}</blockquote></div></body></html>")
    return headers(sender, "Re: " + SUBJECT, "X-Mailer: iPhone Mail (21A329)\r\n" if iphone else "X-Mailer: Apple Mail (2.3731)\r\n") + alternative(text, html)


def thunderbird(sender, body, bottom=False):
    attribution = "On 24/11/2026 10:00, Escalations wrote:"
    quoted = "\n".join("> " + l if l else ">" for l in QUOTED)
    text = (attribution + "\n" + quoted + "\n\n" + body) if bottom else (body + "\n\n" + attribution + "\n" + quoted)
    html_quote = f'<div class="moz-cite-prefix">{esc(attribution)}<br></div><blockquote type="cite">{html_lines(chr(10).join(QUOTED))}</blockquote>'
    html = f"<html><body>{html_quote}<p>{html_lines(body)}</p></body></html>" if bottom else f"<html><body><p>{html_lines(body)}</p>{html_quote}</body></html>"
    return headers(sender, "Re: " + SUBJECT, "User-Agent: Mozilla Thunderbird\r\n") + alternative(text, html)


def yahoo(sender, body):
    attribution = "On Tuesday, November 24, 2026, 10:00:00 AM GMT, Escalations <escalations@support.example> wrote:"
    text = body + "\n\n    " + attribution + "  \n\n " + "\n ".join(QUOTED)
    html = (f'<html><body><div class="ydp1"><div>{html_lines(body)}</div></div><div class="yahoo_quoted" id="yahoo_quoted_1">'
            f"<div>{esc(attribution)}</div><div>{html_lines(chr(10).join(QUOTED))}</div></div></body></html>")
    return headers(sender, "Re: " + SUBJECT, "X-Mailer: WebService/1.1 YMailNorrin\r\n") + alternative(text, html)


def mobile_plain(sender, body, charset="utf-8"):
    text = body + "\n\nSent from my Android phone\n\n-------- Original message --------\nFrom: Escalations <escalations@support.example>\nDate: 24/11/2026 10:00\nSubject: " + SUBJECT + "\n\n" + "\n".join(QUOTED)
    return headers(sender, "Re: " + SUBJECT) + plain(text, charset)


DUTY = "Dana Duty <duty-manager@support.example>"
JANE = "Jane Doe <jane@acme.example>"
OWNER = "Sam Agent <agent1@support.example>"
MANAGER = "Erin Escalation <em@support.example>"

CASES = [
    # (name, builder, expected intent, argument substrings)
    ("outlook-desktop-approve", lambda: outlook_desktop(DUTY, "APPROVE"), "approve", {}),
    ("outlook-desktop-approved-signature", lambda: outlook_desktop(DUTY, "Approved.\n\nKind regards,\nDana Duty\nDuty Manager | Support"), "approve", {}),
    ("outlook-desktop-reject", lambda: outlook_desktop(DUTY, "REJECT the fix for the login service ships on Friday"), "reject", {"reason": "ships on Friday"}),
    ("outlook-desktop-fr-approve", lambda: outlook_desktop(DUTY, "Approuvé.\n\nCordialement,\nDana", "fr"), "approve", {}),
    ("outlook-desktop-fr-reject", lambda: outlook_desktop(DUTY, "Refusé : le correctif est livré vendredi.", "fr"), "reject", {"reason": "vendredi"}),
    ("outlook-desktop-de-approve", lambda: outlook_desktop(DUTY, "Genehmigt.\n\nViele Grüße\nDana", "de", "AW: "), "approve", {}),
    ("outlook-desktop-de-reject", lambda: outlook_desktop(DUTY, "Abgelehnt – der Fix kommt am Freitag.", "de", "AW: "), "reject", {"reason": "Freitag"}),
    ("outlook-desktop-de-negation", lambda: outlook_desktop(DUTY, "Noch nicht genehmigt, ich prüfe das erst.", "de", "AW: "), "unclear", {}),
    ("outlook-desktop-es-approve", lambda: outlook_desktop(DUTY, "Aprobado.\n\nSaludos", "es", "RE: "), "approve", {}),
    ("outlook-desktop-es-reject", lambda: outlook_desktop(DUTY, "Rechazado: la corrección sale el viernes.", "es"), "reject", {"reason": "viernes"}),
    ("outlook-desktop-nl-approve", lambda: outlook_desktop(DUTY, "Goedgekeurd.", "nl"), "approve", {}),
    ("outlook-desktop-da-approve", lambda: outlook_desktop(DUTY, "Godkendt.", "da", "SV: "), "approve", {}),
    ("outlook-desktop-sv-reject", lambda: outlook_desktop(DUTY, "REJECT lösningen kommer på fredag", "sv", "SV: "), "reject", {"reason": "fredag"}),
    ("outlook-desktop-fi-approve", lambda: outlook_desktop(DUTY, "Hyväksytty.", "fi", "VS: "), "approve", {}),
    ("outlook-desktop-it-approve", lambda: outlook_desktop(DUTY, "Approvato.", "it", "R: "), "approve", {}),
    ("outlook-desktop-pt-reject", lambda: outlook_desktop(DUTY, "Rejeitado: a correção sai na sexta-feira.", "pt"), "reject", {"reason": "sexta"}),
    ("outlook-web-approve", lambda: outlook_web(DUTY, "Yes, go ahead"), "approve", {}),
    ("outlook-web-negation", lambda: outlook_web(DUTY, "I can't approve this yet, I need to talk to the team first."), "unclear", {}),
    ("outlook-web-severity", lambda: outlook_web(OWNER, "SEVERITY high"), "severity", {"value": "high"}),
    ("outlook-ios-approve", lambda: outlook_ios(DUTY, "Approved"), "approve", {}),
    ("outlook-ios-html-only-reject", lambda: outlook_ios(DUTY, "Rejected – the fix ships Friday", html_only_part=True), "reject", {"reason": "ships Friday"}),
    ("outlook-ios-comment", lambda: outlook_ios(OWNER, "Call with Acme went well, patch is in test."), "comment", {"text": "patch is in test"}),
    ("gmail-web-approve", lambda: gmail_web(DUTY, "Approved."), "approve", {}),
    ("gmail-web-reject-multiline", lambda: gmail_web(DUTY, "REJECT\nThe fix ships Friday and Kim will call Jane today."), "reject", {"reason": "Kim will call"}),
    ("gmail-web-fr-approve", lambda: gmail_web(DUTY, "approuvé", "fr"), "approve", {}),
    ("gmail-web-de-reject", lambda: gmail_web(DUTY, "abgelehnt, zu früh – bitte erst den Patch testen", "de"), "reject", {"reason": "Patch"}),
    ("gmail-web-es-approve", lambda: gmail_web(DUTY, "aprobado", "es"), "approve", {}),
    ("gmail-web-html-only-approve", lambda: gmail_web(DUTY, "APPROVE", html_only_part=True), "approve", {}),
    ("gmail-web-dont-reject", lambda: gmail_web(DUTY, "Don't reject it yet, let me check with engineering."), "unclear", {}),
    ("gmail-web-not-approved", lambda: gmail_web(DUTY, "Not approved for now."), "unclear", {}),
    ("gmail-web-trend", lambda: gmail_web(OWNER, "TREND improving"), "trend", {"value": "improving"}),
    ("gmail-web-watch", lambda: gmail_web(OWNER, "WATCH vp-support@support.example"), "watch", {"address": "vp-support@support.example"}),
    ("gmail-app-approve", lambda: gmail_app(DUTY, "Yes, go ahead"), "approve", {}),
    ("gmail-app-deescalate", lambda: gmail_app(JANE, "All fixed now, please de-escalate. Thanks!"), "de-escalate", {"reason": "fixed"}),
    ("gmail-app-unwatch", lambda: gmail_app(OWNER, "UNWATCH vp-support@support.example"), "unwatch", {"address": "vp-support@support.example"}),
    ("apple-mail-approve", lambda: apple_mail(DUTY, "APPROVE"), "approve", {}),
    ("apple-mail-reject", lambda: apple_mail(DUTY, "REJECT please work it with the owner first"), "reject", {"reason": "owner first"}),
    ("apple-mail-link", lambda: apple_mail(MANAGER, "LINK CS0001235"), "link", {"case": "CS0001235"}),
    ("iphone-approve", lambda: apple_mail(DUTY, "Approved", iphone=True), "approve", {}),
    ("iphone-deescalate", lambda: apple_mail(JANE, "DE-ESCALATE resolved by the patch this morning", iphone=True), "de-escalate", {"reason": "patch"}),
    ("iphone-escalate-again", lambda: apple_mail(JANE, "Please escalate this again, still no progress.", iphone=True), "escalate", {"reason": "no progress"}),
    ("thunderbird-top-approve", lambda: thunderbird(DUTY, "APPROVE"), "approve", {}),
    ("thunderbird-bottom-reject", lambda: thunderbird(DUTY, "REJECT not before the patch is tested", bottom=True), "reject", {"reason": "patch is tested"}),
    ("thunderbird-bottom-unlink", lambda: thunderbird(MANAGER, "UNLINK CS0001235", bottom=True), "unlink", {"case": "CS0001235"}),
    ("thunderbird-assign", lambda: thunderbird(MANAGER, "ASSIGN agent2@support.example"), "assign", {"address": "agent2@support.example"}),
    ("yahoo-approve", lambda: yahoo(DUTY, "Approved, thanks."), "approve", {}),
    ("yahoo-comment", lambda: yahoo(JANE, "COMMENT our CIO asks for a status by noon"), "comment", {"text": "status by noon"}),
    ("yahoo-negation", lambda: yahoo(DUTY, "Maybe, but I cannot approve this without the logs."), "unclear", {}),
    ("android-approve", lambda: mobile_plain(DUTY, "Approve"), "approve", {}),
    ("android-latin1-reject", lambda: mobile_plain(DUTY, "Refusé : trop tôt, le correctif arrive vendredi", "iso-8859-1"), "reject", {"reason": "vendredi"}),
    ("android-escalate-account", lambda: mobile_plain(JANE, "Please escalate our account, cases CS0001234 and CS0001235 are stalled."), "escalate-account", {"cases": "CS0001234,CS0001235"}),
]

NEW_MAIL = [
    ("new-outlook-escalate", "Escalation for CS0001234", "ESCALATE CS0001234\nReason: Lack of Progress\nNo update for three days.", "escalate", {"reason": "Lack of Progress"}),
    ("new-gmail-natural-escalate", "Login broken", "Please escalate CS0001234, no progress for two weeks", "escalate", {"reason": "no progress"}),
    ("new-escalate-account-strict", "Account", "ESCALATE ACCOUNT\nReason: Customer Imposed Deadline\nGo-live on Monday, CS0001234 blocks it.", "escalate-account", {"cases": "CS0001234"}),
    ("new-escalate-deadline", "Urgent", "We need to escalate CS0001235: the customer imposed deadline is Friday.", "escalate", {"reason": "deadline"}),
    ("new-comment-free-text", "[CS0001234] status", "We spoke with the customer, the workaround holds.", "comment", {}),
    ("new-deescalate-strict", "[ESC0001001] done", "DE-ESCALATE\nResolved by release 4.2.", "de-escalate", {"reason": "4.2"}),
    ("new-mailto-approve-subject-only", "APPROVE [ref:r1xabcdefghijklmnopqrstuvwx]", "", "approve", {}),
    ("new-mailto-reject-subject-only", "REJECT [ref:r1xabcdefghijklmnopqrstuvwx] wait for the patch", "", "reject", {"reason": "patch"}),
    ("new-empty", "Re: [CS0001234] Login fails", "", "empty", {}),
]


def main():
    os.makedirs(HERE, exist_ok=True)
    expected = []
    for index, (name, build, intent, args) in enumerate(CASES, 1):
        file = f"{index:02d}-{name}.eml"
        open(os.path.join(HERE, file), "w", newline="").write(build())
        expected.append({"file": file, "intent": intent, "arguments": args})
    for index, (name, subject, body, intent, args) in enumerate(NEW_MAIL, len(CASES) + 1):
        file = f"{index:02d}-{name}.eml"
        sender = DUTY if "mailto" in name else OWNER if "comment" in name or "deescalate" in name else JANE
        counter[0] += 1
        raw = (f"From: {sender}\r\nTo: escalations@support.example\r\nSubject: {subject}\r\nDate: {DATE}\r\n"
               f"Message-ID: <new-{counter[0]}@mail.example>\r\nMIME-Version: 1.0\r\n" + plain(body))
        open(os.path.join(HERE, file), "w", newline="").write(raw)
        expected.append({"file": file, "intent": intent, "arguments": args})
    json.dump(expected, open(os.path.join(HERE, "expected.json"), "w"), indent=1, ensure_ascii=False)
    print(f"{len(expected)} mails written to {HERE}")


if __name__ == "__main__":
    main()
