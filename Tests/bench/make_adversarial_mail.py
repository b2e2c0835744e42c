#!/usr/bin/env python3
"""Writes mails an attacker would send to stall the reader or swamp its memory, one folder per
kind, for `escalation-gateway bench parse` (see `adversarial.sh`):

    python3 Tests/bench/make_adversarial_mail.py OUT [--scale F]

Kinds: subject-ref (a 100 KB subject of `[ref:`), subject-re (100 KB of `re: `), body-on-wrote
("On On … wrote:" lines), body-separator (dash runs before "original message"), body-date-address
(a date, then a long token ending in `@`), body-attribution (dash runs before "wrote:"),
body-quotes (`>` runs), body-verb-inside ("On wrote wrote … :" lines), line-on-wrote and
line-date-address (the same as one 64 KB line), bounce-dashes and bounce-address (16 KB lines
in a bounce's text, which is searched for its recipients), long-line (one 4 MB line), references (10,000 References and a
50,000-byte Message-ID), nested (39 nested message/rfc822 parts, 60 MB), html (60 MB of HTML).
Bodies are 64 KB, what the reader reads. `--scale` multiplies every size (0.5 for a quick run)."""
import argparse
import os

HEADER = (
    "From: Mallory <mallory@attacker.example>\r\n"
    "To: escalations@support.example\r\n"
    "Date: Sun, 06 Dec 2026 10:00:00 +0000\r\n"
)


def mail(subject, body, extra="", content_type="text/plain; charset=utf-8", message_id="<adversarial@attacker.example>"):
    return (
        HEADER + f"Subject: {subject}\r\nMessage-ID: {message_id}\r\n{extra}MIME-Version: 1.0\r\n"
        f"Content-Type: {content_type}\r\n\r\n{body}"
    ).encode("utf-8")


def bounce(body):
    return mail("Undelivered Mail", body).replace(b"From: Mallory <mallory@attacker.example>", b"From: MAILER-DAEMON <mailer-daemon@attacker.example>")


def lines(line, size):
    return "\r\n".join([line] * max(1, size // (len(line) + 2))) + "\r\n"


def nested(depth, leaf_size):
    leaf = lines("x" * 76, leaf_size)
    inner = mail("level 0", leaf).decode("utf-8")
    for level in range(1, depth + 1):
        inner = mail(f"level {level}", inner, content_type="message/rfc822", message_id=f"<level{level}@attacker.example>").decode("utf-8")
    return inner.encode("utf-8")


def html(size):
    block = '<div><p>Please look at <b>this</b> &amp; that, <a href="https://x.example/">here</a>.</p></div>\n'
    bordered = '<div style="border-top:solid #E1E1E1 1.0pt"><p>' + "word " * 40 + "</p>"
    count = size // (len(block) + len(bordered) + 6)
    return "<html><body>" + (block + bordered) * count + "</div>" * count + "</body></html>"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    k = lambda n: int(n * args.scale)
    body = k(64 * 1024)
    # One line whose end the reader still reads (it reads 64 KB of a body).
    line = body - 1024
    kinds = {
        "subject-ref": mail("[ref:" * (k(100 * 1024) // 5), ""),
        "subject-re": mail("re: " * (k(100 * 1024) // 4), ""),
        "body-on-wrote": mail("Hello", "Thanks!\r\n" + lines("x" + " On" * 300 + " wrote:", body)),
        "body-separator": mail("Hello", "Thanks!\r\n" + lines("-" * 900 + " original message", body)),
        "body-date-address": mail("Hello", "Thanks!\r\n" + lines("Mon, 1 Jan 2024 " + "a" * 900 + "@", body)),
        "body-attribution": mail("Hello", "Thanks!\r\n" + lines("-" * 550 + " wrote:", body)),
        "body-quotes": mail("Hello", lines(">" * 900, body) + "Thanks!\r\n"),
        "body-verb-inside": mail("Hello", "Thanks!\r\n" + lines("On " + "wrote " * 99 + ":", body)),
        "line-on-wrote": mail("Hello", "Thanks!\r\n" + "x" + " On" * (line // 3) + " wrote:\r\n"),
        "line-date-address": mail("Hello", "Thanks!\r\n" + "Mon, 1 Jan 2024 " + "a" * line + "@\r\n"),
        "bounce-dashes": bounce("-" * k(16_000) + "\r\n"),
        "bounce-address": bounce("a" * k(16_000) + "@\r\n"),
        "long-line": mail("Hello", "word " * (k(4 << 20) // 5)),
        "references": mail(
            "Re: hello", "Thanks!\r\n",
            extra="In-Reply-To: <" + "i" * k(50_000) + "@attacker.example>\r\nReferences:"
            + "".join(f" <ref{n}.{'r' * 40}@attacker.example>\r\n" for n in range(k(10_000))),
            message_id="<" + "m" * k(50_000) + "@attacker.example>"),
        "nested": nested(39, k(60 << 20)),
        "html": mail("Hello", html(k(60 << 20)), content_type="text/html; charset=utf-8"),
    }
    for name, data in kinds.items():
        folder = os.path.join(args.out, name)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "mail.eml"), "wb") as handle:
            handle.write(data)
        print(f"{name}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
