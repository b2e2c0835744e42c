#!/usr/bin/env python3
"""Python's standard `email` package on the same job as `escalation-gateway bench parse DIR`:
parse every file under DIR from memory and take the body text (the plain part, or the HTML part's
text), then print mails/s and MB/s the same way. Usage: python3 Tests/bench/python_parse.py DIR [ROUNDS]"""
import email
import email.policy
import os
import sys
import time


def load(folder):
    blobs = []
    for root, _, names in os.walk(folder):
        for name in names:
            with open(os.path.join(root, name), "rb") as handle:
                blobs.append(handle.read())
    return blobs


def body_text(message):
    """The plain part's text, else the HTML part's, as the gateway reads a mail's body."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part is not None else ""
    except Exception:
        return ""


def read(blob):
    return body_text(email.message_from_bytes(blob, policy=email.policy.default))


def main():
    folder = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    blobs = load(folder)
    for blob in blobs:
        read(blob)
    start = time.perf_counter()
    for _ in range(rounds):
        for blob in blobs:
            read(blob)
    seconds = time.perf_counter() - start
    size = sum(len(blob) for blob in blobs)
    print(f"files: {len(blobs)} ({size / 1048576:.1f} MB), rounds: {rounds}")
    print(f"{int(len(blobs) * rounds / seconds)} mails/s")
    print(f"{size * rounds / 1048576 / seconds:.1f} MB/s")


if __name__ == "__main__":
    main()
