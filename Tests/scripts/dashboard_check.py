#!/usr/bin/env python3
"""The staff dashboard as a browser shows it. Seeds a database by playing the sample
conversations (`demo --start-ago 8h`, so that their times are past and the SLA clocks stand at
met, warning, breached and running), adds a request whose justification carries a script and
markup, starts the real `run` with `[http]` on a free loopback port and fetches `/`, "My
Approvals" for one approver, two escalation pages and the report. Each page is rendered in headless
Chromium at 390 and 1280 px and checked: no sideways scroll, every text at least 4.5:1 against
its background (computed in the page, as browser_check.py does it), severity badges in the
configured colours, the SLA clocks, My Approvals, the escalation page's sections, and the
customer's script and markup shown as text (no element made of it, and none served: the
pages carry no script and forbid any). Screenshots go to a folder it prints."""
import html
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from browser_check import CHROMIUM, MEASURE  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build/debug/escalation-gateway"
HOSTILE = '<script>alert("pwned")</script> Our <b>whole</b> sales team & "partners" are locked out <img src=x onerror=alert(1)>.'

EXTRA = r"""
<script>
window.addEventListener('load', () => {
  const style = el => getComputedStyle(el);
  const extra = {
    badges: [...document.querySelectorAll('.badge')].map(b => ({text: b.textContent.trim(), background: style(b).backgroundColor})),
    clocks: [...document.querySelectorAll('.clock')].map(c => c.className.replace('clock ', '')),
    scripts: document.querySelectorAll('script').length, images: document.querySelectorAll('img').length,
    bold: document.querySelectorAll('b').length,
    headings: [...document.querySelectorAll('h1, h2')].map(h => h.textContent.trim()),
    controls: [...document.querySelectorAll('input, button')].map(c => c.getBoundingClientRect().height),
    width: document.documentElement.getBoundingClientRect().width,
    widest: Math.max(...[...document.querySelectorAll('body *')].map(e => e.getBoundingClientRect().right)),
  };
  const pre = document.createElement('pre'); pre.id = 'eg-extra'; pre.style.display = 'none';
  pre.textContent = JSON.stringify(extra); document.body.appendChild(pre);
});
</script>
"""

