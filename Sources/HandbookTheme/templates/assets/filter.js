// Narrows long tables to a role or a process, driven by data attributes (see README, "Narrowing
// a page"). Progressive enhancement: the form is `hidden` until this script shows it, so
// without JavaScript every row is shown.
//
//   <form data-filter-for="ID ID…" data-filter-count="{shown} / {total}" hidden>
//     <select data-filter="roles">…</select>   exact: the item's data-roles holds the value (or *)
//     <input data-filter="process">            a key of the item's data-process, or text of its label
//     <span data-filter-status></span>
//   </form>
//   items: rows of those tables (or elements marked data-filter-item inside those elements)
//   carrying a data-roles or data-process attribute (or inside one that does); an item
//   without the attribute of a control is not narrowed by it.
//   A tbody whose items are all hidden is hidden too. Labels: [data-filter-label] in the
//   item, else in its tbody, else that of an item with the same data-process. `?roles=…&process=…` in the page's address presets the controls.
//   Load it after its form; before the tables, a preset menu narrows them before their first layout.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-filter-for]");
  var params = new URLSearchParams(window.location.search);

  // Loaded right after its form, before the tables: a preset menu's choice becomes a style
  // rule at once, so that a long table is laid out narrowed, not whole and then again
  // narrowed (on a 1,573-row department page opened with ?roles=, that second layout was
  // half the load). The rule goes once the rows carry their own `hidden`.
  var early = [];
  Array.prototype.forEach.call(forms, function (form) {
    Array.prototype.forEach.call(form.querySelectorAll("select[data-filter]"), function (control) {
      var key = CSS.escape("data-" + control.getAttribute("data-filter")), value = params.get(control.getAttribute("data-filter"));
      if (!value) return;
      form.getAttribute("data-filter-for").split(/\s+/).forEach(function (id) {
        early.push("#" + CSS.escape(id) + " [" + key + "]:not([" + key + "~=\"" + CSS.escape(value) + "\"]):not([" + key + "~=\"*\"]) { display: none; }");
      });
    });
  });
  var earlyStyle = null;
  if (early.length) {
    earlyStyle = document.createElement("style");
    earlyStyle.textContent = early.join("\n");
    document.head.appendChild(earlyStyle);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  function start() {
    var forms = document.querySelectorAll("form[data-filter-for]");
    function tokens(element, key) {
      var holder = element.closest("[data-" + key + "]");
      return holder ? holder.getAttribute("data-" + key).split(/\s+/) : null;
    }

    function label(element) {
      var own = element.querySelector("[data-filter-label]");
      var group = own || (element.closest("tbody") || element).querySelector("[data-filter-label]");
      return group ? group.textContent.toLowerCase() : "";
    }

    Array.prototype.forEach.call(forms, function (form) {
      var tables = form.getAttribute("data-filter-for").split(/\s+/)
        .map(function (id) { return document.getElementById(id); })
        .filter(Boolean);
      var controls = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));
      var status = form.querySelector("[data-filter-status]");
      var items = [];
      tables.forEach(function (table) {
        // Table rows, or whole blocks marked data-filter-item (a role page's process groups).
        Array.prototype.forEach.call(table.querySelectorAll("tbody tr, [data-filter-item]"), function (row) {
          if (row.classList.contains("group")) return;
          var entry = { row: row, label: label(row), keys: {} };
          controls.forEach(function (control) {
            var key = control.getAttribute("data-filter");
            entry.keys[key] = tokens(row, key);
          });
          items.push(entry);
        });
      });
      if (!items.length) return;
      // A row without a label of its own (a hand-over) takes that of its process's rows.
      var labels = {};
      items.forEach(function (entry) {
        var process = tokens(entry.row, "process");
        if (process && entry.label) labels[process[0]] = entry.label;
      });
      items.forEach(function (entry) {
        var process = tokens(entry.row, "process");
        if (!entry.label && process) entry.label = labels[process[0]] || "";
      });

      function matches(entry, control) {
        var value = control.value.trim();
        if (!value) return true;
        var keys = entry.keys[control.getAttribute("data-filter")];
        if (!keys) return true;
        if (keys.indexOf(value) >= 0 || keys.indexOf("*") >= 0) return true;
        // A typed text also finds the item by its label (a process's title).
        return control.tagName === "INPUT" && entry.label.indexOf(value.toLowerCase()) >= 0;
      }

      function apply() {
        var shown = 0, groups = new Set();
        items.forEach(function (entry) {
          var ok = controls.every(function (control) { return matches(entry, control); });
          entry.row.hidden = !ok;
          if (ok) shown++;
          var group = entry.row.closest("tbody");
          if (group) groups.add(group);
        });
        groups.forEach(function (group) {
          var rows = group.querySelectorAll("tr:not(.group)");
          group.hidden = Array.prototype.every.call(rows, function (row) { return row.hidden; });
        });
        if (status) {
          status.textContent = (form.getAttribute("data-filter-count") || "{shown} / {total}")
            .replace("{shown}", shown).replace("{total}", items.length);
        }
      }

      controls.forEach(function (control) {
        var preset = params.get(control.getAttribute("data-filter"));
        if (preset !== null) control.value = preset;
        control.addEventListener(control.tagName === "SELECT" ? "change" : "input", apply);
      });
      form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
      form.hidden = false;
      apply();
    });
    if (earlyStyle) earlyStyle.remove();
  }
})();
