// kg workbench: sortable result tables (click a column header; again to reverse).
"use strict";
(function () {
  function key(td) {
    const raw = td.dataset.sort !== undefined ? td.dataset.sort : td.textContent;
    const num = Number(raw);
    return raw !== "" && !Number.isNaN(num) ? [0, num, ""] : [1, 0, raw.toLowerCase()];
  }
  function compare(a, b) {
    if (a[0] !== b[0]) { return a[0] - b[0]; }
    if (a[1] !== b[1]) { return a[1] - b[1]; }
    return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
  }
  function sortBy(table, col, th) {
    const body = table.tBodies[0];
    const down = th.getAttribute("aria-sort") === "ascending";
    const rows = Array.from(body.rows).map((tr, i) => [key(tr.cells[col] || tr.insertCell()), i, tr]);
    rows.sort((a, b) => compare(a[0], b[0]) * (down ? -1 : 1) || a[1] - b[1]);
    table.querySelectorAll("th").forEach(h => h.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", down ? "descending" : "ascending");
    rows.forEach(r => body.appendChild(r[2]));
  }
  window.kgSortable = function (root) {
    root.querySelectorAll("table.sortable").forEach(table => {
      table.querySelectorAll("thead th").forEach((th, col) => {
        const button = th.querySelector("button") || th;
        button.addEventListener("click", () => sortBy(table, col, th));
      });
    });
  };
  window.kgSortable(document);
})();
