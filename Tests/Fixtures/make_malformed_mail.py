#!/usr/bin/env python3
"""Writes Tests/Fixtures/malformed/*.eml: 100+ broken mails (truncated, wrong or missing
boundaries, invalid encodings and charsets, huge and broken headers, binary garbage, NULs, bare
CR/LF, deep nesting, empty files). The gateway must end each applied, ignored, refused or failed
with a reason, and keep running. The huge cases (10,000 parts, 100 levels, 50 MB) are built by
the test itself so they never enter git. Deterministic: rerun to regenerate."""
import os, random

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "malformed")
rng = random.Random(20261124)
FROM = "From: Jane Doe <jane@acme.example>\r\nTo: escalations@support.example\r\n"
cases = {}


def add(name, data):
    cases[name] = data if isinstance(data, bytes) else data.encode("utf-8", "surrogateescape")


def mail(subject, body, extra="", sender=FROM):
    return f"{sender}Subject: {subject}\r\nMessage-ID: <{subject.replace(' ', '-')}-{len(cases)}@acme.example>\r\n{extra}\r\n{body}\r\n"


add("empty", b"")
add("only-newlines", b"\r\n\r\n\r\n")
add("header-only-no-body", FROM + "Subject: no body\r\n")
add("no-header-separator", FROM + "Subject: run-on\r\nESCALATE CS0001234")
add("body-only", "ESCALATE CS0001234\r\nReason: no progress\r\n")
add("bare-lf", mail("bare lf", "ESCALATE CS0001234\nReason: no progress").replace("\r\n", "\n"))
add("bare-cr", mail("bare cr", "ESCALATE CS0001234\rReason: no progress").replace("\r\n", "\r"))
add("mixed-line-ends", mail("mixed", "line one\nline two\r\nline three\rline four"))
add("nul-in-body", mail("nul body", "ESCALATE CS0001234\x00\x00Reason: no progress"))
add("nul-in-header", FROM + "Subject: nul\x00here\r\n\r\nbody\r\n")
add("binary-garbage", bytes(rng.randrange(256) for _ in range(4096)))
add("binary-garbage-after-header", FROM.encode() + b"Subject: garbage\r\n\r\n" + bytes(rng.randrange(256) for _ in range(8192)))
add("high-bit-header-latin1", FROM.encode() + b"Subject: caf\xe9 cr\xe8me\r\n\r\nCOMMENT bonjour\r\n")
add("high-bit-header-invalid-utf8", FROM.encode() + b"Subject: \xc3\x28\xa0\xa1\r\n\r\nbody\r\n")
add("huge-header-line", FROM + "Subject: " + "x" * 200_000 + "\r\n\r\nbody\r\n")
add("many-headers", FROM + "".join(f"X-Filler-{i}: {i}\r\n" for i in range(20_000)) + "Subject: many\r\n\r\nbody\r\n")
add("folded-forever", FROM + "Subject: start\r\n" + " continued\r\n" * 50_000 + "\r\nbody\r\n")
add("continuation-first", " leading continuation\r\n" + FROM + "Subject: x\r\n\r\nbody\r\n")
add("header-without-colon", FROM + "This is not a header\r\nSubject: x\r\n\r\nbody\r\n")
add("colon-only-header", FROM + ":\r\n::\r\nSubject: x\r\n\r\nbody\r\n")
add("mbox-from-line", "From jane@acme.example Tue Nov 24 10:00:00 2026\r\n" + mail("mbox", "COMMENT hi"))
add("no-from", "To: escalations@support.example\r\nSubject: anonymous\r\n\r\nESCALATE CS0001234\r\n")
add("from-without-address", "From: Jane\r\nSubject: x\r\n\r\nESCALATE CS0001234\r\n")
add("from-garbage", "From: <<<@@@>>>\r\nSubject: x\r\n\r\nESCALATE CS0001234\r\n")
add("from-group-only", "From: undisclosed-recipients:;\r\nSubject: x\r\n\r\nbody\r\n")
add("duplicate-from", FROM + "From: Mallory <mallory@elsewhere.example>\r\nSubject: two froms\r\n\r\nAPPROVE\r\n")
add("message-id-missing", FROM + "Subject: no id\r\n\r\nCOMMENT hi\r\n")
add("message-id-garbage", FROM + "Subject: bad id\r\nMessage-ID: <<<>>>\r\n\r\nCOMMENT hi\r\n")
add("references-huge", mail("refs", "COMMENT hi", "References: " + " ".join(f"<r{i}@x.example>" for i in range(20_000)) + "\r\n"))
add("in-reply-to-garbage", mail("irt", "APPROVE", "In-Reply-To: <unterminated\r\n"))
add("date-garbage", mail("date", "COMMENT hi", "Date: the day after tomorrow\r\n"))
for word in ["=?utf-8?B?!!!!?=", "=?utf-8?Q?=ZZ=?=", "=?x-unknown?B?SGVsbG8=?=", "=?utf-8?X?abc?=", "=?=?=?=?", "=?utf-8?B?" + "A" * 100_000 + "?="]:
    add(f"encoded-word-{len(cases)}", FROM + f"Subject: {word}\r\n\r\nbody\r\n")
