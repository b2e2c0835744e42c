#!/usr/bin/env python3
"""Runs `escalation-gateway bench parse` over each kind of adversarial mail that
`make_adversarial_mail.py` wrote, one process per kind and binary, and prints the time per KB
and the process's peak RSS (the input's own bytes included). With two binaries (a build before a
change, then after) the runs alternate, kind by kind:

    python3 Tests/bench/adversarial.py DIR BIN [BIN2] [--rounds N] [--timeout S]

A run over `--timeout` seconds (default 600) is stopped and shown as such. Figures only: it never fails on time."""
import argparse
import os
import subprocess


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()
    print(f"{'kind':<20} {'size':>12}  " + "  ".join(f"{'bin' + str(i + 1) + ' µs/KB':>16} {'peak RSS MB':>11} {'':<24}" for i in range(len(args.binaries))))
    for kind in sorted(os.listdir(args.dir)):
        folder = os.path.join(args.dir, kind)
        size = sum(os.path.getsize(os.path.join(folder, name)) for name in os.listdir(folder))
        cells = []
        for binary in args.binaries:
            # A fresh interpreter per run, so that ru_maxrss of children is this run's alone.
            out = subprocess.run(
                ["python3", "-c", RUN_ONE, binary, folder, str(args.rounds), str(args.timeout)], capture_output=True, text=True).stdout.strip()
            per_kb, peak, note = out.split("|")
            cells.append(f"{per_kb:>16} {peak:>11} {note:<24}")
        print(f"{kind:<20} {size:>12,}  " + "  ".join(cells), flush=True)


RUN_ONE = """
import os, re, resource, subprocess, sys, time
binary, folder, rounds, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
kilobytes = sum(os.path.getsize(os.path.join(folder, name)) for name in os.listdir(folder)) / 1024

def bench(rounds):
    start = time.monotonic()
    output = subprocess.run([binary, 'bench', 'parse', folder, '--rounds', str(rounds), '--threads', '1'],
        capture_output=True, text=True, timeout=timeout).stdout
    return output, time.monotonic() - start

try:
    output, wall = bench(rounds)
    match = re.search(r'([0-9.]+) MB/s', output)
    if match and float(match.group(1)) > 0 and wall < 2:
        # A fast kind: enough rounds for about two seconds, so that the rate is more than noise.
        output, wall = bench(min(500, max(rounds, int(2 * (rounds + 1) / max(wall, 0.01)))))
except subprocess.TimeoutExpired:
    print(f'-|-|over {timeout} s'); sys.exit()
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
match = re.search(r'([0-9.]+) MB/s', output)
used = re.search(r'rounds: (\\d+)', output)
limited = re.search(r'over a limit: (\\d+)', output)
rate = float(match.group(1)) if match else 0
# Below 0.1 MB/s the printed rate is 0.0: the time of the warm-up and the rounds stands in.
per_kb = 1e6 / (rate * 1024) if rate > 0 else wall * 1e6 / (int(used.group(1)) + 1) / kilobytes
note = 'refused: over a limit' if limited and limited.group(1) != '0' else f'{wall:.1f} s wall, {used.group(1)} rounds'
print(f'{per_kb:.1f}|{peak}|{note}')
"""

if __name__ == "__main__":
    main()
