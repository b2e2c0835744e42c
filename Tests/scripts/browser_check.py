#!/usr/bin/env python3
"""Renders every template's HTML (.build/mail-preview/*.html, written by TemplateGoldenTests) in
headless Chromium and checks what a reader sees: no sideways scroll at 390 px, no raw mailto: or
percent-encoded text shown, action buttons are links at least 44 px tall, the first text shown is
the headline, every text meets 4.5:1 contrast against its background (computed in the page), no
template syntax left. Screenshots at 390 and 900 px go to a folder it prints."""
import html
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

MEASURE = r"""
<script>
window.addEventListener('load', () => {
  const hidden = el => { for (let e = el; e && e !== document; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0 || e.id === 'eg-result') return true; }
    return false; };
  const rgba = text => { const p = text.match(/rgba?\(([^)]+)\)/)[1].split(',').map(parseFloat); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const luminance = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const background = el => { for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c.a > 0) return c; }
    return {r: 255, g: 255, b: 255, a: 1}; };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (!text || hidden(node.parentElement)) continue;
    const el = node.parentElement;
    const l1 = luminance(rgba(getComputedStyle(el).color)), l2 = luminance(background(el));
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    texts.push({text: text.slice(0, 80), ratio: Math.round(ratio * 100) / 100});
  }
  const buttons = [...document.querySelectorAll('a[href]')].map(a => ({label: a.textContent.trim(), height: a.getBoundingClientRect().height}));
  const result = {scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
    headline: (document.querySelector('h1') || {textContent: ''}).textContent.trim(), texts, buttons,
    shown: document.body.innerText};
  const pre = document.createElement('pre'); pre.id = 'eg-result'; pre.style.display = 'none';
  pre.textContent = JSON.stringify(result); document.body.appendChild(pre);
});
</script>
"""

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=3000"]


def measure(page: pathlib.Path, width: int) -> dict:
    dom = subprocess.run(CHROMIUM + [f"--window-size={width},900", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=60).stdout
    found = re.search(r'<pre id="eg-result"[^>]*>(.*?)</pre>', dom, re.S)
    if not found:
        raise SystemExit(f"{page.name}: no measurement in the page")
    return json.loads(html.unescape(found.group(1)))


def main() -> int:
    root = pathlib.Path(__file__).resolve().parents[2]
    preview = root / ".build/mail-preview"
    pages = sorted(p for p in preview.glob("*.html") if p.name != "preview.html")
    if len(pages) < 30:
        print(f"{preview}: {len(pages)} templates; run the GatewayTests (TemplateGoldenTests) first", file=sys.stderr)
        return 1
    screens = pathlib.Path(os.environ.get("EG_SCREENSHOTS") or tempfile.mkdtemp(prefix="eg-mail-screens-"))
    screens.mkdir(parents=True, exist_ok=True)
    work = pathlib.Path(tempfile.mkdtemp(prefix="eg-mail-measure-"))
    failures, lowest = [], (99.0, "")
    for page in pages:
        kind = page.stem
        measured = work / page.name
        measured.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")
        result = measure(measured, 390)
        if result["scrollWidth"] > result["clientWidth"]:
            failures.append(f"{kind}: {result['scrollWidth']} px wide at 390, scrolls sideways")
        shown = result["shown"]
        if "mailto:" in shown or re.search(r"%[0-9A-Fa-f]{2}", shown):
            failures.append(f"{kind}: a raw link or percent-encoded text is shown")
        if "{{" in shown or "}}" in shown:
            failures.append(f"{kind}: template syntax left")
        texts = result["texts"]
        if not texts or texts[0]["text"] != result["headline"][:80] or not result["headline"]:
            failures.append(f"{kind}: the first text shown is {texts[0]['text'] if texts else None!r}, not the headline")
        for text in texts:
            if text["ratio"] < 4.5:
                failures.append(f"{kind}: contrast {text['ratio']}:1 for {text['text']!r}")
            if text["ratio"] < lowest[0]:
                lowest = (text["ratio"], f"{kind}: {text['text']!r}")
        for button in result["buttons"]:
            if button["height"] < 44:
                failures.append(f"{kind}: button {button['label']!r} is {button['height']} px tall")
        for width in (390, 900):
            subprocess.run(CHROMIUM + [f"--window-size={width},1200", f"--screenshot={screens / f'{kind}-{width}.png'}", page.as_uri()],
                           capture_output=True, timeout=60)
    print(f"browser check: {len(pages)} templates; lowest contrast {lowest[0]}:1 ({lowest[1]})")
    print(f"screenshots: {screens}")
    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
