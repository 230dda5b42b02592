"""Charts and lead figures people can read: the metrics page, the executive summary and a
workload page of the metrics fixture, at a phone's 390 px and a desk's 1280 px, in Chromium.

Checks what a person would notice: chart text under 12 px, chart labels that overlap each
other, dates broken at a hyphen, and a page wider than the screen.
"""
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PILLAR = os.environ.get("PILLAR_BIN", "")
PAGES = ["metrics.html", "executive.html", "index.html", "classification.html", "a workload page with charts"]

MEASURE = """() => {
  const problems = [];
  const charts = [...document.querySelectorAll('svg.chart')];
  for (const chart of charts) {
    const boxes = [];
    for (const text of chart.querySelectorAll('text')) {
      const size = parseFloat(getComputedStyle(text).fontSize);
      const scale = chart.getBoundingClientRect().width / chart.viewBox.baseVal.width;
      if (size * scale < 12) problems.push(`${chart.id || 'chart'}: '${text.textContent}' is ${(size * scale).toFixed(1)} px`);
      const r = text.getBoundingClientRect();
      for (const [other, b] of boxes) {
        if (r.left < b.right - 0.5 && b.left < r.right - 0.5 && r.top < b.bottom - 0.5 && b.top < r.bottom - 0.5)
          problems.push(`${chart.querySelector('title').textContent}: '${text.textContent}' overlaps '${other}'`);
      }
      boxes.push([text.textContent, r]);
    }
  }
  for (const date of document.querySelectorAll('.date')) {
    const rects = date.getClientRects();
    if (rects.length > 1) problems.push(`date '${date.textContent}' breaks across lines`);
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    problems.push(`page is ${document.documentElement.scrollWidth} px wide at ${window.innerWidth} px`);
  return {problems, charts: charts.length};
}"""


@pytest.fixture(scope="module", params=["fixture", "generated"])
def site(request, tmp_path_factory):
    """The metrics fixture (eleven months), and a generated organisation whose reviews span
    years (dozens of months on every axis)."""
    if not os.path.exists(PILLAR):
        pytest.fail(f"pillar binary not found at {PILLAR}; set PILLAR_BIN")
    base = tmp_path_factory.mktemp("readability")
    root = REPO / "Tests/Fixtures/metrics"
    if request.param == "generated":
        root = base / "workbook"
        subprocess.run(["python3", str(REPO / "bench/generate.py"), "--out", str(root), "--workloads", "30",
                        "--releases", "8"], check=True, timeout=120, stdout=subprocess.DEVNULL)
    out = base / "site"
    subprocess.run(
        [PILLAR, "build", "--root", str(root), "--templates", str(REPO / "templates"),
         "--output", str(out), "--date", "2026-11-01", "--quiet"], check=True, timeout=120)
    return out


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("page_path", PAGES)
def test_charts_and_dates_are_readable(site, browser, page_path, width):
    if page_path.startswith("a workload"):
        page_path = next(str(p.relative_to(site)) for p in sorted(site.glob("workloads/*/index.html"))
                         if 'class="chart"' in p.read_text(encoding="utf-8"))
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto((site / page_path).as_uri())
        result = page.evaluate(MEASURE)
    finally:
        page.close()
    assert result["problems"] == []
    if page_path in ("metrics.html", "executive.html"):
        assert result["charts"] >= 2, "the page should have its charts"


KEY_COLUMNS = """() => {
  const table = document.querySelector('.workloads-table');
  const heads = [...table.querySelectorAll('thead th')].filter(th => getComputedStyle(th).display !== 'none');
  return {right: table.getBoundingClientRect().right, width: window.innerWidth,
          shown: heads.map(th => th.textContent.trim())};
}"""


def test_dashboard_key_columns_fit_a_phone(site, browser):
    """At 390 px the workload, score, HRI and gate columns are visible without sideways scrolling."""
    page = browser.new_page(viewport={"width": 390, "height": 900})
    try:
        page.goto((site / "index.html").as_uri())
        result = page.evaluate(KEY_COLUMNS)
    finally:
        page.close()
    assert result["shown"] == ["Workload", "Score", "HRI", "Gate"]
    assert result["right"] <= result["width"], result