PAGES = {
    "home": "/",
    "approvals": "/?approver=duty-manager%40support.example",
    "account-escalation": "/escalations/ESC0001003",
    "deescalated": "/escalations/ESC0001001",
    "report": "/report?since=30d",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.headers, answer.read().decode("utf-8")


def render(page: pathlib.Path, width: int, screenshot: pathlib.Path) -> tuple:
    """The page's measurements at `width`, and its screenshot. Headless Chromium lays a page out
    at least 500 px wide while scripts run (the screenshot alone gets the narrower window), so
    below that the page is measured with its root box set to `width`: the same media rules
    hold, and whatever sticks out of that box would scroll sideways."""
    subprocess.run(CHROMIUM + [f"--window-size={width},2400", f"--screenshot={screenshot}", page.as_uri()], capture_output=True, timeout=60)
    measured = page.with_name(f"{page.stem}-{width}.html")
    text = page.read_text(encoding="utf-8")
    if width < 500:
        text = text.replace("</head>", f"<style>html{{width:{width}px}}</style></head>")
    measured.write_text(text.replace("</body>", MEASURE + EXTRA + "</body>"), encoding="utf-8")
    dom = subprocess.run(CHROMIUM + [f"--window-size={width},2400", "--dump-dom", measured.as_uri()],
                         capture_output=True, text=True, timeout=60).stdout
    found = [re.search(rf'<pre id="{name}"[^>]*>(.*?)</pre>', dom, re.S) for name in ("eg-result", "eg-extra")]
    if not all(found):
        raise SystemExit(f"{page.name}: no measurement in the page")
    return tuple(json.loads(html.unescape(f.group(1))) for f in found)


def expectations(name: str, result: dict, extra: dict) -> list:
    """What each page must show, beyond the checks every page gets."""
    shown, failures = result["shown"], []
    def need(condition, what):
        if not condition:
            failures.append(what)
    if name in ("home", "approvals"):
        need(all(f"ESC000100{n}" in shown for n in (2, 3, 4)), "the three active escalations")
        need("ESC0001001" not in shown, "no de-escalated escalation in the active list")
        colours = {b["text"]: b["background"] for b in extra["badges"]}
        need(colours.get("high") == "rgb(198, 40, 40)" and colours.get("medium") == "rgb(239, 108, 0)",
             f"severity badges in the configured red and orange: {colours}")
        for kind in ("clock-breach", "clock-warn", "clock-ok", "clock-met"):
            need(kind in extra["clocks"], f"an SLA clock {kind}: {extra['clocks']}")
        need(re.search(r"left", shown) and "breached" in shown, "time left and breaches in words")
        need(any(h.startswith("My Approvals") for h in extra["headings"]), "My Approvals")
        need("REQ0000007" in shown and HOSTILE in shown, "the pending request with its justification as written")
        need(all(h >= 44 for h in extra["controls"]), f"form controls at least 44 px tall: {extra['controls']}")
    if name == "approvals":
        need("waiting for Dana Duty" in shown, "the list of one approver")
    if name in ("account-escalation", "deescalated"):
        for heading in ("SLA", "Requests and decisions", "Watch list", "Linked cases", "Mail thread", "Journal"):
            need(any(h.startswith(heading) for h in extra["headings"]), f"the section {heading}")
        need("SLA history" in shown and "Out · " in shown and "In · " in shown, "SLA history and the mail in and out")
    if name == "account-escalation":
        need("CS0001234" in shown and "CS0001235" in shown and "Erin Escalation" in shown, "linked cases and the assignee")
    if name == "deescalated":
        need("Work notes" in shown and "replaced" in shown and HOSTILE in shown, "work notes, replaced clocks, the new request")
    if name == "report":
        for heading in ("Report", "Requests and decisions", "Opened", "Closed", "SLA", "Busiest accounts"):
            need(any(h.startswith(heading) for h in extra["headings"]), f"the section {heading}")
        need("median 1m" in shown and "Acme Corp" in shown and len(extra["badges"]) >= 2, "decision times, accounts and severity badges")
    need(extra["scripts"] == 2 and extra["images"] == 0 and extra["bold"] == 0,
         f"no element from customer text (scripts {extra['scripts'] - 2}, img {extra['images']}, b {extra['bold']})")
    return failures


def main() -> int:
    if not BINARY.exists():
        print(f"{BINARY}: build first (swift build)", file=sys.stderr)
        return 1
    work = pathlib.Path(tempfile.mkdtemp(prefix="eg-dashboard-"))
    screens = pathlib.Path(os.environ.get("EG_SCREENSHOTS") or tempfile.mkdtemp(prefix="eg-dashboard-screens-"))
    screens.mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = work / "gateway.toml"
    config.write_text((ROOT / "Samples/gateway.toml").read_text() + f'\n[http]\nlisten = "127.0.0.1:{port}"\n')
    subprocess.run([str(BINARY), "demo", "--config", str(config), "--directory", str(ROOT / "Samples/directory.json"),
                    "--conversations", str(ROOT / "Samples/conversations"), "--start-ago", "8h"],
                   check=True, capture_output=True, timeout=300)
    (work / "inbox").mkdir(exist_ok=True)
    (work / "inbox/9001.eml").write_text(
        "From: Jane Doe <jane@acme.example>\r\nTo: Escalations <escalations@support.example>\r\n"
        "Subject: Login failing for the third time - CS0001234\r\nDate: Tue, 24 Nov 2026 18:00:00 +0000\r\n"
        "Message-ID: <jane-dashboard-001@acme.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"ESCALATE CS0001234\r\nReason: Lack of Progress\r\n{HOSTILE}\r\n\r\nJane\r\n")
    log = open(work / "run.log", "w")
    run = subprocess.Popen([str(BINARY), "run", "--config", str(config)], stdout=log, stderr=log)
    failures, lowest = [], (99.0, "")
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while True:
            try:
                if "REQ0000007" in fetch(base + "/")[1]:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                print((work / "run.log").read_text(), file=sys.stderr)
                raise SystemExit("the dashboard never listed the new request")
            time.sleep(0.3)
        for name, path in PAGES.items():
            headers, text = fetch(base + path)
            if "<script" in text or "script-src" in headers.get("Content-Security-Policy", "script-src") or "default-src 'none'" not in headers.get("Content-Security-Policy", ""):
                failures.append(f"{name}: served with a script, or without a policy forbidding scripts")
            page = work / f"{name}.html"
            page.write_text(text, encoding="utf-8")
            for width in (390, 1280):
                result, extra = render(page, width, screens / f"{name}-{width}.png")
                where = f"{name} at {width} px"
                if result["scrollWidth"] > result["clientWidth"] or extra["widest"] > extra["width"] + 0.5:
                    failures.append(f"{where}: {max(result['scrollWidth'], round(extra['widest']))} px wide, scrolls sideways")
                for item in result["texts"]:
                    if item["ratio"] < 4.5:
                        failures.append(f"{where}: contrast {item['ratio']}:1 for {item['text']!r}")
                    if item["ratio"] < lowest[0]:
                        lowest = (item["ratio"], f"{name}: {item['text']!r}")
                failures += [f"{where}: {failure}" for failure in expectations(name, result, extra)]
    finally:
        run.terminate()
        run.wait(timeout=30)
        log.close()
    print(f"dashboard check: {len(PAGES)} pages at 390 and 1280 px")
    print(f"lowest contrast: {lowest[0]}:1 ({lowest[1]})")
    print(f"screenshots: {screens}")
    for failure in failures:
        print("FAIL", failure)
    if not failures:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
