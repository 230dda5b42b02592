// Starts Pagefind's search interface (pagefind/pagefind-ui.js, made by `pillar build` when
// Pagefind is installed). From disk, or without the index, the page keeps its explanation.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  if (location.protocol === "file:" || typeof PagefindUI === "undefined") return;
  // Result links from the folder this page is in, wherever the site is published.
  const baseUrl = new URL(".", location.href).pathname;
  new PagefindUI({ element: "#search", showSubResults: true, showImages: false, baseUrl });
  document.getElementById("search-help").hidden = true;
});