def test_dark_mode_keeps_every_page_readable(site, browser):
    """prefers-color-scheme: dark changes the palette (the page is not white) on every kind of page."""
    for path in ["index.html", "metrics.html", "executive.html"]:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="dark")
        try:
            page.goto((site / path).as_uri())
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        finally:
            page.close()
        assert background not in ("rgb(255, 255, 255)", "rgb(244, 246, 249)"), (path, background)


PRINTED = """() => {
  const visible = el => el && getComputedStyle(el).display !== 'none';
  const head = document.querySelector('.report-head');
  return {nav: visible(document.querySelector('.site-header')), head: visible(head),
          headText: head ? head.innerText : '',
          folded: [...document.querySelectorAll('details.folded li')].filter(li => li.getClientRects().length > 0).length,
          foldedTotal: document.querySelectorAll('details.folded li').length};
}"""


def pdf_pages(pdf: bytes) -> int:
    import re
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_a_scorecard_prints_as_an_audit_report(site, browser):
    """Printed to PDF: a title block with workload, release, date, reviewers and verdict; no
    navigation; every implemented practice printed although folded on screen; a page a question."""
    path = next(str(p.relative_to(site)) for p in sorted(site.glob("workloads/*/*.html"))
                if p.name != "index.html")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto((site / path).as_uri())
        page.emulate_media(media="print")
        result = page.evaluate(PRINTED)
        pdf = page.pdf(format="A4", print_background=False)
        questions = page.evaluate("document.querySelectorAll('article.answer').length")
    finally:
        page.close()
    assert not result["nav"], "the navigation is not printed"
    assert result["head"], "the report's title block is printed"
    for label in ("Workload", "Release", "Reviewed", "Reviewers", "Verdict"):
        assert label.upper() in result["headText"].upper(), (label, result["headText"])
    assert result["folded"] == result["foldedTotal"] > 0, result
    assert pdf_pages(pdf) >= questions, (pdf_pages(pdf), questions)


