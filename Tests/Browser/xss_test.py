"""Browser security test of the built site: no payload of Tests/Browser/payloads.json may run.

The test writes a workbook in which every payload appears in every free-text field
(workload name, owner, environments, tags and description; reviewers, summary, question
notes, practice notes, [n/a] reasons, improvement owners and notes, acceptance approvers and
reasons; question titles, areas, practice titles and guidance; objective and threat model
titles, threat titles and prose; the lens name and introduction; classification titles),
builds it with the real `pillar` binary, checks every HTML file statically, then loads
every page in headless Chromium (Debian's chromium driven by Playwright), once as built
and once with the Content-Security-Policy <meta> removed so that escaping alone is tested.

A page fails when any payload shows a sign of life: a dialog, the global `__pwned`, a
request that leaves the site folder, a console message about a blocked script or resource,
a script error, a navigation, or markup that should never come out of content (an element
outside the templates' vocabulary, an on* attribute, a javascript:/vbscript:/data: URL).

The negative control makes one template value unescaped, builds with
--unchecked-templates, and requires the same harness to catch the injection, so the
harness is shown able to fail. Without --unchecked-templates that template is refused.

Environment: PILLAR_BIN (default .build/debug/pillar), CHROMIUM (default `chromium` on PATH).
Run with `scripts/test-browser`.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import os
import re
import shutil
import subprocess
import time
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
FIXTURE = REPO / "Tests" / "Fixtures" / "basic"
TEMPLATES = REPO / "templates"
PILLAR = os.environ.get("PILLAR_BIN") or str(REPO / ".build" / "debug" / "pillar")
DATE = "2026-11-01"
CHUNK = 20  # payloads per extra question, objective and threat model

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?')


def load_payloads() -> list[dict]:
    with open(HERE / "payloads.json", encoding="utf-8") as f:
        return json.load(f)


PAYLOADS = load_payloads()
TEXTS = [p["payload"] for p in PAYLOADS]

# --------------------------------------------------------------------------------------
# The corpus itself
# --------------------------------------------------------------------------------------

REQUIRED_FAMILIES = {
    "raw-tag": 10,
    "event-handler": 10,
    "dangerous-url": 20,  # javascript:, vbscript:, data: with entity, case, whitespace tricks
    "svg-mathml": 10,
    "broken-nested": 10,
    "template": 10,
    "front-matter": 10,
    "autolink": 5,
    "link-reference": 5,
    "image-title": 5,
}
MARKERS = ("alert", "confirm", "prompt", "__pwned", "127.0.0.1:9", "msgbox")
ALLOWED_HOSTS = {"127.0.0.1:9", "example.invalid", "www.example.invalid", "www.w3.org"}


def _decoded_forms(s: str) -> str:
    """The payload with the usual encodings undone, to find its observable action."""
    forms = [s]
    t = s
    for _ in range(3):
        t = html.unescape(urllib.parse.unquote(t))
        forms.append(t)
    forms.append(re.sub(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})",
                        lambda m: chr(int(m.group(1) or m.group(2), 16)), t))
    for b64 in re.findall(r"[A-Za-z0-9+/]{12,}={0,2}", s):
        try:
            forms.append(base64.b64decode(b64 + "=" * (-len(b64) % 4)).decode("utf-8", "replace"))
        except (binascii.Error, ValueError):
            pass
    return "\n".join(forms).lower()


def test_corpus_is_large_distinct_and_observable():
    assert len(TEXTS) >= 150, f"only {len(TEXTS)} payloads"
    assert len(set(TEXTS)) == len(TEXTS), "payloads are not distinct"
    counts: dict[str, int] = {}
    for p in PAYLOADS:
        counts[p["family"]] = counts.get(p["family"], 0) + 1
    for family, minimum in REQUIRED_FAMILIES.items():
        assert counts.get(family, 0) >= minimum, f"family {family}: {counts.get(family, 0)} < {minimum}"
    multi_line = [t for t in TEXTS if "\n" in t]
    assert len(multi_line) >= 15, "too few multi-line Markdown payloads"
    for t in TEXTS:
        decoded = _decoded_forms(t)
        assert any(m in decoded for m in MARKERS), f"payload would run unseen: {t!r}"
        assert "\x00" not in t
        for host in re.findall(r"(?i)(?:\bhttps?:|(?<![^(\"'=\s]))//([a-z0-9.\-]+(?::\d+)?)",
                               _decoded_forms(t)):
            assert host in ALLOWED_HOSTS, f"payload names an outside host {host!r}: {t!r}"


# --------------------------------------------------------------------------------------
# The workbook
# --------------------------------------------------------------------------------------

def _yaml_printable(c: str) -> bool:
    o = ord(c)
    if c in "\u2028\u2029\ufeff\x85":
        return False
    return o == 0x09 or 0x20 <= o <= 0x7E or 0xA0 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000


def yq(s: str) -> str:
    """A double-quoted YAML scalar for s: JSON's escapes, which YAML shares.

    Pillar's YAML prescan does not honour \\" inside a double-quoted scalar (it reads the
    rest of the line as YAML syntax, so `"a \\" [*b]"` is refused as an alias): a value
    with `"` and an `*` or `&` writes the quote as \\x22 instead, which is the same string.
    """
    quote = "\\x22" if '"' in s and re.search(r"[*&]", s) else '\\"'
    out = []
    for c in s:
        if c == '"':
            out.append(quote)
        elif c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif not _yaml_printable(c):
            out.append("\\u%04x" % ord(c) if ord(c) <= 0xFFFF else "\\U%08x" % ord(c))
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def one_line(s: str) -> str:
    return re.sub(r"\s*\n\s*", " ", s)


_H2 = re.compile(r"^ {0,3}##(?:[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(?:-+|=+)[ \t]*$")


_CHECKLIST_LIKE = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\[")
_MAY_NOT_CLOSE = re.compile(r"<\?|<!--|<!\[CDATA\[|<![A-Za-z]|^ {0,3}(?:```|~~~)", re.M)


def breaks_grammar(md: str) -> bool:
    """True when md, at the top level of an answer or question file, could change its
    structure: start a level-2 section, look like a checklist item, or open a block (an
    HTML comment, processing instruction, CDATA, declaration, raw-text element or fence)
    that might run over the next heading."""
    lines = md.split("\n")
    for i, line in enumerate(lines):
        if _H2.match(line) or _CHECKLIST_LIKE.match(line):
            return True
        if i > 0 and lines[i - 1].strip() and _SETEXT.match(line):
            return True
    if _MAY_NOT_CLOSE.search(md):
        return True
    for tag in ("script", "pre", "style", "textarea"):
        if re.search(rf"(?i)<{tag}[\s>]", md) and not re.search(rf"(?i)</{tag}>", md):
            return True
    return False


def top_level(md: str) -> str:
    """md for the top level of a sectioned file: a payload that could change the file's
    structure is put in a block quote, which ends every block it opens."""
    if not breaks_grammar(md):
        return md
    return "\n".join("> " + line if line else ">" for line in md.split("\n"))


def indented(md: str, by: str = "  ") -> str:
    return "\n".join(by + line if line.strip() else "" for line in md.split("\n"))


def chunks() -> list[list[int]]:
    return [list(range(i, min(i + CHUNK, len(TEXTS)))) for i in range(0, len(TEXTS), CHUNK)]


def wid(i: int) -> str:
    return f"w{i + 1:03d}"


def qid(k: int) -> str:
    return f"X{k + 1:02d}"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def md_all(indices) -> str:
    return "".join(top_level(TEXTS[i]) + "\n\n" for i in indices)


def make_workbook(root: Path) -> dict:
    """Writes the workbook; returns which payloads each page carries and what text to expect."""
    shutil.copytree(FIXTURE / "questions", root / "questions")
    q = root / "questions"
    title_breakers = [t for t in TEXTS if "</title>" in t] + ['"><img src=x onerror=alert(1)>']
    write(q / "lens.md", f"---\nid: fixture\nname: {yq('Fixture ' + ' '.join(title_breakers))}\n"
          f"version: \"1.0\"\n---\n{md_all(range(len(TEXTS)))}\n")
    levels = ["public", "internal", "confidential"]
    level_payloads = [TEXTS[0], TEXTS[len(TEXTS) // 2], TEXTS[-1]]
    cls = "---\nlevels:\n" + "".join(
        f"  - id: {lv}\n    title: {yq(t)}\n" for lv, t in zip(levels, level_payloads))
    cls += "---\n" + "".join(f"## {lv}\n{top_level(TEXTS[n])}\n\n"
                              for n, lv in enumerate(levels))
    write(q / "classification.md", cls)

    pages: dict[str, set[int]] = {}
    for k, idx in enumerate(chunks()):
        x = qid(k)
        joined = " ".join(one_line(TEXTS[i]) for i in idx)
        fm = [f"id: {x}", f"title: {yq(joined)}", f"area: {yq(joined)}",
              "control: detective", f"objectives: [OBJ-{x}]", "practices:"]
        for j, i in enumerate(idx):
            fm += [f"  - id: {x}-BP{j + 1:02d}", f"    title: {yq(TEXTS[i])}",
                   f"    risk: {('high', 'medium', 'low')[j % 3]}"]
            if j == 1:
                fm.append("    required-from: confidential")
        body = [md_all(idx), "", f"## What\n{md_all(idx)}", f"## How\n{md_all(idx)}",
                f"## Why\n{md_all(idx)}"]
        body += [f"## {x}-BP{j + 1:02d} guidance\n{top_level(TEXTS[i])}\n" for j, i in enumerate(idx)]
        write(q / f"{x}-payloads.md", "---\n" + "\n".join(fm) + "\n---\n" + "\n".join(body) + "\n")
        write(q / "objectives" / f"OBJ-{x}.md",
              f"---\nid: OBJ-{x}\ntitle: {yq(joined)}\n---\n## What\n{md_all(idx)}\n"
              f"## How\n{md_all(idx)}\n## Why\n{md_all(idx)}\n")
        threats = "".join(f"  - id: TM-{x}-{j + 1:02d}\n    title: {yq(TEXTS[i])}\n"
                          f"    mitigations: [{x}-BP{j + 1:02d}, Q01-BP01]\n" for j, i in enumerate(idx))
        write(q / "threat-models" / f"tm-{x.lower()}.md",
              f"---\nid: tm-{x.lower()}\ntitle: {yq(joined)}\nthreats:\n{threats}---\n"
              f"## Assets\n{md_all(idx)}\n## Trust boundaries\n{md_all(idx)}\n"
              f"## Threats\n{md_all(idx)}\n")
        for page in (f"questions/{x}.html", f"objectives/OBJ-{x}.html",
                     f"threat-models/tm-{x.lower()}.html"):
            pages[page] = set(idx)

    expect: dict[str, list[str]] = {}
    for k, idx in enumerate(chunks()):
        x = qid(k)
        for j, i in enumerate(idx):
            t, w = TEXTS[i], wid(i)
            write(root / "reviews" / w / "workload.md",
                  f"---\nname: {yq(t)}\nowner: {yq(t)}\nclassification: {levels[i % 3]}\n"
                  f"environments:\n  - staging\n  - {yq(t)}\ntags:\n  - {yq(t)}\n  - pci\n"
                  f"threat-model: tm-{x.lower()}\n---\n{t}\n")
            checklist = "\n".join(f"- [x] {x}-BP{n + 1:02d} done" for n in range(len(idx)))
            answer = (
                f"---\nrelease: \"r1\"\nreviewed: 2026-10-01\nreviewers:\n  - a.khan\n  - {yq(t)}\n"
                f"question-set: \"1.0\"\n"
                f"improvements:\n  - practice: Q01-BP02\n    owner: {yq(t)}\n    due: 2026-09-01\n"
                f"    note: {yq(t)}\n"
                f"acceptances:\n  - practice: Q01-BP02\n    approver: {yq(t)}\n    reason: {yq(t)}\n"
                f"    expires: 2027-01-31\n---\n"
                f"{top_level(t)}\n\n"
                f"## Q01 How do you authenticate people?\n"
                f"- [x] Q01-BP01 Use strong sign-in\n\n{indented(t)}\n\n"
                f"- [ ] Q01-BP02 Rotate credentials\n"
                f"- [n/a] Q01-BP03 Use groups: {one_line(t)}\n\n"
                f"Evidence follows.\n\n{top_level(t)}\n\n"
                f"## Q02 How do you detect security events?\n"
                f"- [x] Q02-BP01 Log centrally\n- [x] Q02-BP02 Alert on findings\n\n"
                f"## {x} payload question\n{checklist}\n"
            )
            write(root / "reviews" / w / "r1.md", answer)
            pages[f"workloads/{w}/index.html"] = {i}
            pages[f"workloads/{w}/r1.html"] = {i}
            # Values from YAML are shown as text: they must be on the page, as text.
            expect[f"workloads/{w}/index.html"] = [t]
            expect[f"workloads/{w}/r1.html"] = [t]
    return {"pages": pages, "expect": expect}


def run_pillar(*args: str, timeout: int = 240) -> subprocess.CompletedProcess:
    for attempt in range(4):
        try:
            return subprocess.run([PILLAR, *args], capture_output=True, text=True, timeout=timeout)
        except (FileNotFoundError, PermissionError, OSError):
            # The binary may be being rebuilt: wait and retry.
            if attempt == 3:
                raise
            time.sleep(30)
    raise AssertionError("unreachable")


# --------------------------------------------------------------------------------------
# Static checks
# --------------------------------------------------------------------------------------

URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background",
             "cite", "srcset", "ping", "codebase"}
FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
                  "form", "input", "button", "textarea", "select", "svg", "math", "style",
                  "template", "noscript", "video", "audio", "source", "portal", "xmp", "noembed",
                  "marquee", "details", "image"}


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]], tuple[int, int]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs, self.getpos()))

    handle_startendtag = handle_starttag


def url_scheme(value: str) -> str:
    v = re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e"
                                                 "\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"
                                                 "\x1a\x1b\x1c\x1d\x1e\x1f ").lower()
    m = re.match(r"([a-z][a-z0-9+.\-]*):", v)
    return m.group(1) if m else ""


def static_problems(text: str) -> list[str]:
    problems = []
    if "<script" in text.lower():
        problems.append("contains <script")
    if len(CSP_META.findall(text)) != 1:
        problems.append("Content-Security-Policy meta missing or repeated")
    head_end = text.find("</head>")
    csp_at = text.find('http-equiv="Content-Security-Policy"')
    if not (0 <= csp_at < head_end):
        problems.append("Content-Security-Policy meta not in <head>")
    parser = TagCollector()
    parser.feed(text)
    parser.close()
    for tag, attrs, (line, _) in parser.tags:
        if tag in FORBIDDEN_TAGS:
            problems.append(f"line {line}: <{tag}> element")
        if tag == "meta" and ("http-equiv", "refresh") in [(a, (v or "").lower()) for a, v in attrs]:
            problems.append(f"line {line}: meta refresh")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"line {line}: <{tag} {name}=...> event handler")
            if name in ("style", "srcdoc"):
                problems.append(f"line {line}: <{tag} {name}=...>")
            if name in URL_ATTRS and value is not None and \
                    url_scheme(value) in ("javascript", "vbscript", "data", "livescript"):
                problems.append(f"line {line}: <{tag} {name}={value[:60]!r}>")
    return problems


# --------------------------------------------------------------------------------------
# Browser harness
# --------------------------------------------------------------------------------------

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "link", "body", "header", "nav", "main", "footer",
    "section", "article", "div", "span", "p", "a", "ul", "ol", "li", "h1", "h2", "h3", "h4",
    "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "meter", "small", "br", "dl",
    "dt", "dd", "code", "pre", "em", "strong", "blockquote", "hr", "img",
}

# Runs in the page after load: provokes handlers, then reports every sign of injected code
# or markup. Nothing here is needed by a clean page.
PROBE_JS = """
async ({allowedTags, siteRoot}) => {
  const out = [];
  const fire = (el) => {
    for (const type of ['mouseover', 'mouseenter', 'pointerover', 'mousemove', 'focus',
                        'focusin', 'toggle', 'animationstart', 'beginEvent']) {
      try { el.dispatchEvent(new Event(type, {bubbles: false})); } catch (e) {}
    }
    try { if (typeof el.focus === 'function') el.focus(); } catch (e) {}
  };
  const all = Array.from(document.querySelectorAll('*'));
  for (const el of all) fire(el);
  await new Promise(r => setTimeout(r, 60));
  const glob = (w, n) => { try { return typeof w.__pwned !== 'undefined' ? n + '.__pwned = ' +
      String(w.__pwned).slice(0, 80) : null; } catch (e) { return null; } };
  for (const g of [glob(window, 'window'), glob(top, 'top')]) if (g) out.push('global ' + g);
  const heads = new Set(['META', 'TITLE', 'LINK']);
  for (const el of document.querySelectorAll('*')) {
    const tag = el.localName.toLowerCase();
    const where = '<' + tag + '>';
    if (!allowedTags.includes(tag) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      out.push('live markup: unexpected element ' + where);
    }
    if (heads.has(el.tagName) && el.parentElement !== document.head) {
      out.push('live markup: ' + where + ' outside <head>');
    }
    if (el.tagName === 'META' && (el.httpEquiv || '').toLowerCase() === 'refresh') {
      out.push('live markup: meta refresh');
    }
    if (el.tagName === 'LINK' && !(el.rel === 'stylesheet' && el.href.startsWith(siteRoot))) {
      out.push('live markup: link ' + el.rel + ' ' + el.href);
    }
    for (const a of Array.from(el.attributes)) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on')) out.push('live markup: ' + where + ' has ' + n + '=' + a.value.slice(0, 60));
      if (['style', 'srcdoc', 'formaction', 'xlink:href', 'autofocus', 'contenteditable',
           'srcset', 'ping'].includes(n)) out.push('live markup: ' + where + ' has ' + n);
      if (['href', 'src', 'action', 'data', 'poster', 'background'].includes(n)) {
        let u;
        try { u = new URL(a.value, document.baseURI); } catch (e) { continue; }
        if (['javascript:', 'vbscript:', 'data:', 'livescript:'].includes(u.protocol)) {
          out.push('live markup: ' + where + ' ' + n + '=' + a.value.slice(0, 60));
        }
        if (n !== 'href' || tag === 'link') {
          if (!u.href.startsWith(siteRoot)) out.push('loads from outside the site: ' + where + ' ' + u.href);
        }
      }
    }
  }
  if (document.baseURI !== location.href) out.push('base URI changed to ' + document.baseURI);
  return out;
}
"""


class Harness:
    """One browser and context for all pages; a fresh tab per page for clean attribution."""

    def __init__(self, browser):
        self.context = browser.new_context(java_script_enabled=True, service_workers="block")
        self.context.set_default_timeout(8000)

    def close(self):
        self.context.close()

    def check_page(self, site: Path, rel: str, expect_text: list[str] | None = None,
                   csp: bool = True) -> list[str]:
        site_root = site.resolve().as_uri() + "/"
        url = site_root + rel
        findings: list[str] = []
        page = self.context.new_page()

        def on_dialog(d):
            findings.append(f"dialog {d.type}({d.message[:60]!r})")
            try:
                d.dismiss()
            except Exception:  # noqa: BLE001 - the page may be gone
                pass

        def on_request(r):
            if not r.url.startswith(site_root):
                findings.append(f"request to {r.url[:100]}")

        def on_console(m):
            text = m.text
            if re.search(r"Content Security Policy|Refused to|__pwned|Uncaught", text):
                findings.append(f"console {m.type}: {text[:140]}")

        page.on("dialog", on_dialog)
        page.on("request", on_request)
        page.on("console", on_console)
        page.on("pageerror", lambda e: findings.append(f"script error: {str(e)[:100]}"))
        page.on("popup", lambda p: findings.append(f"popup {p.url[:100]}"))
        try:
            page.goto(url, wait_until="load", timeout=10000)
            findings += page.evaluate(PROBE_JS, {"allowedTags": sorted(ALLOWED_TAGS),
                                                 "siteRoot": site_root})
            if page.url != url:
                findings.append(f"navigated to {page.url[:100]}")
            if expect_text:
                body = page.evaluate("() => document.body.textContent")
                flat = " ".join(body.split())
                for t in expect_text:
                    if " ".join(t.split()) not in flat:
                        findings.append(f"payload not shown as text: {t[:60]!r}")
        except Exception as e:  # noqa: BLE001 - a crash or navigation is a finding
            findings.append(f"page failed: {type(e).__name__}: {str(e).splitlines()[0][:120]}")
        finally:
            try:
                page.close()
            except Exception:  # noqa: BLE001
                pass
        return findings


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def strip_csp(site: Path, dest: Path) -> Path:
    shutil.copytree(site, dest)
    for rel in html_pages(dest):
        p = dest / rel
        text = p.read_text(encoding="utf-8")
        stripped, n = CSP_META.subn("", text)
        assert n == 1, f"{rel}: CSP meta not found once"
        p.write_text(stripped, encoding="utf-8")
    return dest


def describe(rel: str, pages: dict[str, set[int]]) -> str:
    ids = pages.get(rel)
    if ids is None:
        return "shared page (carries many payloads)"
    return "; ".join(f"#{i + 1} [{PAYLOADS[i]['family']}] {TEXTS[i][:70]!r}" for i in sorted(ids)[:3]) + \
        (" ..." if len(ids) > 3 else "")


# --------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if not os.path.exists(PILLAR):
        pytest.fail(f"pillar binary not found at {PILLAR}; set PILLAR_BIN")
    base = tmp_path_factory.mktemp("xss")
    root = base / "workbook"
    meta = make_workbook(root)
    check = run_pillar("check", "--root", str(root), "--date", DATE)
    report = check.stdout + check.stderr
    assert check.returncode in (0, 1), f"generated workbook is invalid:\n{report}"
    # A payload must not change the structure around it (swallow a heading, and so on).
    for diagnostic in ("missing-guidance", "unknown-section", "unanswered-practice"):
        assert f"[{diagnostic}]" not in report, f"the generator broke the grammar:\n{report}"
    site = base / "site"
    result = run_pillar("build", "--root", str(root), "--templates", str(TEMPLATES),
                        "--output", str(site), "--date", DATE, "--quiet")
    assert result.returncode == 0, f"pillar build failed ({result.returncode}):\n{result.stderr}"
    nocsp = strip_csp(site, base / "site-nocsp")
    return {"base": base, "root": root, "site": site, "nocsp": nocsp, **meta}


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    exe = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.fail("Debian's chromium is not installed: run scripts/setup-browser")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def harness(browser):
    h = Harness(browser)
    yield h
    h.close()


# --------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------


def test_every_payload_reaches_every_field(built):
    """Each payload is in the workbook's free-text fields and its pages are built."""
    root, site = built["root"], built["site"]
    n = len(TEXTS)
    workloads = sorted(p.name for p in (root / "reviews").iterdir())
    assert len(workloads) == n
    for i, t in enumerate(TEXTS):
        w = wid(i)
        assert (site / "workloads" / w / "index.html").is_file()
        assert (site / "workloads" / w / "r1.html").is_file()
        profile = (root / "reviews" / w / "workload.md").read_text(encoding="utf-8")
        assert profile.count(yq(t)) == 4 and profile.rstrip("\n").endswith(t)
        answer = (root / "reviews" / w / "r1.md").read_text(encoding="utf-8")
        assert answer.count(yq(t)) == 5  # reviewers, improvement owner + note, approver, reason
        assert f"Use groups: {one_line(t)}\n" in answer
        assert indented(t) in answer and answer.count(top_level(t)) >= 2
        card = (site / "workloads" / w / "r1.html").read_text(encoding="utf-8")
        size = len(chunks()[i // CHUNK])
        assert card.count('class="state-implemented"') == 3 + size, f"{w}: checklist changed"
        assert card.count('class="state-na"') == 1, f"{w}: [n/a] item lost"
    questions = "".join(p.read_text(encoding="utf-8") for p in (root / "questions").glob("X*.md"))
    for t in TEXTS:
        assert f"title: {yq(t)}" in questions and top_level(t) in questions
    assert len(html_pages(site)) >= 2 * n


def test_static_html_has_no_live_markup(built):
    site = built["site"]
    pages = html_pages(site)
    problems = []
    for rel in pages:
        for p in static_problems((site / rel).read_text(encoding="utf-8")):
            problems.append(f"{rel}: {p}  <- {describe(rel, built['pages'])}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])


@pytest.mark.parametrize("variant", ["csp", "no-csp"])
def test_no_payload_runs_in_chromium(built, harness, variant):
    site = built["site"] if variant == "csp" else built["nocsp"]
    assert (variant == "csp") == bool(CSP_META.search((site / "index.html").read_text(encoding="utf-8")))
    pages = html_pages(site)
    failures = []
    for rel in pages:
        findings = harness.check_page(site, rel, built["expect"].get(rel), csp=variant == "csp")
        for f in findings:
            failures.append(f"[{variant}] {rel}: {f}\n      payloads here: {describe(rel, built['pages'])}")
    assert not failures, f"{len(failures)} findings on {len(pages)} pages:\n" + "\n".join(failures[:80])


def unescaped_templates(dest: Path) -> Path:
    shutil.copytree(TEMPLATES, dest)
    card = dest / "scorecard.mustache"
    text = card.read_text(encoding="utf-8")
    slip = "<td>{{reason}}</td>"
    assert text.count(slip) == 1, "scorecard.mustache changed: update the negative control"
    card.write_text(text.replace(slip, "<td>{{{reason}}}</td>"), encoding="utf-8")
    return dest


def test_negative_control_template_check_refuses_unescaped_value(built):
    templates = unescaped_templates(built["base"] / "templates-refused")
    out = built["base"] / "site-refused"
    result = run_pillar("build", "--root", str(built["root"]), "--templates", str(templates),
                        "--output", str(out), "--date", DATE, "--quiet")
    assert result.returncode == 2, f"expected exit 2, got {result.returncode}\n{result.stderr}"
    assert "unescaped-template-value" in result.stderr + result.stdout
    assert not (out / "index.html").exists()


def test_negative_control_harness_detects_injection(built, harness):
    """One unescaped value ({{{reason}}} of the acceptances table) must be caught."""
    templates = unescaped_templates(built["base"] / "templates-unescaped")
    site = built["base"] / "site-unescaped"
    result = run_pillar("build", "--root", str(built["root"]), "--templates", str(templates),
                        "--output", str(site), "--date", DATE, "--quiet", "--unchecked-templates")
    assert result.returncode == 0, result.stderr
    # Static check catches it too.
    bad_static = [rel for rel in html_pages(site)
                  if static_problems((site / rel).read_text(encoding="utf-8"))]
    assert len(bad_static) >= 100, f"static check caught only {len(bad_static)} pages"
    nocsp = strip_csp(site, built["base"] / "site-unescaped-nocsp")
    by_page: dict[str, list[str]] = {}
    for i in range(len(TEXTS)):
        rel = f"workloads/{wid(i)}/r1.html"
        by_page[rel] = harness.check_page(nocsp, rel)
    detected = {rel for rel, f in by_page.items() if f}
    kinds = {k: sum(any(x.startswith(k) for x in f) for f in by_page.values())
             for k in ("dialog", "global", "request", "live markup", "loads from outside")}
    print(f"negative control: {len(detected)}/{len(by_page)} scorecards flagged; by kind {kinds}")
    # Every channel of the harness fires, and the plainest payloads are caught by execution.
    for kind in ("dialog", "global", "request", "live markup"):
        assert kinds[kind] > 0, f"harness never reported {kind!r}: {kinds}"
    for plain in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                  "<SCRIPT>window.__pwned=1</SCRIPT>", '<img src="http://127.0.0.1:9/pixel.png">'):
        rel = f"workloads/{wid(TEXTS.index(plain))}/r1.html"
        assert any(not x.startswith("live markup") for x in by_page[rel]), \
            f"{plain!r} ran undetected on {rel}: {by_page[rel]}"
    assert len(detected) >= len(by_page) // 2, f"only {len(detected)} of {len(by_page)} flagged"