add("content-type-garbage", mail("ct", "body", "Content-Type: ;;;;===\r\n"))
add("content-type-no-slash", mail("ct2", "body", "Content-Type: text\r\n"))
add("content-type-unknown", mail("ct3", "body", "Content-Type: application/x-nothing\r\n"))
add("charset-unknown", mail("cs", "caf\xe9", "Content-Type: text/plain; charset=x-klingon\r\n"))
add("charset-empty", mail("cs2", "body", "Content-Type: text/plain; charset=\r\n"))
add("charset-utf16-odd-bytes", FROM.encode() + b"Subject: u16\r\nContent-Type: text/plain; charset=utf-16\r\n\r\n\xff\xfeA\x00B")
add("charset-iso2022jp-broken", FROM.encode() + b"Subject: jp\r\nContent-Type: text/plain; charset=iso-2022-jp\r\n\r\n\x1b$B\x24\x33\x1b(B\x1b$B\xff\r\n")
add("charset-sjis-truncated", FROM.encode() + b"Subject: sjis\r\nContent-Type: text/plain; charset=shift_jis\r\n\r\n\x82\xb1\x82\r\n")
add("charset-big5-invalid", FROM.encode() + b"Subject: big5\r\nContent-Type: text/plain; charset=big5\r\n\r\n\xa4\xa4\xff\xff\r\n")
add("qp-broken", mail("qp", "caf=E9 =ZZ =\r\n= =4", "Content-Transfer-Encoding: quoted-printable\r\n"))
add("qp-soft-break-at-end", mail("qp2", "ESCALATE CS0001234=", "Content-Transfer-Encoding: quoted-printable\r\n"))
add("base64-garbage", mail("b64", "!!!@@@###$$$", "Content-Transfer-Encoding: base64\r\n"))
add("base64-bad-padding", mail("b64b", "RVNDQUxBVEUgQ1MwMDAxMjM0=====", "Content-Transfer-Encoding: base64\r\n"))
add("base64-line-noise", mail("b64c", "RVND\r\n  QUxB\r\n\tVEUg\r\n*Q1Mw\r\nMDAx\r\nMjM0", "Content-Transfer-Encoding: base64\r\n"))
add("cte-unknown", mail("cte", "body", "Content-Transfer-Encoding: x-uuencode-ish\r\n"))
add("multipart-no-boundary-param", mail("mp0", "--x\r\nbody\r\n--x--", "Content-Type: multipart/mixed\r\n"))
add("multipart-boundary-never-used", mail("mp1", "just text", 'Content-Type: multipart/mixed; boundary="nope"\r\n'))
add("multipart-no-close", mail("mp2", "--b\r\nContent-Type: text/plain\r\n\r\nESCALATE CS0001234\r\n", 'Content-Type: multipart/mixed; boundary="b"\r\n'))
add("multipart-wrong-boundary", mail("mp3", "--other\r\n\r\npart\r\n--other--\r\n", 'Content-Type: multipart/mixed; boundary="b"\r\n'))
add("multipart-empty-parts", mail("mp4", "--b\r\n--b\r\n--b\r\n--b--\r\n", 'Content-Type: multipart/mixed; boundary="b"\r\n'))
add("multipart-truncated-header", mail("mp5", "--b\r\nContent-Type: text/pl", 'Content-Type: multipart/mixed; boundary="b"\r\n'))
add("multipart-nested-same-boundary", mail("mp6", "--b\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n\r\ninner\r\n--b--\r\n--b--\r\n", 'Content-Type: multipart/mixed; boundary="b"\r\n'))
add("multipart-boundary-in-body", mail("mp7", "--b\r\n\r\ntext with --b inside\r\n--b--", 'Content-Type: multipart/mixed; boundary="b"\r\n'))
add("multipart-huge-boundary", mail("mp8", "--" + "b" * 5000 + "\r\n\r\nx\r\n", 'Content-Type: multipart/mixed; boundary="' + "b" * 5000 + '"\r\n'))
add("multipart-alternative-html-only-broken", mail("mp9", "--b\r\nContent-Type: text/html\r\n\r\n<p>APPROVE<div><span>\r\n--b--", 'Content-Type: multipart/alternative; boundary="b"\r\n'))
add("rfc822-empty", mail("rfc", "", "Content-Type: message/rfc822\r\n"))
add("rfc822-garbage", mail("rfc2", "\x00\x01\x02 garbage", "Content-Type: message/rfc822\r\n"))
add("report-without-parts", mail("rep", "nothing", "Content-Type: multipart/report; report-type=delivery-status; boundary=r\r\n"))
add("dsn-garbage", mail("dsn", "--r\r\nContent-Type: message/delivery-status\r\n\r\n;;;;\r\nStatus: banana\r\n--r--", "Content-Type: multipart/report; boundary=r\r\n", sender="From: MAILER-DAEMON@mx.example\r\nTo: escalations@support.example\r\n"))
add("html-unclosed-tags", mail("html", "<html><body><div><p>APPROVE<b><i><u>" * 200, "Content-Type: text/html\r\n"))
add("html-deep-nesting", mail("html2", "<div>" * 20_000 + "APPROVE" + "</div>" * 20_000, "Content-Type: text/html\r\n"))
add("html-entity-garbage", mail("html3", "&#99999999; &#x110000; &bogus; &amp APPROVE &#0;", "Content-Type: text/html\r\n"))
add("html-script-only", mail("html4", "<script>alert(1)</script><style>p{}</style>", "Content-Type: text/html\r\n"))
add("rfc2231-broken", mail("p", "body", "Content-Type: application/pdf; name*0*=utf-8''%ZZ; name*5=x; name*=%%%\r\nContent-Disposition: attachment; filename*0*=''\r\n"))
add("attachment-no-name", mail("att", "--b\r\nContent-Disposition: attachment\r\n\r\nxyz\r\n--b--", 'Content-Type: multipart/mixed; boundary="b"\r\n'))
add("command-huge", mail("big command", "ESCALATE CS0001234\r\nReason: " + "no progress " * 20_000))
add("command-control-chars", mail("ctl", "APPROVE\x07\x08\x1b[31m\r\n"))
add("subject-crlf-injection", FROM + "Subject: =?utf-8?q?x=0D=0ABcc:_victim@evil.example?=\r\n\r\nESCALATE CS0001234\r\nReason: no progress\r\n")
add("truncated-mid-header", FROM + "Subject: trunc\r\nContent-Type: multipart/mixed; bound")
add("truncated-mid-base64", mail("tb", "RVNDQUxBVEUgQ1MwMD", "Content-Transfer-Encoding: base64\r\n"))
add("truncated-mid-qp", mail("tq", "ESCALATE CS0001234 =E", "Content-Transfer-Encoding: quoted-printable\r\n"))
for i in range(30):
    raw = bytearray(mail(f"mutant {i}", "ESCALATE CS0001234\r\nReason: no progress", 'Content-Type: multipart/mixed; boundary="m"\r\n').encode())
    for _ in range(rng.randrange(1, 20)):
        position = rng.randrange(len(raw))
        raw[position] = rng.choice([0, 10, 13, 45, 61, 63, 255, rng.randrange(256)])
    add(f"mutant-{i:02d}", bytes(raw))


def main():
    os.makedirs(HERE, exist_ok=True)
    for name in os.listdir(HERE):
        os.remove(os.path.join(HERE, name))
    for index, (name, data) in enumerate(cases.items(), 1):
        with open(os.path.join(HERE, f"{index:03d}-{name}.eml"), "wb") as handle:
            handle.write(data)
    print(f"{len(cases)} malformed mails written to {HERE}")


if __name__ == "__main__":
    main()
