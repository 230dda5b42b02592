"""Browser security test of the built site: no payload of Tests/Browser/payloads.json may run.

The test writes a workbook in which every payload appears in every free-text field
(workload name, owner, environments, tags and description; reviewers, summary, question
notes, practice notes, [n/a] reasons, improvement owners and notes, acceptance approvers and
reasons; question titles, areas, practice titles and guidance; objective and threat model
titles, threat titles, statements and prose; the lens name, risk source and introduction;
classification titles and promises; practices' risk notes; a team framework's title and its
control's; scanner findings' check titles, resource names and messages),
builds it with the real `pillar` binary, checks every HTML file statically, then loads
every page in headless Chromium (Debian's chromium driven by Playwright), once as built
and once with the Content-Security-Policy <meta> removed so that escaping alone is tested.

A page fails when a payload shows any sign of life: a dialog, the global `__pwned`, a
request that leaves the site folder, a console message about a blocked script or resource,
a script error, a navigation, or live markup: an on* attribute, a javascript:/vbscript:/data:
URL, or an element or attribute that the same page does not have when the workbook holds
benign text instead of payloads (a second build of the same shape with the same templates
gives that vocabulary, so the test follows template changes without a hard-coded list).

The negative control makes one template value unescaped, builds with --unchecked-templates
and requires this harness to catch the injection, so the harness is shown able to fail;
without --unchecked-templates the same templates are refused.

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

with open(HERE / "payloads.json", encoding="utf-8") as _f:
    PAYLOADS: list[dict] = json.load(_f)
TEXTS: list[str] = [p["payload"] for p in PAYLOADS]
# The same workbook with harmless text: its site is the vocabulary a page may have.
BENIGN: list[str] = [
    f"Benign text {i} with [a link](https://example.invalid/{i} \"a title\"), "
    f"![an image](x.png \"a title\"), *emphasis*, **strong** and `code`."
    for i in range(len(TEXTS))
]

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
    assert sum("\n" in t for t in TEXTS) >= 15, "too few multi-line Markdown payloads"
    for t in TEXTS:
        decoded = _decoded_forms(t)
        assert any(m in decoded for m in MARKERS), f"payload would run unseen: {t!r}"
        assert "\x00" not in t
        for host in re.findall(r"(?i)(?:\bhttps?:|(?<![^(\"'=\s]))//([a-z0-9.\-]+(?::\d+)?)", decoded):
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


def may_not_close(md: str) -> bool:
    """True when md might open a block that runs on over what follows it."""
    if _MAY_NOT_CLOSE.search(md):
        return True
    return any(re.search(rf"(?i)<{tag}[\s>]", md) and not re.search(rf"(?i)</{tag}>", md)
               for tag in ("script", "pre", "style", "textarea"))


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
    return may_not_close(md)


def top_level(md: str) -> str:
    """md for the top level of a sectioned file: a payload that could change the file's
    structure is put in a block quote, which ends every block it opens."""
    if not breaks_grammar(md):
        return md
    return "\n".join("> " + line if line else ">" for line in md.split("\n"))


def indented(md: str, by: str = "  ") -> str:
    return "\n".join(by + line if line.strip() else "" for line in md.split("\n"))


def chunks(n: int) -> list[list[int]]:
    return [list(range(i, min(i + CHUNK, n))) for i in range(0, n, CHUNK)]


def pairs(texts: list[str]) -> list[list[int]]:
    """Two payloads a workload (a navigation costs Chromium some 60 ms, so pages are few).
    In the one field where both stand at the top level of the same Markdown (the workload's
    description), a payload that might leave a block open comes second."""
    risky = [i for i, t in enumerate(texts) if may_not_close(t)]
    safe = [i for i, t in enumerate(texts) if not may_not_close(t)]
    assert len(risky) <= len(safe)
    groups = [[safe.pop(0), r] for r in risky]
    groups += [safe[k:k + 2] for k in range(0, len(safe), 2)]
    if len(groups[-1]) == 1:  # an odd count: the last payload gets a partner seen before
        groups[-1].append(groups[0][0])
    return sorted(groups)


def wid(k: int) -> str:
    return f"w{k + 1:03d}"


def qid(k: int) -> str:
    return f"X{k + 1:02d}"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_workbook(root: Path, texts: list[str]) -> dict:
    """Writes a workbook carrying texts; returns which texts each page carries and which
    values from YAML each page must show as text."""
    n = len(texts)

    def md_all(indices) -> str:
        return "".join(top_level(texts[i]) + "\n\n" for i in indices)

    shutil.copytree(FIXTURE / "questions", root / "questions")
    q = root / "questions"
    title_breakers = [t for t in texts if "</title>" in t] or texts[:2]
    write(q / "lens.md", f"---\nid: fixture\nname: {yq('Fixture ' + ' '.join(title_breakers))}\n"
          f"version: \"1.0\"\nrisk-source: {yq(' '.join(title_breakers))}\n---\n{md_all(range(n))}")
    levels = ["public", "internal", "confidential"]
    # Each level promises, in words from the corpus, what Q01-BP01 (high) keeps.
    cls = "---\nlevels:\n" + "".join(
        f"  - id: {lv}\n    title: {yq(texts[(n - 1) * k // 2])}\n"
        f"    promises:\n      - area: {yq(one_line(texts[k + 1]))}\n        text: {yq(texts[k + 4])}\n"
        f"        practices: [Q01-BP01]\n" for k, lv in enumerate(levels))
    cls += "---\n" + "".join(f"## {lv}\n{top_level(texts[k])}\n\n" for k, lv in enumerate(levels))
    write(q / "classification.md", cls)
    write(q / "frameworks.md", "---\nframeworks:\n  - id: team-framework\n"
          f"    title: {yq(' '.join(one_line(t) for t in texts[:3]))}\n    id-format: [\"T-#\"]\n"
          f"    controls:\n      - id: \"T-1\"\n        title: {yq(texts[-1])}\n---\n")

    # A question with a Well-Architected id Prowler's findings map to (evidence below).
    write(q / "SEC04-evidence.md", "---\nid: SEC04\ntitle: Detection\narea: Detection\ncontrol: detective\n"
          "practices:\n  - id: SEC04-BP01\n    title: Configure service and application logging\n    risk: low\n"
          "---\n## What\nw\n## How\nh\n## Why\ny\n## SEC04-BP01 Configure service and application logging\ng\n")
    findings: list[dict] = []

    pages: dict[str, set[int]] = {}
    expect: dict[str, list[str]] = {}
    for k, idx in enumerate(chunks(n)):
        x, tm = qid(k), f"tm-{qid(k).lower()}"
        joined = " ".join(one_line(texts[i]) for i in idx)
        fm = [f"id: {x}", f"title: {yq(joined)}", f"area: {yq(joined)}",
              "control: detective", f"objectives: [OBJ-{x}]", "practices:"]
        for j, i in enumerate(idx):
            fm += [f"  - id: {x}-BP{j + 1:02d}", f"    title: {yq(texts[i])}",
                   f"    risk: {('high', 'medium', 'low')[j % 3]}"]
            if j == 1:
                fm.append("    required-from: confidential")
            if j == 2:  # rated low against a source's high: the house reason is shown
                fm += ["    source-risk: high", f"    risk-note: {yq(texts[i])}"]
            if j == 0:  # a control of a team framework whose title is a payload
                fm += ["    references:", "      team-framework: [\"T-1\"]"]
        body = md_all(idx) + f"## What\n{md_all(idx)}## How\n{md_all(idx)}## Why\n{md_all(idx)}"
        body += "".join(f"## {x}-BP{j + 1:02d} guidance\n{top_level(texts[i])}\n\n"
                        for j, i in enumerate(idx))
        write(q / f"{x}-payloads.md", "---\n" + "\n".join(fm) + "\n---\n" + body)
        write(q / "objectives" / f"OBJ-{x}.md",
              f"---\nid: OBJ-{x}\ntitle: {yq(joined)}\n---\n"
              f"## What\n{md_all(idx)}## How\n{md_all(idx)}## Why\n{md_all(idx)}")
        threats = "".join(f"  - id: TM-{x}-{j + 1:02d}\n    title: {yq(texts[i])}\n"
                          f"    stride: [spoofing]\n    priority: high\n"
                          f"    prerequisites: {yq(texts[i])}\n    impact: {yq(texts[i])}\n"
                          f"    mitigations: [{x}-BP{j + 1:02d}, Q01-BP01]\n" for j, i in enumerate(idx))
        write(q / "threat-models" / f"{tm}.md",
              f"---\nid: {tm}\ntitle: {yq(joined)}\nthreats:\n{threats}---\n"
              f"## Assets\n{md_all(idx)}## Trust boundaries\n{md_all(idx)}## Threats\n{md_all(idx)}")
        for page in (f"questions/{x}.html", f"objectives/OBJ-{x}.html", f"threat-models/{tm}.html"):
            pages[page] = set(idx)

    for k, (a, b) in enumerate(pairs(texts)):
        ta, tb, w = texts[a], texts[b], wid(k)
        x = qid(a // CHUNK)
        both = f"{ta}\n{tb}"  # a text field holds both: each is escaped or neither is
        checklist = "".join(f"- [x] {x}-BP{j + 1:02d} done\n" for j in range(len(chunks(n)[a // CHUNK])))
        write(root / "reviews" / w / "workload.md",
              f"---\nname: {yq(both)}\nowner: {yq(both)}\nclassification: {levels[k % 3]}\n"
              f"environments:\n  - staging\n  - {yq(ta)}\n  - {yq(tb)}\n"
              f"tags:\n  - {yq(ta)}\n  - pci\n  - {yq(tb)}\n"
              f"threat-model: tm-{x.lower()}\naccounts: [\"{100000000000 + k}\"]\n---\n{ta}\n\n{tb}\n")
        # Scanner findings are untrusted too: a failing check whose title, resource and message
        # are payloads, for the practice this workload ticks.
        findings.append({
            "metadata": {"event_code": "xss_check"}, "finding_info": {"title": ta, "uid": f"f{k}"},
            "status_code": "FAIL", "severity": "High", "status_detail": tb,
            "cloud": {"account": {"uid": str(100000000000 + k)}},
            "resources": [{"uid": "arn:x", "name": tb}], "time_dt": "2026-09-30T00:00:00Z",
            "unmapped": {"compliance": {"AWS-Well-Architected-Framework-Security-Pillar": ["SEC04-BP01"]}}})
        write(root / "reviews" / w / "r1.md",
              f"---\nrelease: \"r1\"\nreviewed: 2026-10-01\n"
              f"reviewers:\n  - {yq(ta)}\n  - a.khan\n  - {yq(tb)}\n"
              f"question-set: \"1.0\"\n"
              f"improvements:\n  - practice: Q01-BP02\n    owner: {yq(both)}\n    due: 2026-09-01\n"
              f"    note: {yq(both)}\n"
              f"acceptances:\n  - practice: Q01-BP02\n    approver: {yq(both)}\n    reason: {yq(both)}\n"
              f"    expires: 2027-01-31\n---\n"
              f"{top_level(ta)}\n\n{top_level(tb)}\n\n"
              f"## Q01 How do you authenticate people?\n"
              f"- [x] Q01-BP01 Use strong sign-in\n\n{indented(ta)}\n\n"
              f"- [ ] Q01-BP02 Rotate credentials\n"
              f"- [n/a] Q01-BP03 Use groups: {one_line(ta)}\n\n"
              f"Evidence follows.\n\n{top_level(ta)}\n\n"
              f"## Q02 How do you detect security events?\n"
              f"- [x] Q02-BP01 Log centrally\n\n{indented(tb)}\n\n"
              f"- [x] Q02-BP02 Alert on findings\n\n"
              f"Evidence follows.\n\n{top_level(tb)}\n\n"
              f"## Q03 How do you protect data at rest?\n"
              f"- [x] Q03-BP01 Encrypt at rest\n"
              f"- [n/a] Q03-BP02 Share with third parties safely: {one_line(tb)}\n\n"
              f"## {x} payload question\n{checklist}\n"
              f"## SEC04 Detection\n- [x] SEC04-BP01 Configure service and application logging\n")
        # The workload's own threat model and an incident review, every free-text field a payload.
        write(root / "reviews" / w / "threat-model.md",
              f"---\ntitle: {yq(both)}\nthreats:\n"
              f"  - id: OWN-{k}-1\n    title: {yq(ta)}\n    stride: [tampering]\n    priority: low\n"
              f"    prerequisites: {yq(tb)}\n    impact: {yq(ta)}\n    mitigations: [Q01-BP01]\n"
              f"  - id: OWN-{k}-2\n    title: {yq(tb)}\n    mitigations: [Q01-BP02]\n---\n"
              f"## Assets\n{top_level(ta)}\n\n## Trust boundaries\n{top_level(tb)}\n\n"
              f"## Threats\n{top_level(ta)}\n\n")
        write(root / "incidents" / f"INC-{w}.md",
              f"---\ntitle: {yq(both)}\nseverity: high\nworkloads: [{w}]\nstarted: 2026-09-01\n"
              f"detected: 2026-09-02\ncontained: 2026-09-03\nresolved: 2026-09-10\ncaught: reported\n"
              f"helped: [Q02-BP01]\ncontributed: [Q01-BP02]\n"
              f"actions:\n  - practice: Q01-BP02\n    owner: {yq(both)}\n    due: 2026-09-30\n"
              f"    note: {yq(both)}\n---\n"
              f"## Summary\n{top_level(ta)}\n\n## Timeline\n{top_level(tb)}\n\n"
              f"## What went well\n{top_level(ta)}\n\n## What we learned\n{top_level(tb)}\n\n"
              f"## Actions\n{top_level(ta)}\n\n")
        pages[f"incidents/INC-{w}.html"] = {a, b}
        expect[f"incidents/INC-{w}.html"] = [visible(ta), visible(tb)]
        for page in (f"workloads/{w}/index.html", f"workloads/{w}/r1.html"):
            pages[page] = {a, b}
            # name, owner, reviewers, ... come from YAML: shown as text, with control characters
            # and bidirectional overrides written out as [U+XXXX] (the site shows, never obeys, them)
            expect[page] = [visible(ta), visible(tb)]
    write(root / "evidence" / "findings.json", json.dumps(findings))
    return {"pages": pages, "expect": expect}


def visible(text: str) -> str:
    """The text as the site shows it: hidden characters (C0 and C1 controls but tab, newline and
    carriage return, DEL, bidirectional marks, overrides and isolates) as [U+XXXX]."""
    def shown(c: str) -> str:
        n = ord(c)
        hidden = (n < 0x20 and c not in "\t\n\r") or 0x7F <= n <= 0x9F or n in (0x061C, 0x200E, 0x200F) \
            or 0x202A <= n <= 0x202E or 0x2066 <= n <= 0x2069
        return f"[U+{n:04X}]" if hidden else c
    return "".join(shown(c) for c in text)


def run_pillar(*args: str, timeout: int = 240) -> subprocess.CompletedProcess:
    for attempt in range(4):
        try:
            return subprocess.run([PILLAR, *args], capture_output=True, text=True, timeout=timeout)
        except OSError:
            # The binary may be being rebuilt: wait and retry.
            if attempt == 3:
                raise
            time.sleep(30)
    raise AssertionError("unreachable")


def build_workbook(root: Path, site: Path, texts: list[str]) -> dict:
    meta = make_workbook(root, texts)
    check = run_pillar("check", "--root", str(root), "--date", DATE)
    report = check.stdout + check.stderr
    assert check.returncode in (0, 1), f"generated workbook is invalid:\n{report[-6000:]}"
    # A payload must not change the structure around it (swallow a heading, and so on).
    for diagnostic in ("missing-guidance", "unknown-section", "unanswered-practice"):
        assert f"[{diagnostic}]" not in report, f"the generator broke the grammar:\n{report[-6000:]}"
    result = run_pillar("build", "--root", str(root), "--templates", str(TEMPLATES),
                        "--output", str(site), "--date", DATE, "--quiet",
                        "--evidence", str(root / "evidence" / "findings.json"))
    assert result.returncode == 0, f"pillar build failed ({result.returncode}):\n{result.stderr[-6000:]}"
    return meta


# --------------------------------------------------------------------------------------
# Static checks
# --------------------------------------------------------------------------------------

# What libcmark's safe mode may write for Markdown on any page.
MARKDOWN_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre",
                 "code", "em", "strong", "a", "img", "hr", "br"}
MARKDOWN_ATTRS = {"href", "title", "src", "alt", "start", "class"}
# Never acceptable, whatever a template does.
FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
                  "form", "input", "button", "textarea", "select", "portal", "noscript"}
FORBIDDEN_ATTRS = {"srcdoc", "formaction"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background",
             "cite", "srcset", "ping", "codebase"}


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]], int]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs, self.getpos()[0]))

    handle_startendtag = handle_starttag


def parse_tags(text: str):
    parser = TagCollector()
    parser.feed(text)
    parser.close()
    return parser.tags


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def vocabulary(site: Path) -> dict[str, dict[str, list[str]]]:
    """Per page: the element and attribute names it has with benign content."""
    vocab = {}
    for rel in html_pages(site):
        tags = parse_tags(SITE_SCRIPT.sub("", (site / rel).read_text(encoding="utf-8")))
        vocab[rel] = {"tags": sorted({t for t, _, _ in tags} | MARKDOWN_TAGS),
                      "attrs": sorted({a for _, attrs, _ in tags for a, _ in attrs} | MARKDOWN_ATTRS)}
    return vocab


def url_scheme(value: str) -> str:
    v = re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(0x21)))).lower()
    m = re.match(r"([a-z][a-z0-9+.\-]*):", v)
    return m.group(1) if m else ""


# The one script a page may load: the site's own, from its assets folder, deferred (sorting and
# filtering; it writes no markup from the page's data). Any other <script> is a problem.
SITE_SCRIPT = re.compile(
    r'<script src="(?:\.\./)*(?:assets/pillar\.js|assets/search\.js)" defer></script>\n?')


def static_problems(text: str, vocab: dict[str, list[str]]) -> list[str]:
    problems = []
    if len(SITE_SCRIPT.findall(text)) > 2:
        problems.append("a site script is loaded twice")
    if SITE_SCRIPT.search(text) and "script-src 'self'" not in text:
        problems.append("the site script without script-src 'self'")
    text = SITE_SCRIPT.sub("", text)
    if "<script" in text.lower():
        problems.append("contains <script")
    if len(CSP_META.findall(text)) != 1:
        problems.append("Content-Security-Policy meta missing or repeated")
    elif not 0 <= text.find('http-equiv="Content-Security-Policy"') < text.find("</head>"):
        problems.append("Content-Security-Policy meta not in <head>")
    tags_ok, attrs_ok = set(vocab["tags"]), set(vocab["attrs"])
    for tag, attrs, line in parse_tags(text):
        if tag in FORBIDDEN_TAGS or tag not in tags_ok:
            problems.append(f"line {line}: <{tag}> element")
        for name, value in attrs:
            if name.startswith("on") or name in FORBIDDEN_ATTRS or name not in attrs_ok:
                problems.append(f"line {line}: <{tag} {name}={(value or '')[:50]!r}>")
            if name in URL_ATTRS and value is not None and \
                    url_scheme(value) in ("javascript", "vbscript", "data", "livescript"):
                problems.append(f"line {line}: <{tag} {name}={value[:60]!r}>")
            if tag == "meta" and name == "http-equiv" and (value or "").lower() == "refresh":
                problems.append(f"line {line}: meta refresh")
    return problems


# --------------------------------------------------------------------------------------
# Browser harness
# --------------------------------------------------------------------------------------

# Runs in the page after load: reports every sign of injected code or markup, fires the
# events that inline handlers wait for (hover, focus, toggle, animation) on any element that
# has one, and follows any javascript: link, so that live code shows itself by running.
# A clean page has none of these.
PROBE_JS = """
async ({tags, attrs, siteRoot, expect}) => {
  const out = [];
  const tagSet = new Set(tags), attrSet = new Set(attrs), armed = [], clickable = [];
  for (const el of document.querySelectorAll('*')) {
    // The site's own script (see SITE_SCRIPT), and only it, in the head, deferred.
    if (el.tagName === 'SCRIPT' && el.parentElement === document.head && el.defer && el.attributes.length === 2
        && /^(\\.\\.\\/)*(assets\\/pillar\\.js|assets\\/search\\.js)$/.test(el.getAttribute('src') || '')) continue;
    const tag = el.localName.toLowerCase(), where = '<' + tag + '>';
    if (!tagSet.has(tag)) out.push('live markup: element ' + where);
    if (['META', 'TITLE', 'LINK'].includes(el.tagName) && el.parentElement !== document.head) {
      out.push('live markup: ' + where + ' outside <head>');
    }
    if (el.tagName === 'META' && (el.httpEquiv || '').toLowerCase() === 'refresh') out.push('live markup: meta refresh');
    if (el.tagName === 'LINK' && !(el.rel === 'stylesheet' && el.href.startsWith(siteRoot))) {
      out.push('live markup: link ' + el.rel + ' ' + el.href);
    }
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on')) armed.push(el);
      if (n.startsWith('on') || !attrSet.has(n)) {
        out.push('live markup: ' + where + ' with ' + n + '=' + JSON.stringify(a.value.slice(0, 60)));
      }
      if (['href', 'src', 'action', 'data', 'poster', 'background', 'xlink:href'].includes(n)) {
        let u;
        try { u = new URL(a.value, document.baseURI); } catch (e) { continue; }
        if (['javascript:', 'vbscript:', 'data:', 'livescript:'].includes(u.protocol)) {
          out.push('live markup: ' + where + ' ' + n + '=' + JSON.stringify(a.value.slice(0, 60)));
          if (u.protocol === 'javascript:' && n === 'href') clickable.push(el);
        }
        if ((n !== 'href' || tag === 'link') && !u.href.startsWith(siteRoot)) {
          out.push('loads from outside the site: ' + where + ' ' + u.href.slice(0, 100));
        }
      }
    }
  }
  if (document.baseURI !== location.href) out.push('live markup: base URI is ' + document.baseURI);
  for (const el of armed) {
    for (const type of ['mouseover', 'mouseenter', 'pointerover', 'mousemove', 'focus', 'focusin',
                        'toggle', 'animationstart', 'beginEvent', 'load', 'error']) {
      try { el.dispatchEvent(new Event(type)); } catch (e) {}
    }
  }
  for (const el of clickable) { try { el.click(); } catch (e) {} }  // a javascript: link runs when followed
  if (armed.length || out.length) await new Promise(r => setTimeout(r, 150));
  for (const [w, n] of [[window, 'window'], [top, 'top']]) {
    try {
      if (typeof w.__pwned !== 'undefined') out.push('global ' + n + '.__pwned = ' + String(w.__pwned).slice(0, 80));
    } catch (e) {}
  }
  const flat = (s) => s.split(/\\s+/).filter(Boolean).join(' ');
  const text = flat(document.body ? document.body.textContent : '');
  for (const t of expect) if (!text.includes(flat(t))) out.push('payload not shown as text: ' + JSON.stringify(t.slice(0, 60)));
  return out;
}
"""


class Harness:
    """One browser, context and tab for all pages (a tab is replaced after a failure)."""

    def __init__(self, browser):
        self.context = browser.new_context(service_workers="block")
        self.context.set_default_timeout(8000)
        self.page = None
        self.findings: list[str] = []
        self.site_root = ""

    def close(self):
        self.context.close()

    def _new_page(self):
        page = self.context.new_page()

        def on_dialog(d):
            self.findings.append(f"dialog {d.type}({d.message[:60]!r})")
            try:
                d.dismiss()
            except Exception:  # noqa: BLE001 - the page may be gone
                pass

        def on_request(r):
            if not r.url.startswith(self.site_root):
                self.findings.append(f"request to {r.url[:100]}")

        def on_console(m):
            if re.search(r"Content Security Policy|Refused to|__pwned|Uncaught", m.text):
                self.findings.append(f"console {m.type}: {m.text[:140]}")

        page.on("dialog", on_dialog)
        page.on("request", on_request)
        page.on("console", on_console)
        page.on("pageerror", lambda e: self.findings.append(f"script error: {str(e)[:100]}"))
        page.on("popup", lambda p: self.findings.append(f"popup {p.url[:100]}"))
        return page

    def check_page(self, site: Path, rel: str, vocab: dict[str, list[str]],
                   expect_text: list[str] | None = None) -> list[str]:
        self.site_root = site.resolve().as_uri() + "/"
        url = self.site_root + rel
        self.findings = findings = []
        if self.page is None:
            self.page = self._new_page()
        try:
            self.page.goto(url, wait_until="load", timeout=10000)
            findings += self.page.evaluate(PROBE_JS, {**vocab, "siteRoot": self.site_root,
                                                      "expect": expect_text or []})
            if self.page.url != url:
                findings.append(f"navigated to {self.page.url[:100]}")
        except Exception as e:  # noqa: BLE001 - a crash or a navigation is a finding
            findings.append(f"page failed: {type(e).__name__}: {str(e).splitlines()[0][:120]}")
        if findings:  # start the next page in a fresh tab, away from whatever ran here
            try:
                self.page.close()
            except Exception:  # noqa: BLE001
                pass
            self.page = None
        return list(findings)


def strip_csp(site: Path, dest: Path) -> Path:
    shutil.copytree(site, dest)
    for rel in html_pages(dest):
        p = dest / rel
        stripped, n = CSP_META.subn("", p.read_text(encoding="utf-8"))
        assert n == 1, f"{rel}: CSP meta not found once"
        p.write_text(stripped, encoding="utf-8")
    return dest


def describe(rel: str, pages: dict[str, set[int]]) -> str:
    ids = pages.get(rel)
    if ids is None:
        return "shared page (carries many payloads)"
    shown = "; ".join(f"#{i + 1} [{PAYLOADS[i]['family']}] {TEXTS[i][:70]!r}" for i in sorted(ids)[:3])
    return shown + (f" ... ({len(ids)} payloads)" if len(ids) > 3 else "")


# --------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if not os.path.exists(PILLAR):
        pytest.fail(f"pillar binary not found at {PILLAR}; set PILLAR_BIN")
    base = tmp_path_factory.mktemp("xss")
    benign = base / "site-benign"
    build_workbook(base / "workbook-benign", benign, BENIGN)
    site = base / "site"
    meta = build_workbook(base / "workbook", site, TEXTS)
    vocab = vocabulary(benign)
    assert sorted(vocab) == html_pages(site), "the benign build has other pages"
    nocsp = strip_csp(site, base / "site-nocsp")
    return {"base": base, "root": base / "workbook", "site": site, "nocsp": nocsp,
            "vocab": vocab, **meta}


@pytest.fixture(scope="module")
def harness(browser):
    h = Harness(browser)
    yield h
    h.close()


# --------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------


def test_every_payload_reaches_every_field(built):
    """Each payload is in every free-text field of the workbook, and its pages are built."""
    root, site = built["root"], built["site"]
    groups = pairs(TEXTS)
    assert {i for g in groups for i in g} == set(range(len(TEXTS)))
    assert len(list((root / "reviews").iterdir())) == len(groups)
    questions = "".join(p.read_text(encoding="utf-8") for p in (root / "questions").rglob("*X*.md"))
    for k, (a, b) in enumerate(groups):
        w = wid(k)
        profile = (root / "reviews" / w / "workload.md").read_text(encoding="utf-8")
        answer = (root / "reviews" / w / "r1.md").read_text(encoding="utf-8")
        both = yq(f"{TEXTS[a]}\n{TEXTS[b]}")
        assert profile.count(both) == 2  # name, owner
        assert answer.count(both) == 4  # improvement owner and note, acceptance approver and reason
        assert profile.endswith(f"---\n{TEXTS[a]}\n\n{TEXTS[b]}\n")  # description, as it is
        for t in (TEXTS[a], TEXTS[b]):
            assert profile.count(f"  - {yq(t)}\n") == 2  # environments, tags
            assert answer.count(f"  - {yq(t)}\n") == 1  # reviewers
            assert re.search(rf"\[n/a\] Q0[13]-BP0[23] [^:\n]+: {re.escape(one_line(t))}\n", answer)
            assert indented(t) in answer  # practice note
            assert answer.count(top_level(t)) >= 2  # summary, question notes
            assert f"title: {yq(t)}" in questions and top_level(t) in questions
        # The payloads did not change the answer's structure.
        card = (site / "workloads" / w / "r1.html").read_text(encoding="utf-8")
        size = len(chunks(len(TEXTS))[a // CHUNK])
        # 4 of the fixture's questions, the payload question's, and SEC04-BP01 (the evidence's).
        assert card.count('class="state-implemented"') == 5 + size, f"{w}: checklist changed"
        assert card.count('<p class="evidence">') == 1, f"{w}: the finding's judgement is not shown"
        assert card.count('class="state-na"') == 2, f"{w}: [n/a] item lost"
        assert card.count('class="prose practice-note"') == 2, f"{w}: practice note lost"
    as_is = sum(top_level(t) == t for t in TEXTS)
    print(f"\n{as_is} of {len(TEXTS)} payloads stand as they are at the top level of answer files;"
          " the rest could change the file's structure there and are block-quoted")


def test_static_html_has_no_live_markup(built):
    site, vocab = built["site"], built["vocab"]
    problems = []
    for rel in html_pages(site):
        for p in static_problems((site / rel).read_text(encoding="utf-8"), vocab[rel]):
            problems.append(f"{rel}: {p}\n      payloads here: {describe(rel, built['pages'])}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])


def test_benign_vocabulary_is_plain(built):
    """The baseline itself has nothing executable, so it cannot excuse a payload."""
    for rel, v in built["vocab"].items():
        assert not set(v["tags"]) & FORBIDDEN_TAGS, rel
        assert not [a for a in v["attrs"] if a.startswith("on") or a in FORBIDDEN_ATTRS], rel


@pytest.mark.parametrize("variant", ["csp", "no-csp"])
def test_no_payload_runs_in_chromium(built, harness, variant):
    site = built["site"] if variant == "csp" else built["nocsp"]
    has_csp = bool(CSP_META.search((site / "index.html").read_text(encoding="utf-8")))
    assert has_csp == (variant == "csp")
    pages = html_pages(site)
    failures = []
    for rel in pages:
        for f in harness.check_page(site, rel, built["vocab"][rel], built["expect"].get(rel)):
            failures.append(f"[{variant}] {rel}: {f}\n      payloads here: {describe(rel, built['pages'])}")
    assert not failures, f"{len(failures)} findings on {len(pages)} pages:\n" + "\n".join(failures[:80])


def unescaped_templates(dest: Path) -> Path:
    """A copy of the templates with ONE value unescaped: the acceptance reason (the first
    `{{reason}}` of the acceptances section of scorecard.mustache) becomes `{{{reason}}}`."""
    shutil.copytree(TEMPLATES, dest)
    card = dest / "scorecard.mustache"
    text = card.read_text(encoding="utf-8")
    section = text.find("{{#acceptances}}")
    at = text.find("{{reason}}", max(section, 0))
    assert section >= 0 and at >= 0, "scorecard.mustache changed: update the negative control"
    card.write_text(text[:at] + "{{{reason}}}" + text[at + len("{{reason}}"):], encoding="utf-8")
    return dest


def test_negative_control_template_check_refuses_unescaped_value(built):
    templates = unescaped_templates(built["base"] / "templates-refused")
    out = built["base"] / "site-refused"
    result = run_pillar("build", "--root", str(built["root"]), "--templates", str(templates),
                        "--output", str(out), "--date", DATE, "--quiet")
    assert result.returncode == 2, f"expected exit 2, got {result.returncode}\n{result.stderr[-3000:]}"
    assert "unescaped-template-value" in result.stderr + result.stdout
    assert not (out / "index.html").exists()


PLAIN = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<SCRIPT>window.__pwned=1</SCRIPT>",
         '<img src="http://127.0.0.1:9/pixel.png">', "<svg/onload=alert(1)>",
         '<a href="javascript:alert(1)">raw</a>', "<textarea autofocus onfocus=alert(1)></textarea>")


def test_negative_control_harness_detects_injection(built, harness):
    """With {{{reason}}} in the acceptances table, the same harness must report execution.

    Every scorecard is affected; the browser loads a fixed sample of them (those carrying
    the plainest payloads, and every third one) to keep the suite fast."""
    templates = unescaped_templates(built["base"] / "templates-unescaped")
    site = built["base"] / "site-unescaped"
    result = run_pillar("build", "--root", str(built["root"]), "--templates", str(templates),
                        "--output", str(site), "--date", DATE, "--quiet", "--unchecked-templates")
    assert result.returncode == 0, result.stderr[-3000:]
    groups = pairs(TEXTS)
    cards = [f"workloads/{wid(k)}/r1.html" for k in range(len(groups))]
    card_of = {i: cards[k] for k, g in enumerate(groups) for i in g}
    flagged_static = [rel for rel in cards
                      if static_problems((site / rel).read_text(encoding="utf-8"), built["vocab"][rel])]
    sample = sorted({card_of[TEXTS.index(t)] for t in PLAIN} | set(cards[::3]))
    nocsp = strip_csp(site, built["base"] / "site-unescaped-nocsp")
    found = {rel: harness.check_page(nocsp, rel, built["vocab"][rel]) for rel in sample}
    kinds = {k: sum(any(x.startswith(k) for x in f) for f in found.values())
             for k in ("dialog", "global", "request", "live markup", "loads from outside", "console")}
    flagged = [rel for rel, f in found.items() if f]
    print(f"\nnegative control: the static check flags {len(flagged_static)} of {len(cards)} scorecards;"
          f" the browser flags {len(flagged)} of {len(sample)} loaded; pages per kind: {kinds}")
    assert len(flagged_static) >= len(cards) // 2, f"static check flagged only {len(flagged_static)}"
    for kind in ("dialog", "global", "request", "live markup"):
        assert kinds[kind] > 0, f"the harness never reported {kind!r}: {kinds}"
    for plain in PLAIN:
        rel = card_of[TEXTS.index(plain)]
        assert any(not f.startswith("live markup") for f in found[rel]), \
            f"{plain!r} ran undetected on {rel}: {found[rel]}"
        assert rel in flagged_static, f"{plain!r} not flagged statically on {rel}"
    assert len(flagged) >= len(sample) // 2, f"only {len(flagged)} of {len(sample)} scorecards flagged"


# What the search page may add to its results: these elements and attributes, links within the site.
SEARCH_TAGS = {"li", "a", "span", "ul", "p", "mark"}
SEARCH_ATTRS = {"class", "href"}
SEARCH_PROBE = """
({tags, attrs}) => {
  const out = [];
  for (const el of document.querySelectorAll('#search-results *')) {
    if (!tags.includes(el.localName)) out.push('live markup: <' + el.localName + '> in the results');
    for (const a of el.attributes) {
      if (!attrs.includes(a.name)) out.push('live markup: attribute ' + a.name + ' in the results');
      if (a.name === 'href' && /^[a-z][a-z0-9+.-]*:/i.test(a.value)) out.push('link out of the site: ' + a.value.slice(0, 80));
    }
  }
  if (typeof window.__pwned !== 'undefined') out.push('global __pwned');
  return out;
}
"""


def search_findings(browser, site: Path, queries) -> tuple[list[str], int]:
    """Searches the served site for each query, waits for every result's excerpts, and reports
    any sign of life in the results; returns the findings and how many results were shown."""
    from conftest import served
    findings, shown = [], 0
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.on("dialog", lambda d: (findings.append(f"dialog {d.type}"), d.dismiss()))
    page.on("pageerror", lambda e: findings.append(f"script error: {str(e)[:100]}"))
    page.on("console", lambda m: findings.append(f"console: {m.text[:100]}")
            if re.search(r"Content Security Policy|Refused to|__pwned", m.text) else None)
    try:
        with served(site) as base:
            page.on("request", lambda r: findings.append(f"request to {r.url[:100]}")
                    if not r.url.startswith(base) else None)
            for query in queries:
                url = f"{base}/search.html?q={urllib.parse.quote(query)}"
                try:
                    page.goto(url)
                    page.wait_for_function(
                        "() => /match/.test(document.getElementById('search-status').textContent)", timeout=10000)
                    # Every result shown has its excerpts (or its page had no fragment).
                    page.wait_for_function(
                        "() => [...document.querySelectorAll('#search-results > li')].every(li => li.querySelector('ul'))",
                        timeout=10000)
                    page.wait_for_timeout(200)
                    shown += page.eval_on_selector_all("#search-results > li", "l => l.length")
                    findings += page.evaluate(SEARCH_PROBE, {"tags": sorted(SEARCH_TAGS), "attrs": sorted(SEARCH_ATTRS)})
                    if not page.url.startswith(f"{base}/search.html"):
                        findings.append(f"navigated to {page.url[:100]}")
                except Exception as e:  # noqa: BLE001 - a navigation or a crash is a finding
                    findings.append(f"page failed: {type(e).__name__}: {str(e).splitlines()[0][:120]}")
                    page.close()
                    page = context.new_page()
                    page.on("dialog", lambda d: (findings.append(f"dialog {d.type}"), d.dismiss()))
    finally:
        context.close()
    return findings, shown


SEARCH_QUERIES = ("alert", "script", "onerror", "pwned", "javascript", "img", "svg")


def test_search_results_show_payloads_as_text(built, browser):
    """The search index holds what answer files say, payloads included; the search page must
    show them as text. Run as built (with its policy) and without the policy."""
    for site in (built["site"], built["nocsp"]):
        findings, shown = search_findings(browser, site, SEARCH_QUERIES)
        assert shown >= len(SEARCH_QUERIES), f"only {shown} results: the queries did not reach the payloads"
        assert not findings, "\n".join(findings[:40])


def test_negative_control_search_detects_markup_from_the_index(built, browser):
    """With the results' headings written as markup (innerHTML), the same check must report it."""
    site = built["base"] / "site-search-unsafe"
    if not site.exists():
        shutil.copytree(built["nocsp"], site)
        script = site / "assets" / "search.js"
        text = script.read_text(encoding="utf-8")
        assert "to.textContent = heading || title;" in text, "search.js changed: update the negative control"
        script.write_text(text.replace("to.textContent = heading || title;", "to.innerHTML = heading || title;"),
                          encoding="utf-8")
    findings, _ = search_findings(browser, site, SEARCH_QUERIES)
    # Markup from the index shows itself as live elements, or runs and navigates the page away.
    assert any(f.startswith(("live markup", "dialog", "global", "navigated", "page failed")) for f in findings), \
        findings[:10]
