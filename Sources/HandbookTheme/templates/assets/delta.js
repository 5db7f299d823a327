// A role's retraining sheet: shows the steps that changed since a chosen day, not only in the
// latest versions. Each row says the day of the version it last changed in (data-delta-day,
// YYYY-MM-DD); rows of the latest versions carry data-delta-latest. Progressive: without this
// script the form stays hidden and the sheet shows (and prints) the latest versions' steps.
// `?since=2026-05-01` in the address presets the day, and choosing one puts it there, so that
// the page can be bookmarked (from file:// too).
(function () {
  "use strict";
  var form = document.querySelector("form[data-delta-filter]");
  if (!form) return;
  var input = form.querySelector("[data-delta-since]");
  var status = form.querySelector("[data-delta-status]");
  var heading = document.querySelector("[data-delta-heading]");
  var intro = document.querySelector("[data-delta-intro]");
  var none = document.querySelector("[data-delta-none]");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-delta-day]"));
  var groups = [];
  rows.forEach(function (row) {
    var group = row.closest("tbody");
    if (group && groups.indexOf(group) < 0) groups.push(group);
  });
  var texts = { intro: intro && intro.textContent, none: none && none.textContent };
  var day = /^\d{4}-\d{2}-\d{2}$/;

  function apply(remember) {
    var since = day.test(input.value) ? input.value : "";
    var shown = 0;
    rows.forEach(function (row) {
      var ok = since ? row.getAttribute("data-delta-day") >= since : row.hasAttribute("data-delta-latest");
      row.classList.toggle("delta-hide", !ok);
      if (ok) shown++;
    });
    groups.forEach(function (group) {
      group.classList.toggle("delta-hide", Array.prototype.every.call(group.querySelectorAll("tr[data-delta-day]"),
        function (row) { return row.classList.contains("delta-hide"); }));
    });
    // The chosen day heads the sheet, printed with it.
    if (heading) {
      heading.textContent = since ? heading.getAttribute("data-delta-heading").replace("{date}", since) : "";
      heading.hidden = !since;
    }
    if (intro) intro.textContent = since ? intro.getAttribute("data-delta-intro") : texts.intro;
    if (none) {
      none.textContent = since ? none.getAttribute("data-delta-none").replace("{date}", since) : texts.none;
      none.hidden = shown > 0;
    }
    if (status) {
      status.textContent = (form.getAttribute("data-filter-count") || "{shown} / {total}")
        .replace("{shown}", shown).replace("{total}", rows.length);
    }
    if (remember) {
      // The address keeps the choice (a page from file:// may refuse: the sheet still works).
      try {
        var url = new URL(window.location.href);
        if (since) url.searchParams.set("since", since);
        else url.searchParams.delete("since");
        window.history.replaceState(null, "", url.href);
      } catch (error) { /* kept on the page only */ }
    }
  }

  var preset = new URLSearchParams(window.location.search).get("since");
  if (preset && day.test(preset)) input.value = preset;
  ["input", "change"].forEach(function (kind) { input.addEventListener(kind, function () { apply(true); }); });
  form.querySelector("[data-delta-reset]").addEventListener("click", function () {
    input.value = "";
    apply(true);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  form.hidden = false;
  apply(false);
})();
