/* okrsite index tables: sort by clicking a heading, filter by the row's data attributes, show a
   live row count. The tables are complete without this script. Works with Material's instant
   navigation (document$) and without it. */
(function () {
  "use strict";

  /* A cell's sort key, as a list compared item by item: its data-sort (one number, several
     space-separated numbers such as a status's severity and then its gap, or text) or its text. */
  function cellKey(row, column) {
    var cell = row.cells[column];
    if (!cell) return [""];
    var value = cell.getAttribute("data-sort");
    var text = (value !== null ? value : cell.textContent).trim();
    var parts = text.split(/\s+/);
    var numeric = value !== null && text !== "" && parts.every(function (part) { return !isNaN(Number(part)); });
    return numeric ? parts.map(Number) : [text.toLowerCase()];
  }

  function compareKeys(x, y) {
    for (var i = 0; i < Math.max(x.length, y.length); i += 1) {
      if (x[i] === undefined) return -1;
      if (y[i] === undefined) return 1;
      if (x[i] < y[i]) return -1;
      if (x[i] > y[i]) return 1;
    }
    return 0;
  }

  /* A column's name in the address (`?sort=-progress`): its heading in lower case, dashed. */
  function columnName(th) {
    return th.textContent.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  /* Headings become sort buttons. The rows' order as built is the default (a heading marked
     aria-sort says which); `state` names any other as `name` or `-name` (descending). */
  function makeSortable(table, changed) {
    var headings = table.tHead ? Array.prototype.slice.call(table.tHead.rows[0].cells) : [];
    var body = table.tBodies[0];
    var built = Array.prototype.slice.call(body.rows);
    var names = headings.map(columnName);
    var initial = null;
    var current = null;
    headings.forEach(function (th, column) {
      if (th.hasAttribute("aria-sort")) {
        initial = { column: column, ascending: th.getAttribute("aria-sort") === "ascending" };
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "okr-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        sortBy({ column: column, ascending: ascending });
        changed();
      });
    });
    current = initial;

    function sortBy(order) {
      headings.forEach(function (other) { other.removeAttribute("aria-sort"); });
      current = order;
      var rows = built.slice();
      if (order) {
        headings[order.column].setAttribute("aria-sort", order.ascending ? "ascending" : "descending");
        if (!same(order, initial)) {
          rows.sort(function (a, b) {
            var result = compareKeys(cellKey(a, order.column), cellKey(b, order.column));
            return order.ascending ? result : -result;
          });
        }
      }
      rows.forEach(function (row) { body.appendChild(row); });
    }

    function same(a, b) {
      return a === b || (!!a && !!b && a.column === b.column && a.ascending === b.ascending);
    }

    return {
      state: function () {
        return same(current, initial) || !current ? "" : (current.ascending ? "" : "-") + names[current.column];
      },
      restore: function (value) {
        var descending = !!value && value.charAt(0) === "-";
        var column = value ? names.indexOf(descending ? value.slice(1) : value) : -1;
        sortBy(column >= 0 ? { column: column, ascending: !descending } : initial);
      }
    };
  }

  /* A row's values for a filter: one, or several (space-separated) for a filter the index names
     in data-okr-multi, such as the cycles an objective belongs to. */
  function rowValues(row, name, multi) {
    var value = row.getAttribute("data-" + name) || "";
    return multi ? value.split(/\s+/).filter(Boolean) : value ? [value] : [];
  }

  function attributeList(element, name) {
    return (element.getAttribute(name) || "").split(/\s+/).filter(Boolean);
  }

  /* One select per filter the index names in data-okr-filters, with the values its rows carry
     (in data-okr-order-<name>'s order, else sorted), named by data-okr-titles-<name>. A filter
     starts on data-okr-start-<name> or All; `state` writes those that differ into the address
     (`?status=off-track`, `?cycle=` for All cycles), `restore` reads them back. */
  function makeFilterable(index, table, params, changed) {
    var names = attributeList(index, "data-okr-filters");
    var multi = attributeList(index, "data-okr-multi");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var shown = index.querySelector("[data-okr-shown]");
    var bar = document.createElement("div");
    bar.className = "okr-filters";
    var selects = [];
    names.forEach(function (name) {
      var isMulti = multi.indexOf(name) >= 0;
      var titles = JSON.parse(index.getAttribute("data-okr-titles-" + name) || "{}");
      var order = attributeList(index, "data-okr-order-" + name);
      var values = [];
      rows.forEach(function (row) {
        rowValues(row, name, isMulti).forEach(function (value) {
          if (values.indexOf(value) < 0) values.push(value);
        });
      });
      if (values.length < 2 && !params.has(name)) return;
      values.sort(function (a, b) {
        var i = order.indexOf(a), j = order.indexOf(b);
        if (i < 0) i = order.length;
        if (j < 0) j = order.length;
        return i - j || (a < b ? -1 : a > b ? 1 : 0);
      });
      var label = document.createElement("label");
      label.textContent = name.charAt(0).toUpperCase() + name.slice(1);
      var select = document.createElement("select");
      select.setAttribute("data-okr-filter", name);
      if (isMulti) select.setAttribute("data-okr-multi", "1");
      select.appendChild(new Option(index.getAttribute("data-okr-all-" + name) || "All", ""));
      values.forEach(function (value) { select.appendChild(new Option(titles[value] || value, value)); });
      var start = index.getAttribute("data-okr-start-" + name);
      select.setAttribute("data-okr-default", start && values.indexOf(start) >= 0 ? start : "");
      select.okrTitles = titles;
      select.addEventListener("change", function () { apply(); changed(); });
      label.appendChild(select);
      bar.appendChild(label);
      selects.push(select);
    });
    if (!selects.length) return null;
    index.insertBefore(bar, index.firstChild);

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

    return {
      state: function (params) {
        selects.forEach(function (select) {
          var name = select.getAttribute("data-okr-filter");
          if (select.value === select.getAttribute("data-okr-default")) params.delete(name);
          else params.set(name, select.value);
        });
      },
      restore: function (params) {
        selects.forEach(function (select) {
          var name = select.getAttribute("data-okr-filter");
          var wanted = params.has(name) ? params.get(name) : select.getAttribute("data-okr-default");
          var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
          if (!known) select.appendChild(new Option(select.okrTitles[wanted] || wanted, wanted));
          select.value = wanted;
        });
        apply();
      }
    };
  }

  /* An index's filters and sort live in the address: a link such as objectives/?status=off-track
     opens it filtered, each change is a step Back undoes, and a reload keeps it. */
  var indexes = [];

  function makeIndex(index, table) {
    var filters = makeFilterable(index, table, new URLSearchParams(location.search), changed);
    var sorting = makeSortable(table, changed);

    function changed() {
      var params = new URLSearchParams(location.search);
      if (filters) filters.state(params);
      var sort = sorting.state();
      if (sort) params.set("sort", sort);
      else params.delete("sort");
      var query = params.toString();
      var url = location.pathname + (query ? "?" + query : "") + location.hash;
      if (url === location.pathname + location.search + location.hash) return;
      try {
        history.pushState(null, "", url);
      } catch (error) {
        /* a page opened from disk may not change its address; the table still changed */
      }
    }

    function restore() {
      var params = new URLSearchParams(location.search);
      if (filters) filters.restore(params);
      sorting.restore(params.get("sort"));
    }

    restore();
    indexes.push({ index: index, restore: restore });
  }

  window.addEventListener("popstate", function () {
    indexes.forEach(function (each) { each.restore(); });
  });

  /* A diagram shrinks to the column only while its text stays readable (its min-width, set
     when it was drawn); past that it scrolls inside its box. Say so while it does. */
  function hintScrolling(frame) {
    var box = frame.querySelector(".okr-diagram");
    var hint = frame.querySelector(".okr-diagram__hint");
    if (!box || !hint) return;
    function update() { hint.hidden = box.scrollWidth <= box.clientWidth + 1; }
    update();
    if (window.ResizeObserver) new ResizeObserver(update).observe(box);
  }

  /* Material's search panel is a dialog without a name; screen readers announce it nameless. */
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
    var input = document.querySelector(".md-search__input");
    if (dialog) dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  }

  function init() {
    nameSearchDialog();
    document.querySelectorAll(".okr-diagram-frame").forEach(hintScrolling);
    indexes = indexes.filter(function (each) { return document.contains(each.index); });
    document.querySelectorAll(".okr-index").forEach(function (index) {
      if (index.getAttribute("data-okr-ready")) return;
      index.setAttribute("data-okr-ready", "1");
      var table = index.querySelector("table");
      if (!table || !table.tBodies.length) return;
      makeIndex(index, table);
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
