#!/usr/bin/env python3
"""Renders every template's HTML (.build/mail-preview/*.html, written by TemplateGoldenTests) in
headless Chromium and checks what a reader sees: no sideways scroll at 390 px, no raw mailto: or
percent-encoded text shown, action buttons are links at least 44 px tall, the first text shown is
the headline, every text meets 4.5:1 contrast against its background (computed in the page), no
template syntax left; all of it in the light and in the dark palette. Headless Chromium here
prefers a dark scheme whatever its flags say (--force-dark-mode, --blink-settings=
preferredColorScheme), so each palette is chosen in the page: its `prefers-color-scheme: dark`
rule is made to hold (dark) or not (light). Screenshots at 390 and 900 px in both go to a folder
it prints."""
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


def measure(page: pathlib.Path, width: int, screenshot: pathlib.Path) -> dict:
    """The page's measurement at `width`, and its screenshot (one Chromium run for both).
    Headless Chromium lays a page out at least 500 px wide while scripts run (the screenshot
    alone gets the narrower window), so the page's root box is set to `width`: the layout has no
    width media rules, and whatever sticks out of that box would scroll sideways."""
    dom = subprocess.run(CHROMIUM + [f"--window-size={width},1200", f"--screenshot={screenshot}", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=60).stdout
    found = re.search(r'<pre id="eg-result"[^>]*>(.*?)</pre>', dom, re.S)
    if not found:
        raise SystemExit(f"{page.name}: no measurement in the page")
    return json.loads(html.unescape(found.group(1)))


DARK_RULE = "@media (prefers-color-scheme: dark)"
SCHEMES = {"light": "@media not all", "dark": "@media all"}


def in_scheme(text: str, scheme: str) -> str:
    """The page as a reader with that colour scheme sees it."""
    return text.replace(DARK_RULE, SCHEMES[scheme])


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
    failures, lowest = [], {scheme: (99.0, "") for scheme in SCHEMES}
    for page, scheme in [(page, scheme) for page in pages for scheme in SCHEMES]:
        kind = page.stem
        text = page.read_text(encoding="utf-8")
        if re.search(r"@media[^{]*width", text):
            failures.append(f"{kind}: a width media rule, which the 390 px measurement (root box at 390, layout at 500) cannot honour")
        if DARK_RULE not in text or not re.search(r'<meta name="color-scheme" content="light dark">', text):
            failures.append(f"{kind}: no color-scheme declared for light and dark, or no dark palette")
        shown_page = work / f"{kind}-{scheme}.html"
        shown_page.write_text(in_scheme(text, scheme), encoding="utf-8")
        measured = work / f"{kind}-{scheme}-measured.html"
        narrow = in_scheme(text, scheme).replace("</head>", "<style>html{width:390px}</style></head>")
        measured.write_text(narrow.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
        suffix = "-dark" if scheme == "dark" else ""
        result = measure(measured, 390, screens / f"{kind}-390{suffix}.png")
        kind = f"{kind} ({scheme})"
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
            if text["ratio"] < lowest[scheme][0]:
                lowest[scheme] = (text["ratio"], f"{page.stem}: {text['text']!r}")
        for button in result["buttons"]:
            if button["height"] < 44:
                failures.append(f"{kind}: button {button['label']!r} is {button['height']} px tall")
        subprocess.run(CHROMIUM + ["--window-size=900,1200", f"--screenshot={screens / f'{page.stem}-900{suffix}.png'}", shown_page.as_uri()],
                       capture_output=True, timeout=60)
    print(f"browser check: {len(pages)} templates, light and dark")
    for scheme, (ratio, where) in lowest.items():
        print(f"lowest contrast ({scheme}): {ratio}:1 ({where})")
    print(f"screenshots: {screens}")
    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
