(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.hidden = false;
  var rows = document.querySelectorAll("tr[data-o]");
  var files = document.querySelectorAll("section.file");
  var texts = null;
  var timer = 0;
  function apply() {
    var lang = form.elements.lang.value;
    var origin = form.elements.origin.value;
    var review = form.elements.review.checked;
    var q = form.elements.q.value.trim().toLowerCase();
    if (q && !texts) {
      texts = [];
      for (var k = 0; k < rows.length; k++) { texts.push(rows[k].textContent.toLowerCase()); }
    }
    if (lang) { document.body.setAttribute("data-show", lang); } else { document.body.removeAttribute("data-show"); }
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = !review || r.classList.contains("rv");
      if (ok && origin) {
        var os = r.getAttribute("data-o").split(" ");
        ok = false;
        for (var j = 0; j < os.length; j++) {
          var p = os[j].split(":");
          if (p[1] === origin && (!lang || p[0] === lang)) { ok = true; break; }
        }
      }
      if (ok && q) { ok = texts[i].indexOf(q) >= 0; }
      r.hidden = !ok;
      if (ok) { shown++; }
    }
    for (var f = 0; f < files.length; f++) {
      files[f].hidden = files[f].querySelector("tr[data-o]:not([hidden])") === null;
    }
    document.getElementById("shown").textContent = shown + " / " + rows.length + " segments shown";
  }
  form.addEventListener("change", apply);
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 150); });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  document.getElementById("shown").textContent = rows.length + " / " + rows.length + " segments shown";
})();
