/* okrsite index tables: sort by clicking a heading, filter by the row's data attributes, show a
   live row count. The tables are complete without this script. Works with Material's instant
   navigation (document$) and without it. */
(function () {
  "use strict";

  function cellKey(row, column) {
    var cell = row.cells[column];
    if (!cell) return "";
    var value = cell.getAttribute("data-sort");
    if (value !== null && value !== "" && !isNaN(Number(value))) return Number(value);
    return (value !== null ? value : cell.textContent).trim().toLowerCase();
  }

  function makeSortable(table) {
    var headings = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headings, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "okr-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headings, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellKey(a, column), y = cellKey(b, column);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  /* A row's values for a filter: one, or several (space-separated) for a filter the index names
     in data-okr-multi, such as the cycles an objective belongs to. */
  function rowValues(row, name, multi) {
    var value = row.getAttribute("data-" + name) || "";
    return multi ? value.split(/\s+/).filter(Boolean) : value ? [value] : [];
  }

  function makeFilterable(index, table) {
    var names = (index.getAttribute("data-okr-filters") || "").split(/\s+/).filter(Boolean);
    var multi = (index.getAttribute("data-okr-multi") || "").split(/\s+/);
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var shown = index.querySelector("[data-okr-shown]");
    var bar = document.createElement("div");
    bar.className = "okr-filters";
    var selects = [];
    names.forEach(function (name) {
      var isMulti = multi.indexOf(name) >= 0;
      var titles = JSON.parse(index.getAttribute("data-okr-titles-" + name) || "{}");
      var values = [];
      rows.forEach(function (row) {
        rowValues(row, name, isMulti).forEach(function (value) {
          if (values.indexOf(value) < 0) values.push(value);
        });
      });
      if (values.length < 2) return;
      values.sort();
      var label = document.createElement("label");
      label.textContent = name.charAt(0).toUpperCase() + name.slice(1);
      var select = document.createElement("select");
      select.setAttribute("data-okr-filter", name);
      if (isMulti) select.setAttribute("data-okr-multi", "1");
      select.appendChild(new Option(index.getAttribute("data-okr-all-" + name) || "All", ""));
      values.forEach(function (value) { select.appendChild(new Option(titles[value] || value, value)); });
      var start = index.getAttribute("data-okr-start-" + name);
      if (start && values.indexOf(start) >= 0) select.value = start;
      select.addEventListener("change", apply);
      label.appendChild(select);
      bar.appendChild(label);
      selects.push(select);
    });
    if (!selects.length) return;
    index.insertBefore(bar, index.firstChild);
    apply();

    function apply() {
      var count = 0;
      rows.forEach(function (row) {
        var visible = selects.every(function (select) {
          var name = select.getAttribute("data-okr-filter");
          var multi = select.hasAttribute("data-okr-multi");
          return !select.value || rowValues(row, name, multi).indexOf(select.value) >= 0;
        });
        row.hidden = !visible;
        if (visible) count += 1;
      });
      if (shown) shown.textContent = String(count);
    }
  }

  /* A wide diagram squeezed into the column would shrink its text below reading size, so it
     shrinks only to MIN_DIAGRAM_SCALE of its drawn size and scrolls sideways beyond that. */
  var MIN_DIAGRAM_SCALE = 0.75;
  var PX_PER_UNIT = { px: 1, pt: 4 / 3, "": 1 };

  function keepLegible(svg) {
    var match = /^([0-9.]+)(px|pt|)$/.exec(svg.getAttribute("width") || "");
    if (!match) return;
    var drawn = Number(match[1]) * PX_PER_UNIT[match[2]];
    svg.style.minWidth = Math.round(drawn * MIN_DIAGRAM_SCALE) + "px";
  }

  /* Material's search panel is a dialog without a name; screen readers announce it nameless. */
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
    var input = document.querySelector(".md-search__input");
    if (dialog) dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  }

  function init() {
    nameSearchDialog();
    document.querySelectorAll(".okr-diagram svg[width]").forEach(keepLegible);
    document.querySelectorAll(".okr-index").forEach(function (index) {
      if (index.getAttribute("data-okr-ready")) return;
      index.setAttribute("data-okr-ready", "1");
      var table = index.querySelector("table");
      if (!table || !table.tBodies.length) return;
      makeFilterable(index, table);
      makeSortable(table);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
