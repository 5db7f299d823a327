// Client-side search over window.HANDBOOK_SEARCH (assets/search-index.js). Chinese needs no
// spaces: every query term is matched as a substring; when no entry holds every term, entries
// sharing most of the query's two-character pieces are shown instead. Results are built with
// textContent only: indexed text never becomes markup.
(function () {
  "use strict";
  var rows = window.HANDBOOK_SEARCH || [];
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !list) return;
  var root = form.getAttribute("data-root") || "";
  var kinds = JSON.parse(form.getAttribute("data-kinds") || "{}");
  var words = JSON.parse(form.getAttribute("data-words") || "{}");
  var lowered = rows.map(function (r) {
    return [r[1].toLowerCase(), r[3].toLowerCase(), r[4].toLowerCase(), r[5].toLowerCase()];
  });

  function bigrams(text) {
    var chars = Array.from(text.replace(/\s+/g, "")), out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    if (chars.length === 1) out.push(chars[0]);
    return out;
  }

  function score(fields, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i], s = 0;
      if (fields[0].indexOf(t) >= 0) s = fields[0] === t ? 30 : 20;
      else if (fields[2].indexOf(t) >= 0) s = 6;
      else if (fields[1].indexOf(t) >= 0) s = 4;
      else if (fields[3].indexOf(t) >= 0) s = 2;
      if (!s) return 0;
      total += s;
    }
    return total;
  }

  function search(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var terms = q.split(/\s+/), found = [];
    for (var i = 0; i < rows.length; i++) {
      var s = score(lowered[i], terms);
      if (s) found.push([s, i]);
    }
    if (!found.length) {
      var grams = bigrams(q);
      for (var j = 0; j < rows.length; j++) {
        var all = lowered[j].join(" "), hit = 0;
        for (var g = 0; g < grams.length; g++) if (all.indexOf(grams[g]) >= 0) hit++;
        if (grams.length && hit / grams.length >= 0.6) found.push([hit / grams.length + (lowered[j][0].indexOf(grams[0]) >= 0 ? 1 : 0), j]);
      }
    }
    found.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return found.slice(0, 100).map(function (f) { return rows[f[1]]; });
  }

  function render(query) {
    list.textContent = "";
    var results = search(query);
    if (!query.trim()) { status.textContent = ""; return; }
    status.textContent = results.length ? (words.count || "").replace("{n}", results.length) : (words.none || "");
    results.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + r[2];
      a.textContent = r[1];
      var kind = document.createElement("span");
      kind.className = "badge";
      kind.textContent = kinds[r[0]] || r[0];
      li.appendChild(kind);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(a);
      if (r[3]) {
        var context = document.createElement("span");
        context.className = "small";
        context.textContent = " · " + r[3];
        li.appendChild(context);
      }
      var snippet = r[4] || r[5];
      if (snippet) {
        var p = document.createElement("p");
        p.className = "small";
        p.textContent = snippet.length > 120 ? snippet.slice(0, 120) + "…" : snippet;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  render(initial);
  input.addEventListener("input", function () {
    render(input.value);
    if (window.history && window.history.replaceState) {
      try { window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file:// may refuse */ }
    }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); render(input.value); });
})();
