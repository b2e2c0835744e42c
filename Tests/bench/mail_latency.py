#!/usr/bin/env python3
"""Submits ROUNDS escalation mails over SMTP as a customer and times each until the gateway's
answer is in the customer's mailbox (IMAP). Prints the median and p95. Used by real-servers.sh."""
import imaplib, smtplib, ssl, statistics, sys, time, uuid

smtp_port, imap_port, ca_file, rounds = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
context = ssl.create_default_context(cafile=ca_file)
customer = "raj@example.test"
imap = imaplib.IMAP4("127.0.0.1", imap_port)
imap.starttls(ssl_context=context)
imap.login(customer, "secret")
imap.select("INBOX")
latencies = []
for round_number in range(rounds):
    token = uuid.uuid4().hex[:10]
    message = (f"From: Raj Patel <{customer}>\r\nTo: escalations@example.test\r\nSubject: Escalation {token}\r\n"
               f"Message-ID: <{token}@example.test>\r\n\r\nESCALATE CS0001235\r\nReason: Lack of Progress\r\n")
    before = len(imap.search(None, "ALL")[1][0].split())
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", smtp_port) as smtp:
        smtp.starttls(context=context)
        smtp.sendmail(customer, ["escalations@example.test"], message)
    while True:
        imap.noop()
        if len(imap.search(None, "ALL")[1][0].split()) > before:
            break
        if time.perf_counter() - start > 30:
            print(f"round {round_number}: no answer within 30 s")
            break
        time.sleep(0.01)
    latencies.append((time.perf_counter() - start) * 1000)
latencies.sort()
print(f"submission to answer in the customer's mailbox over {rounds} mails: median {statistics.median(latencies):.0f} ms, "
      f"p95 {latencies[int(0.95 * (len(latencies) - 1))]:.0f} ms (gateway waiting in IMAP IDLE)")
