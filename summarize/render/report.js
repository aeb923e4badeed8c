// kosum report: sorting and filtering of each event's fact tables. The page is complete without
// this script; rows are already ordered by how many outlets report each fact.
(function () {
  "use strict";

  function rowsOf(table) {
    return table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
  }

  function sortKey(mode) {
    return function (a, b) {
      var ca = +a.dataset.count, cb = +b.dataset.count;
      var oa = +a.dataset.order, ob = +b.dataset.order;
      if (mode === "count-desc" && ca !== cb) return cb - ca;
      if (mode === "count-asc" && ca !== cb) return ca - cb;
      return oa - ob;
    };
  }

  function setPressed(buttons, value, attr) {
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute(attr) === value));
    });
  }

  function setup(toolbar) {
    var section = document.getElementById(toolbar.dataset.event);
    if (!section) return;
    var tables = [section.querySelector(".matrix-table"), section.querySelector(".sbs-table")];
    var sortButtons = Array.prototype.slice.call(toolbar.querySelectorAll("[data-sort]"));
    var filterButtons = Array.prototype.slice.call(toolbar.querySelectorAll("[data-filter]"));
    var countHeader = section.querySelector(".matrix-table .count-col");
    var current = "count-desc";

    function sort(mode) {
      current = mode;
      tables.forEach(function (table) {
        if (!table) return;
        var body = table.tBodies[0];
        rowsOf(table).sort(sortKey(mode)).forEach(function (row) { body.appendChild(row); });
      });
      setPressed(sortButtons, mode, "data-sort");
      if (countHeader) {
        countHeader.setAttribute(
          "aria-sort",
          mode === "count-desc" ? "descending" : mode === "count-asc" ? "ascending" : "none"
        );
      }
    }

    function filter(state) {
      tables.forEach(function (table) {
        rowsOf(table).forEach(function (row) {
          var s = row.dataset.state;
          var show = state === "all" || s === state ||
            (state === "shared" && s === "conflict" && +row.dataset.count > 1);
          row.classList.toggle("is-hidden", !show);
        });
      });
      setPressed(filterButtons, state, "data-filter");
    }

    sortButtons.forEach(function (b) {
      b.addEventListener("click", function () { sort(b.dataset.sort); });
    });
    filterButtons.forEach(function (b) {
      b.addEventListener("click", function () { filter(b.dataset.filter); });
    });
    if (countHeader) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = countHeader.textContent + " ↕";
      button.title = "매체 수로 정렬";
      button.addEventListener("click", function () {
        sort(current === "count-desc" ? "count-asc" : "count-desc");
      });
      countHeader.textContent = "";
      countHeader.appendChild(button);
    }
    toolbar.hidden = false;
  }

  Array.prototype.forEach.call(document.querySelectorAll(".toolbar[data-event]"), setup);

  // Print everything: open the collapsed lists first.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.setAttribute("open", "");
    });
  });
})();
