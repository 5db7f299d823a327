// Client-side search over window.HANDBOOK_SEARCH (assets/search-index.js, loaded by a <script>
// tag so that it works from file://). Chinese needs no spaces: every query term is matched as a
// substring; when no entry holds every term, entries sharing most of the query's two-character
// pieces are shown instead. Every match is counted; results are shown a page at a time, by
// kind, with the matched words marked in a snippet around them. Results are built from DOM
// text nodes only: indexed text never becomes markup. Plain pages' whole text comes in parts
// (assets/search-text-N.js, HANDBOOK_SEARCH_PARTS of them), loaded one after another by script
// tags once a reader searches: the first results come from the index alone, then grow.
(function () {
  "use strict";
  var rows = window.HANDBOOK_SEARCH || [];
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var kindsBox = document.getElementById("search-kinds");
  var moreLink = document.getElementById("search-more");
  if (!form || !input || !list) return;
  var root = form.getAttribute("data-root") || "";
  var kinds = JSON.parse(form.getAttribute("data-kinds") || "{}");
  var words = JSON.parse(form.getAttribute("data-words") || "{}");
  var PAGE = 50;

  // Rows as entries: a step's process and responsible party are other rows, by number.
  var entries = rows.map(function (r) {
    return { kind: r[0], title: r[1], url: r[2], context: r[3], strong: r[4], weak: r[5], party: -1, steps: 0 };
  });
  entries.forEach(function (e, i) {
    if (e.kind !== "s") return;
    var process = entries[+rows[i][3]], party = rows[i][6] === "" || rows[i][6] === undefined ? -1 : +rows[i][6];
    if (process) { e.url = process.url + e.url; e.context = process.title; }
    if (entries[party]) { e.party = party; entries[party].steps++; }
  });
  function partyName(e) {
    var p = entries[e.party];
    if (!p) return "";
    return p.kind === "r" ? p.context + " · " + p.title : p.title;
  }
  // Lower-cased fields: title, context, strong, weak (a step's weak text also names its party,
  // so that a role's name finds the steps it is responsible for).
  var lowered = entries.map(function (e) {
    return [e.title.toLowerCase(), e.context.toLowerCase(), e.strong.toLowerCase(),
            e.weak.toLowerCase(), e.kind === "s" ? partyName(e).toLowerCase() : ""];
  });

  // A part's texts replace the pages' beginnings, from row `first` on.
  var partCount = +window.HANDBOOK_SEARCH_PARTS || 0, partsLoaded = 0, partsStarted = false;
  window.HANDBOOK_SEARCH_PART = function (first, texts) {
    for (var k = 0; k < texts.length; k++) {
      var e = entries[first + k];
      if (!e || typeof texts[k] !== "string") continue;
      e.weak = texts[k];
      lowered[first + k][3] = texts[k].toLowerCase();
    }
  };
  function loadParts() {
    if (partsStarted || !partCount) return;
    partsStarted = true;
    (function next(number) {
      if (number >= partCount) return;
      var script = document.createElement("script");
      script.src = root + "assets/search-text-" + number + ".js";
      script.onload = script.onerror = function () {
        partsLoaded = number + 1;
        // Not under a reader moving through the results: the list stays until they type again.
        if (!list.contains(document.activeElement)) render(input.value);
        next(number + 1);
      };
      document.body.appendChild(script);
    })(0);
  }

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
      else if (fields[4].indexOf(t) >= 0) s = 3;
      else if (fields[3].indexOf(t) >= 0) s = 2;
      if (!s) return 0;
      total += s;
    }
    return total;
  }

  // Every match, best first, and the words to mark in them.
  function search(query) {
    var q = query.trim().toLowerCase();
    if (!q) return { found: [], marks: [] };
    var terms = q.split(/\s+/), found = [];
    for (var i = 0; i < entries.length; i++) {
      var s = score(lowered[i], terms);
      if (s) found.push([s, i]);
    }
    var marks = terms;
    if (!found.length) {
      var grams = bigrams(q);
      marks = grams;
      for (var j = 0; j < entries.length; j++) {
        var all = lowered[j].join(" "), hit = 0;
        for (var g = 0; g < grams.length; g++) if (all.indexOf(grams[g]) >= 0) hit++;
        if (grams.length && hit / grams.length >= 0.6) found.push([hit / grams.length + (lowered[j][0].indexOf(grams[0]) >= 0 ? 1 : 0), j]);
      }
    }
    found.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return { found: found.map(function (f) { return f[1]; }), marks: marks };
  }

  // `text` into `parent` as text nodes, each occurrence of a mark inside <mark>.
  function appendMarked(parent, text, marks) {
    var lower = text.toLowerCase(), at = 0;
    while (at < text.length) {
      var best = -1, length = 0;
      for (var i = 0; i < marks.length; i++) {
        var k = marks[i] ? lower.indexOf(marks[i], at) : -1;
        if (k >= 0 && (best < 0 || k < best || (k === best && marks[i].length > length))) { best = k; length = marks[i].length; }
      }
      if (best < 0) break;
      if (best > at) parent.appendChild(document.createTextNode(text.slice(at, best)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(best, best + length);
      parent.appendChild(mark);
      at = best + length;
    }
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // About 120 characters of the text that holds a match, around its first match.
  function snippet(e, marks) {
    var texts = [e.strong, e.weak].filter(Boolean);
    for (var i = 0; i < texts.length; i++) {
      var lower = texts[i].toLowerCase();
      for (var m = 0; m < marks.length; m++) {
        var k = marks[m] ? lower.indexOf(marks[m]) : -1;
        if (k < 0) continue;
        var start = Math.max(0, k - 30), end = Math.min(texts[i].length, start + 120);
        return (start > 0 ? "…" : "") + texts[i].slice(start, end) + (end < texts[i].length ? "…" : "");
      }
    }
    var text = texts[0] || "";
    return text.length > 120 ? text.slice(0, 120) + "…" : text;
  }

  function selectedKind() {
    var checked = form.querySelector("input[name=kind]:checked");
    return checked ? checked.value : "";
  }

  function updateKinds(found) {
    if (!kindsBox) return;
    var counts = { "": found.length };
    found.forEach(function (i) { counts[entries[i].kind] = (counts[entries[i].kind] || 0) + 1; });
    Array.prototype.forEach.call(kindsBox.querySelectorAll("input[name=kind]"), function (radio) {
      var count = radio.parentNode.querySelector(".count");
      // The number alone: the stylesheet puts every `.count` in brackets (it read "((12))").
      if (count) count.textContent = String(counts[radio.value] || 0);
    });
    kindsBox.hidden = !found.length;
  }

  function address(query, kind, shown) {
    return "?q=" + encodeURIComponent(query) + (kind ? "&kind=" + encodeURIComponent(kind) : "") +
      (shown > PAGE ? "&n=" + shown : "");
  }

  function item(e, marks) {
    var li = document.createElement("li");
    var badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = kinds[e.kind] || e.kind;
    li.appendChild(badge);
    li.appendChild(document.createTextNode(" "));
    var a = document.createElement("a");
    a.href = root + e.url;
    appendMarked(a, e.title, marks);
    li.appendChild(a);
    if (e.context) {
      var context = document.createElement("span");
      context.className = "small";
      context.appendChild(document.createTextNode(" · "));
      appendMarked(context, e.context, marks);
      li.appendChild(context);
    }
    var party = e.kind === "s" ? partyName(e) : "";
    if (party) {
      var who = document.createElement("p");
      who.className = "small party";
      who.appendChild(document.createTextNode(words.responsible || ""));
      appendMarked(who, party, marks);
      li.appendChild(who);
    }
    if (e.kind === "r" && e.steps) {
      var duties = document.createElement("p");
      duties.className = "small";
      duties.textContent = (words.roleSteps || "{n}").replace("{n}", e.steps);
      li.appendChild(duties);
    }
    var text = snippet(e, marks);
    if (text) {
      var p = document.createElement("p");
      p.className = "small snippet";
      appendMarked(p, text, marks);
      li.appendChild(p);
    }
    return li;
  }

  var shown = PAGE;
  function render(query) {
    list.textContent = "";
    var result = search(query), kind = selectedKind();
    updateKinds(result.found);
    var found = kind ? result.found.filter(function (i) { return entries[i].kind === kind; }) : result.found;
    if (moreLink) moreLink.hidden = true;
    if (!query.trim()) { status.textContent = ""; return; }
    loadParts();
    var loading = partsLoaded < partCount;
    var count = found.length ? (words.count || "").replace("{n}", found.length) : loading ? "" : (words.none || "");
    if (found.length > shown) count += (words.shown || "").replace("{n}", shown);
    if (loading) count += (words.loading || "").replace("{n}", partsLoaded).replace("{total}", partCount);
    status.textContent = count;
    found.slice(0, shown).forEach(function (i) { list.appendChild(item(entries[i], result.marks)); });
    if (moreLink && found.length > shown) {
      moreLink.hidden = false;
      moreLink.textContent = (words.more || "{n}").replace("{n}", Math.min(PAGE, found.length - shown))
        .replace("{rest}", found.length - shown);
      moreLink.href = address(query, kind, shown + PAGE);
    }
  }

  function remember() {
    if (window.history && window.history.replaceState) {
      try { window.history.replaceState(null, "", address(input.value, selectedKind(), shown)); } catch (e) { /* file:// may refuse */ }
    }
  }

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  var initialKind = params.get("kind") || "";
  var radio = form.querySelector("input[name=kind][value='" + initialKind.replace(/[^a-z]/g, "") + "']");
  if (radio) radio.checked = true;
  shown = Math.max(PAGE, parseInt(params.get("n"), 10) || PAGE);
  render(input.value);
  input.addEventListener("input", function () { shown = PAGE; render(input.value); remember(); });
  if (kindsBox) kindsBox.addEventListener("change", function () { shown = PAGE; render(input.value); remember(); });
  if (moreLink) moreLink.addEventListener("click", function (event) {
    event.preventDefault();
    var first = shown;
    shown += PAGE;
    render(input.value);
    remember();
    // Keyboard and screen-reader users go on from the first new result, not from the end.
    var next = list.children[first] && list.children[first].querySelector("a");
    if (next) next.focus();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); shown = PAGE; render(input.value); remember(); });
})();
