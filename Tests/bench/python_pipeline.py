#!/usr/bin/env python3
"""The parse-and-store part of the gateway's pipeline done with Python's standard library, for
comparison with `escalation-gateway bench pipeline` on the same mails: each mail is parsed with
`email` (policy.default), its body text taken (plain part, else HTML), its SHA-256 computed, and
a receipt row (Message-ID, sender, subject, body text, raw bytes) stored with `sqlite3` in WAL
mode with synchronous=FULL, one transaction per batch of 500 — as the gateway commits. No
command reading, state, templates or outbox: only the part both do.

    escalation-gateway bench pipeline --mails 10000 --keep-mails /tmp/mails
    python3 Tests/bench/python_pipeline.py /tmp/mails
"""
import email
import email.policy
import hashlib
import os
import sqlite3
import sys
import tempfile
import time

from python_parse import body_text, load


def main():
    folder = sys.argv[1]
    batch_size = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    blobs = load(folder)
    with tempfile.TemporaryDirectory() as work:
        db = sqlite3.connect(os.path.join(work, "python.sqlite"), isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("CREATE TABLE receipt(id INTEGER PRIMARY KEY, sha256 TEXT UNIQUE, message_id TEXT, sender TEXT, subject TEXT, body TEXT, raw BLOB)")
        latencies = []
        start = time.perf_counter()
        for first in range(0, len(blobs), batch_size):
            db.execute("BEGIN")
            for blob in blobs[first:first + batch_size]:
                began = time.perf_counter()
                message = email.message_from_bytes(blob, policy=email.policy.default)
                db.execute(
                    "INSERT OR IGNORE INTO receipt(sha256, message_id, sender, subject, body, raw) VALUES (?, ?, ?, ?, ?, ?)",
                    (hashlib.sha256(blob).hexdigest(), str(message.get("Message-ID", "")), str(message.get("From", "")),
                     str(message.get("Subject", "")), body_text(message), blob))
                latencies.append(time.perf_counter() - began)
            db.execute("COMMIT")
        seconds = time.perf_counter() - start
        size = os.path.getsize(os.path.join(work, "python.sqlite"))
    megabytes = sum(len(blob) for blob in blobs) / 1048576
    latencies.sort()
    print(f"python pipeline (email + sqlite3, parse and store only): {len(blobs)} mails, {megabytes:.1f} MB, {seconds:.2f} s")
    print(f"{int(len(blobs) / seconds)} mails/s")
    print(f"{megabytes / seconds:.1f} MB/s")
    print(f"per mail: p50 {latencies[len(latencies) // 2] * 1000:.2f} ms, p99 {latencies[int(len(latencies) * 0.99)] * 1000:.2f} ms")
    print(f"database {size / 1048576:.1f} MB")


if __name__ == "__main__":
    main()