def test_the_executive_summary_prints_as_a_short_briefing(site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto((site / "executive.html").as_uri())
        page.emulate_media(media="print")
        nav = page.evaluate("getComputedStyle(document.querySelector('.site-header')).display")
        pdf = page.pdf(format="A4", print_background=False)
    finally:
        page.close()
    assert nav == "none"
    assert 1 <= pdf_pages(pdf) <= 3, pdf_pages(pdf)


def test_dashboard_sorts_and_filters_and_lists_everyone_without_script(site, browser):
    """Sorting by score orders the rows; a filter chip narrows them; with JavaScript off the
    page lists every workload and shows no dead controls."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto((site / "index.html").as_uri())
        rows = page.locator("#workloads tbody tr")
        total = rows.count()
        assert page.locator(".filters").is_visible()
        page.click("#workloads th:nth-child(5)")  # Score, ascending
        scores = page.eval_on_selector_all(
            "#workloads tbody tr", "rows => rows.map(r => parseFloat(r.children[4]?.dataset.value ?? '-1'))")
        assert scores == sorted(scores), scores
        page.click("#workloads th:nth-child(5)")  # descending
        again = page.eval_on_selector_all(
            "#workloads tbody tr", "rows => rows.map(r => parseFloat(r.children[4]?.dataset.value ?? '-1'))")
        assert again == sorted(again, reverse=True), again
        assert page.get_attribute("#workloads th:nth-child(5)", "aria-sort") == "descending"
        failing = page.eval_on_selector_all("#workloads tbody tr", "rows => rows.filter(r => r.dataset.verdict === 'fail').length")
        page.click('.chip[data-filter="verdict"][data-value="fail"]')
        visible = page.eval_on_selector_all("#workloads tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.verdict)")
        assert visible == ["fail"] * failing, visible
        if failing != total:
            assert "Showing" in page.inner_text(".filter-status")
        page.click('.chip[data-filter="verdict"][data-value=""]')
        assert page.eval_on_selector_all("#workloads tbody tr", "rows => rows.filter(r => r.hidden).length") == 0
    finally:
        page.close()
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site / "index.html").as_uri())
        assert page.locator("#workloads tbody tr").count() == total
        assert not page.locator(".filters").is_visible()
    finally:
        context.close()


AXE_PAGES = ["index.html", "executive.html", "metrics.html", "classification.html", "glossary.html",
             "incidents/index.html", "questions/index.html", "threat-models/index.html"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation(site, browser, scheme):
    """axe-core (axe-playwright-python): no violation of any impact, in light and dark mode, on
    every organisation page and on a workload page, a scorecard and a question page."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    axe = axe_module.Axe()
    workload = next(p for p in sorted(site.glob("workloads/*/index.html")))
    scorecard = next(p for p in sorted(workload.parent.glob("*.html")) if p.name != "index.html")
    question = next(p for p in sorted(site.glob("questions/*.html")) if p.name != "index.html")
    paths = AXE_PAGES + [str(p.relative_to(site)) for p in (workload, scorecard, question)]
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    problems = []
    try:
        for path in paths:
            page.goto((site / path).as_uri())
            for violation in axe.run(page).response["violations"]:
                problems.append(f"{path}: {violation['id']} ({violation['impact']}) at {violation['nodes'][0]['target']}")
    finally:
        page.close()
    assert problems == []


def test_scorecard_practices_filter_by_state_and_risk(site, browser):
    path = next(p for p in sorted(site.glob("workloads/*/*.html")) if p.name != "index.html")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(path.as_uri())
        page.click('.chip[data-filter="state"][data-value="missing"]')
        states = page.eval_on_selector_all("#answers [data-row]", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.state)")
        assert set(states) <= {"missing"}, states
        page.click('.chip[data-filter="risk"][data-value="high"]')
        risks = page.eval_on_selector_all("#answers [data-row]", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.risk)")
        assert set(risks) <= {"high"}, risks
        page.click('.chip[data-filter="state"][data-value=""]')
        page.click('.chip[data-filter="risk"][data-value=""]')
        assert page.eval_on_selector_all("#answers [data-row]", "rows => rows.filter(r => r.hidden).length") == 0
    finally:
        page.close()


def test_search_finds_a_practice_by_its_title(site, browser):
    """Over http (the search page fetches its index), typing a practice's title finds its
    question page, with a link to the practice's section and the words marked."""
    import re
    from conftest import served
    question = next(p for p in sorted(site.glob("questions/*.html")) if p.name != "index.html")
    match = re.search(r'<section class="practice" id="([^"]+)">\s*<h2><span class="bar-id">[^<]+</span> ([^<]+?) <span',
                      question.read_text(encoding="utf-8"))
    assert match, "the question page lists its practices"
    anchor, title = match.groups()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        with served(site) as base:
            page.goto(f"{base}/search.html")
            page.wait_for_selector("#search-input", state="visible", timeout=10000)
            assert page.is_hidden("#search-help")
            page.fill("#search-input", title)
            page.wait_for_selector("#search-results .result-title", timeout=10000)
            links = page.eval_on_selector_all(".result-title", "a => a.map(x => x.getAttribute('href'))")
            assert f"questions/{question.name}" in links, (title, links)
            sections = f'#search-results a[href="questions/{question.name}#{anchor}"]'
            page.wait_for_selector(sections, timeout=10000)
            marked = page.eval_on_selector_all("#search-results mark", "m => m.map(x => x.textContent.toLowerCase())")
            assert title.split()[0].lower() in marked, marked
            assert "q=" in page.url, "the query is kept in the address, so a search can be shared"
            page.fill("#search-input", "zzqxnotaword")
            page.wait_for_function("() => document.getElementById('search-status').textContent.startsWith('No page')")
            assert page.eval_on_selector_all("#search-results li", "l => l.length") == 0
    finally:
        page.close()
