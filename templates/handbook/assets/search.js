// Offline search over the prebuilt index (assets/search-index.js), case- and
// diacritics-insensitive. Results are built with textContent: index text is
// data, never markup.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  var index = window.QMS_SEARCH || [];
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  if (input && list) {
    input.form.addEventListener("submit", function (event) { event.preventDefault(); });
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      while (list.firstChild) list.removeChild(list.firstChild);
      if (words.length === 0) { list.hidden = true; return; }
      var phrase = words.join(" ");
      var hits = [];
      for (var i = 0; i < index.length; i++) {
        var entry = index[i];
        if (!words.every(function (w) { return entry.text.indexOf(w) >= 0; })) continue;
        var title = fold(entry.title);
        var score = (title.indexOf(phrase) >= 0 ? 20 : 0) + (entry.text.indexOf(phrase) >= 0 ? 5 : 0);
        words.forEach(function (w) { if (title.indexOf(w) >= 0) score += 3; });
        hits.push({ entry: entry, score: score });
      }
      hits.sort(function (a, b) { return b.score - a.score; });
      if (hits.length === 0) {
        var none = document.createElement("li");
        none.textContent = input.getAttribute("data-no-results") || "";
        list.appendChild(none);
      }
      hits.slice(0, 20).forEach(function (hit) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = hit.entry.url;
        var id = document.createElement("span");
        id.className = "id";
        id.textContent = hit.entry.id;
        link.appendChild(id);
        link.appendChild(document.createTextNode(hit.entry.title));
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = false;
    });
  }
  // The register's filters by type and unit.
  var rows = document.querySelectorAll("#register tbody tr");
  var type = document.getElementById("filter-type");
  var unit = document.getElementById("filter-unit");
  function filter() {
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var show = (!type.value || row.getAttribute("data-type") === type.value) && (!unit.value || row.getAttribute("data-unit") === unit.value);
      row.hidden = !show;
    }
  }
  if (type && unit) { type.addEventListener("change", filter); unit.addEventListener("change", filter); }
})();
