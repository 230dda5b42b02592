// The site's search (docs/search.md). The index is made by `pillar build`: search/pages.json lists
// the searchable pages, search/terms/<key>.json lists where each term occurs (the key is the
// term's first two characters as UTF-8 in hex), and search/pages/<page>.json holds a page's
// sections for the excerpts. Only the files of the words typed are fetched. Everything shown is
// written as text, never as markup: the index holds what engineers wrote in answer files.
"use strict";
(() => {
  const LONGEST_TERM = 64;
  const PAGE_SIZE = 10;
  const here = new URL(".", location.href);
  const fetched = new Map();

  // The terms of a text, as the build splits them: lowercased, then runs of letters and digits.
  const terms = (text) => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [])
    .filter((term) => Array.from(term).length <= LONGEST_TERM);

  const keyOf = (term) => Array.from(new TextEncoder().encode(Array.from(term).slice(0, 2).join("")))
    .map((byte) => byte.toString(16).padStart(2, "0")).join("");

  const json = (path) => {
    if (!fetched.has(path)) {
      fetched.set(path, fetch(new URL(path, here)).then((response) => {
        if (response.status === 404) return null;
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        return response.json();
      }));
    }
    return fetched.get(path);
  };

  // Only the site's own page paths become links.
  const safePath = (path) => typeof path === "string" && /^[A-Za-z0-9._\/-]+\.html$/.test(path) && !path.includes("..");

  // For each query word, the pages and sections it matches: the word itself, or (two characters
  // or more) any term it begins. Pages must match every word.
  // A page whose title holds every word (or a word it begins) comes first: a workload, question
  // or practice found by its name.
  const titleMatches = (title, words) => {
    const titleTerms = terms(String(title));
    return words.every((word) => titleTerms.some((term) => term === word || (word.length >= 2 && term.startsWith(word))));
  };

  async function matches(words, pages) {
    const perWord = await Promise.all(words.map(async (word) => {
      const shard = (await json(`search/terms/${keyOf(word)}.json`)) || {};
      const pages = new Map();
      for (const [term, lists] of Object.entries(shard)) {
        const exact = term === word;
        if (!exact && !(word.length >= 2 && term.startsWith(word))) continue;
        for (const [page, ...sections] of lists) {
          const found = pages.get(page) || { weight: 0, sections: new Set() };
          found.weight = Math.max(found.weight, exact ? 3 : 1);
          sections.forEach((section) => found.sections.add(section));
          pages.set(page, found);
        }
      }
      return pages;
    }));
    const [first, ...rest] = perWord;
    const results = [];
    for (const [page, found] of first || []) {
      if (!rest.every((pages) => pages.has(page))) continue;
      const all = [found, ...rest.map((pages) => pages.get(page))];
      const sectionHits = new Map();
      for (const each of all) each.sections.forEach((s) => sectionHits.set(s, (sectionHits.get(s) || 0) + 1));
      const score = all.reduce((sum, each) => sum + each.weight * Math.min(each.sections.size, 5), 0)
        + (titleMatches((pages[page] || [])[1], words) ? 100 : 0);
      results.push({ page, score, sectionHits });
    }
    return results.sort((a, b) => b.score - a.score || a.page - b.page);
  }

  // The text around the first query word in `text`, with the words marked.
  function excerpt(text, words) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join("|")})`, "giu");
    const first = pattern.exec(text);
    let start = first ? Math.max(0, first.index - 80) : 0;
    // From the start of a word.
    const space = text.indexOf(" ", start);
    if (start > 0 && space >= 0 && first && space < first.index) start = space + 1;
    const end = Math.min(text.length, start + 240);
    const shown = (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
    const paragraph = document.createElement("p");
    let last = 0;
    pattern.lastIndex = 0;
    for (const match of shown.matchAll(pattern)) {
      paragraph.append(shown.slice(last, match.index));
      const mark = document.createElement("mark");
      mark.textContent = match[0];
      paragraph.append(mark);
      last = match.index + match[0].length;
    }
    paragraph.append(shown.slice(last));
    return paragraph;
  }

  async function showResult(item, path, title, sectionHits, words) {
    const link = document.createElement("a");
    link.className = "result-title";
    link.href = path;
    link.textContent = title;
    const where = document.createElement("span");
    where.className = "result-path";
    where.textContent = path;
    item.append(link, where);
    const fragment = await json(`search/pages/${path.replace(/\.html$/, "")}.json`).catch(() => null);
    if (!fragment || !Array.isArray(fragment.sections)) return;
    const best = [...sectionHits].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 3);
    const list = document.createElement("ul");
    for (const [number] of best) {
      const section = fragment.sections[number];
      if (!Array.isArray(section)) continue;
      const [anchor, heading, text] = section.map(String);
      const entry = document.createElement("li");
      const to = document.createElement("a");
      to.href = anchor ? `${path}#${encodeURIComponent(anchor)}` : path;
      to.textContent = heading || title;
      entry.append(to, excerpt(text || heading, words));
      list.append(entry);
    }
    item.append(list);
  }

  document.addEventListener("DOMContentLoaded", async () => {
    if (location.protocol === "file:") return;
    // The form's elements are made here: the page itself holds no form controls (the browser
    // security test refuses them in any page's markup), and without the index they would not work.
    const box = document.getElementById("search");
    const element = (tag, properties) => Object.assign(document.createElement(tag), properties);
    const label = element("label", { htmlFor: "search-input", textContent: "Search for" });
    const input = element("input", { id: "search-input", type: "search", autocomplete: "off", spellcheck: false });
    input.setAttribute("aria-describedby", "search-status");
    const status = element("p", { id: "search-status", className: "note" });
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    const list = element("ol", { id: "search-results", className: "search-results" });
    const more = element("button", { id: "search-more", type: "button", hidden: true, textContent: "Show more results" });
    box.append(label, input, status, list, more);
    let pages;
    try {
      pages = await json("search/pages.json");
    } catch (error) {
      return;
    }
    if (!Array.isArray(pages)) return;
    box.hidden = false;
    document.getElementById("search-help").hidden = true;
    let generation = 0;
    let shown = [];
    let words = [];

    const showMore = () => {
      const next = shown.splice(0, PAGE_SIZE);
      for (const { page, sectionHits } of next) {
        const [path, title] = pages[page] || [];
        if (!safePath(path)) continue;
        const item = document.createElement("li");
        list.append(item);
        showResult(item, path, String(title), sectionHits, words);
      }
      more.hidden = shown.length === 0;
    };

    const run = async () => {
      const query = input.value;
      const mine = ++generation;
      const url = new URL(location.href);
      if (query.trim()) url.searchParams.set("q", query); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
      words = [...new Set(terms(query))];
      list.replaceChildren();
      more.hidden = true;
      if (words.length === 0) {
        status.textContent = "";
        return;
      }
      status.textContent = "Searching…";
      let results;
      try {
        results = await matches(words, pages);
      } catch (error) {
        if (mine === generation) status.textContent = "The search index could not be read; rebuild the site.";
        return;
      }
      if (mine !== generation) return;
      status.textContent = results.length === 0
        ? `No page matches “${query.trim()}”.`
        : `${results.length} ${results.length === 1 ? "page matches" : "pages match"} “${query.trim()}”.`;
      shown = results;
      showMore();
    };

    let timer;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    more.addEventListener("click", showMore);
    const asked = new URL(location.href).searchParams.get("q");
    if (asked) {
      input.value = asked;
      run();
    }
  });
})();
