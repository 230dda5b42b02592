// Pillar's one script: sorts tables whose header cells say how (data-sort) and filters the rows
// of a table by the chips of a filter bar (data-filters). It only reorders rows, sets the
// hidden attribute and writes text: it never builds markup from the page's data, and every
// page is complete without it (the filter bar stays hidden then).
"use strict";

function cellValue(row, index, kind) {
  const cell = row.children[index];
  if (!cell) return kind === "number" ? -Infinity : "";
  const raw = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
  if (kind !== "number") return raw.toLowerCase();
  const number = parseFloat(raw);
  return Number.isNaN(number) ? -Infinity : number;
}

function sortBy(table, header) {
  const headers = Array.from(header.parentElement.children);
  const index = headers.indexOf(header);
  const kind = header.dataset.sort;
  const ascending = header.getAttribute("aria-sort") !== "ascending";
  for (const other of headers) if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
  header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  rows.sort((a, b) => {
    const x = cellValue(a, index, kind);
    const y = cellValue(b, index, kind);
    const order = x < y ? -1 : x > y ? 1 : 0;
    return ascending ? order : -order;
  });
  for (const row of rows) body.appendChild(row);
}

function applyFilters(bar, table) {
  const chosen = {};
  for (const chip of bar.querySelectorAll('.chip[aria-current="true"]')) {
    if (chip.dataset.value !== "") chosen[chip.dataset.filter] = chip.dataset.value;
  }
  let shown = 0;
  const rows = table.querySelectorAll("[data-row]");
  for (const row of rows) {
    const match = Object.entries(chosen).every(([key, value]) =>
      (row.dataset[key] || "").split("\n").includes(value));
    row.hidden = !match;
    if (match) shown += 1;
  }
  const status = bar.querySelector(".filter-status");
  if (status) {
    status.textContent = shown === rows.length ? "" : `Showing ${shown} of ${rows.length}.`;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("table[data-sortable]")) {
    for (const header of table.querySelectorAll("th[data-sort]")) {
      header.addEventListener("click", (event) => {
        if (event.target.closest("a")) return;
        sortBy(table, header);
      });
      header.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sortBy(table, header);
        }
      });
    }
  }
  for (const bar of document.querySelectorAll("[data-filters]")) {
    const table = document.getElementById(bar.dataset.filters);
    if (!table) continue;
    bar.hidden = false;
    for (const chip of bar.querySelectorAll(".chip")) {
      chip.addEventListener("click", (event) => {
        event.preventDefault();
        for (const other of bar.querySelectorAll(`.chip[data-filter="${chip.dataset.filter}"]`)) {
          other.setAttribute("aria-current", "false");
        }
        chip.setAttribute("aria-current", "true");
        applyFilters(bar, table);
      });
    }
  }
});
