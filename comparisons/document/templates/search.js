// Filters rows as you type: a row stays when every word typed appears in its calls,
// code, verdicts, differences or error text (each row carries that text, lower-cased).
(function () {
  "use strict";
  var box = document.getElementById("q");
  var shown = document.getElementById("shown");
  var nothing = document.getElementById("nothing");
  var rows = Array.prototype.slice.call(document.querySelectorAll("article.row"));
  var lines = {};
  document.querySelectorAll("tr[data-row]").forEach(function (tr) { lines[tr.dataset.row] = tr; });

  function apply() {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row) {
      var text = row.dataset.search;
      var hit = words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !hit;
      if (lines[row.id]) { lines[row.id].hidden = !hit; }
      if (hit) { count += 1; }
    });
    document.querySelectorAll("section.rows").forEach(function (section) {
      section.hidden = !section.querySelector("article.row:not([hidden])");
    });
    nothing.hidden = count > 0;
    shown.textContent = words.length ? count + " of " + rows.length + " rows" : rows.length + " rows";
  }

  // On a phone the legend would fill the first screen: it starts folded there.
  if (window.matchMedia("(max-width: 760px)").matches) {
    document.querySelector("details.legend").open = false;
  }
  box.addEventListener("input", apply);
  apply();
})();
