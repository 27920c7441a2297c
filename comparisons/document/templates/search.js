// The index: a row opens by its anchor (on load and when the hash changes), and the
// search box filters rows as you type. A row matches in code when what is typed is in its
// code (legacy call, code shown, code it uses), quotes and spaces ignored
// (backref = "author" finds backref='author'); else in its text (title, verdicts,
// differences, why): what is typed, spaces ignored, where it looks like code (it has
// = ( ) . [ ] or a quote), else every word of it. Code matches are listed first; the
// count says how many of each.
(function () {
  "use strict";
  var box = document.getElementById("q");
  var shown = document.getElementById("shown");
  var nothing = document.getElementById("nothing");
  var index = document.getElementById("index");
  // The catalog's rows (the scan's page: its sites), then the translation's steps
  // (searched alike, counted apart).
  var rows = Array.prototype.slice.call(document.querySelectorAll("details.row, details.step"));
  var steps = rows.filter(function (row) { return row.classList.contains("step"); }).length;
  var noun = index.getAttribute("data-noun") || "rows";  // the scan's page: "sites"

  function normal(text) {
    return text.toLowerCase().replace(/[\u2018\u2019\u201c\u201d'`]/g, '"').replace(/\s+/g, " ").trim();
  }
  function codeOf(row) {
    var parts = [];
    row.querySelectorAll("code, pre.code").forEach(function (e) { parts.push(e.textContent); });
    row.querySelectorAll("a[href^='#code.']").forEach(function (a) {
      var block = document.getElementById(a.getAttribute("href").slice(1));
      if (block) { parts.push(block.querySelector("pre").textContent); }
    });
    return normal(parts.join(" ")).replace(/ /g, "");
  }
  var texts = rows.map(function (row) {
    var prose = normal(row.textContent);
    return {code: codeOf(row), prose: prose, proseWhole: prose.replace(/ /g, "")};
  });
  var CODE_LIKE = /[=()\[\].'"`\u2018\u2019\u201c\u201d]/;

  function apply() {
    var words = normal(box.value).split(" ").filter(Boolean);
    var whole = words.join("");
    var codeLike = CODE_LIKE.test(box.value);
    var inCode = 0, inProse = 0, stepsShown = 0;
    rows.forEach(function (row, i) {
      var text = texts[i];
      var code = words.length === 0 || text.code.indexOf(whole) !== -1;
      var prose = !code && (codeLike ? text.proseWhole.indexOf(whole) !== -1
        : words.every(function (w) { return text.prose.indexOf(w) !== -1; }));
      row.hidden = !(code || prose);
      row.classList.toggle("in-prose", prose);
      row.style.order = prose ? "1" : "";
      if (row.classList.contains("step")) {
        if (code || prose) { stepsShown += 1; }
      } else if (code) { inCode += 1; } else if (prose) { inProse += 1; }
    });
    index.classList.toggle("searching", words.length > 0);
    var total = rows.length - steps;
    nothing.hidden = inCode + inProse + stepsShown > 0;
    shown.textContent = (words.length
      ? (inCode + inProse) + " of " + total + " " + noun + ": " + inCode + " in code, " + inProse + " only in other text"
      : total + " " + noun) + (steps ? (words.length ? ", " + stepsShown + " of " : ", ") + steps + " steps" : "");
  }

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    for (var e = target; e; e = e.parentElement) {
      if (e.tagName === "DETAILS") { e.open = true; }
    }
    target.scrollIntoView();
  }

  // On a phone the legend would fill the first screen: it starts folded there.
  if (window.matchMedia("(max-width: 760px)").matches) {
    document.querySelector("details.legend").open = false;
  }
  box.addEventListener("input", apply);
  window.addEventListener("hashchange", openTarget);
  apply();
  openTarget();
})();
