"""The site's search index against Pagefind, the library it replaced (docs/search.md).

Pagefind is run over the same pages of the same built site, reading the same content (`<main>`,
without the elements the templates mark `data-search-ignore`), and its own JavaScript searches
every word of our index in Chromium. Our page sets come from the index files, matched as the
search page matches a word: every term the word begins.

They are not expected to agree everywhere: Pagefind stems English words (`accepted` also finds
`accept`), so for some words it finds more pages, and it leaves some text out (an `abbr` in a
table header). The test holds the index to the library where the two can agree: most words give
the same pages, Pagefind's extra pages for a word are explained by stemming, and our extra pages
are few.
"""
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import served

REPO = Path(__file__).resolve().parents[2]
PILLAR = os.environ.get("PILLAR_BIN", "")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    pytest.importorskip("pagefind", reason="Pagefind (PyPI pagefind[bin]) is the reference; scripts/test installs it")
    if not os.path.exists(PILLAR):
        pytest.fail(f"pillar binary not found at {PILLAR}; set PILLAR_BIN")
    base = tmp_path_factory.mktemp("search-reference")
    ours = base / "site"
    subprocess.run([PILLAR, "build", "--root", str(REPO / "Tests/Fixtures/metrics"), "--templates",
                    str(REPO / "templates"), "--output", str(ours), "--date", "2026-11-01", "--quiet"],
                   check=True, timeout=120, capture_output=True)
    reference = base / "pagefind"
    shutil.copytree(ours, reference)
    pages = [path for path, _ in json.loads((ours / "search/pages.json").read_text(encoding="utf-8"))]
    subprocess.run(["python3", "-m", "pagefind", "--site", str(reference), "--output-subdir", "pagefind",
                    "--root-selector", "main", "--exclude-selectors", "[data-search-ignore]",
                    "--glob", "{" + ",".join(pages) + "}"], check=True, timeout=120, capture_output=True)
    # A page without a policy to load Pagefind's module (it needs WebAssembly) from the site.
    (reference / "reference.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>reference</title></head><body></body></html>',
        encoding="utf-8")
    return ours, reference, pages


def our_pages(site: Path, pages: list[str]) -> dict[str, set[str]]:
    found = {}
    for path in (site / "search/terms").glob("*.json"):
        for term, lists in json.loads(path.read_text(encoding="utf-8")).items():
            found[term] = {pages[entry[0]] for entry in lists}
    return found


def test_the_index_agrees_with_pagefind(sites, browser):
    ours, reference, pages = sites
    terms = our_pages(ours, pages)
    # Words of letters only: numbers and dates are split differently by the two.
    words = sorted(term for term in terms if re.fullmatch(r"[a-z]{3,}", term))
    assert len(words) > 100, "the fixture's index is too small to compare"
    with served(reference) as base:
        page = browser.new_page()
        try:
            page.goto(f"{base}/reference.html")
            found = page.evaluate("""async (words) => {
              const pagefind = await import('/pagefind/pagefind.js');
              const out = {};
              for (const word of words) {
                const result = await pagefind.search(word);
                out[word] = await Promise.all(result.results.map((r) => r.data().then((d) => d.url)));
              }
              return out;
            }""", words)
        finally:
            page.close()
    as_path = lambda url: url.lstrip("/") + ("index.html" if url.endswith("/") else "")
    same, stemmed, ours_only = [], [], []
    for word in words:
        mine = set().union(*(found_pages for term, found_pages in terms.items() if term.startswith(word)))
        theirs = {as_path(url) for url in found[word]}
        if mine == theirs:
            same.append(word)
            continue
        if mine < theirs:
            # Pagefind's extra pages hold a word of the same stem: a term sharing the word's
            # first letters (all but the last five, at least two: `application` and
            # `applicable` share the stem `applic`).
            stem = word[:max(2, len(word) - 5)]
            extra = theirs - mine
            assert all(any(p in found_pages for term, found_pages in terms.items() if term.startswith(stem))
                       for p in extra), f"{word!r}: Pagefind also finds {sorted(extra)}, not by stemming"
            stemmed.append(word)
        else:
            ours_only.append((word, sorted(mine - theirs)))
    print(f"\n{len(words)} words: {len(same)} the same pages, {len(stemmed)} more by Pagefind's stemming, "
          f"{len(ours_only)} more by ours: {ours_only[:6]}")
    assert len(same) >= 0.8 * len(words), f"only {len(same)} of {len(words)} words agree"
    assert len(ours_only) <= 0.05 * len(words), ours_only
