(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var bar = document.getElementById("review");
  form.hidden = false;
  bar.hidden = false;
  var body = document.body;
  var rows = document.querySelectorAll("tr[data-o]");
  var files = document.querySelectorAll("section.file");
  var langs = [];
  for (var o = 1; o < form.elements.lang.options.length; o++) { langs.push(form.elements.lang.options[o].textContent); }
  var from = body.getAttribute("data-from");
  var storeKey = "relais:review:" + body.getAttribute("data-batch");
  var generated = body.getAttribute("data-generated") || "";
  var status = document.getElementById("status");
  var texts = null;
  var timer = 0;

  // ---- review state: edits by "rowID|langIndex" ----
  // An edit is {runs, st ("reviewed" when confirmed, "translated" when only
  // edited), at (ISO time), src (the source's text, to apply it only to the
  // same source)}. Runs are strings and codes ({i: ID, k: kind}).
  var edits = {};
  var session = {};
  var undos = [];
  var originals = {};
  var current = null; // the active draft cell
  var reviewer = "";
  var stored = null;
  try { stored = JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (e) { stored = null; }

  function keyOf(cell) { return cell.parentNode.id + "|" + cell.className.match(/\bl(\d+)/)[1]; }
  function cellOf(key) {
    var p = key.split("|");
    var row = document.getElementById(p[0]);
    return row ? row.cells[2 + Number(p[1])] : null;
  }
  // targetOf returns the element holding a draft cell's target: what
  // follows the origin badge up to the memory match or the findings, put
  // into a span the first time it is asked for.
  function targetOf(cell) {
    var tg = cell.querySelector(".tg");
    if (tg) { return tg; }
    tg = document.createElement("span");
    tg.className = "tg";
    var badge = cell.firstElementChild;
    var n = badge.nextSibling;
    while (n && !(n.nodeType === 1 && (n.nodeName === "DIV" || n.nodeName === "UL"))) {
      var next = n.nextSibling;
      if (!next && n.nodeType === 3 && /\n$/.test(n.data)) {
        // The line break of the page's markup ends the cell, not the target.
        next = n.splitText(n.data.length - 1);
        tg.appendChild(n);
        n = next;
        break;
      }
      tg.appendChild(n);
      n = next;
    }
    cell.insertBefore(tg, n);
    return tg;
  }
  function sourceOf(cell) { return cell.parentNode.cells[1]; }
  function say(msg) { status.textContent = msg; }

  // readRuns returns the runs of el's content; with from set, of el's
  // children from that one up to the first <div> or <ul> (a draft cell's
  // target, before its memory match and findings).
  function readRuns(el, from) {
    var out = [];
    function text(s) {
      if (!s) { return; }
      if (out.length && typeof out[out.length - 1] === "string") { out[out.length - 1] += s; } else { out.push(s); }
    }
    function node(c) {
      if (c.nodeType === 3) { text(c.data); } else if (c.nodeName === "KBD") { out.push(codeOf(c)); } else if (c.nodeName !== "BR" && c.nodeType === 1) { walk(c); }
    }
    function walk(n) { for (var c = n.firstChild; c; c = c.nextSibling) { node(c); } }
    if (!from) { walk(el); return out; }
    for (var c = from; c && !(c.nodeType === 1 && (c.nodeName === "DIV" || c.nodeName === "UL")); c = c.nextSibling) { node(c); }
    return out;
  }
  // draftRuns returns the runs of a draft cell's target, as readRuns does,
  // without making its span (the export reads every draft).
  function draftRuns(cell) {
    var tg = cell.querySelector(".tg");
    if (tg) { return readRuns(tg); }
    var runs = readRuns(cell, cell.firstElementChild.nextSibling);
    var last = runs[runs.length - 1];
    if (typeof last === "string" && /\n$/.test(last)) {
      if (last.length > 1) { runs[runs.length - 1] = last.slice(0, -1); } else { runs.pop(); }
    }
    return runs;
  }
  // codeOf returns the kind and ID of a code's <kbd> (data-c="o1").
  function codeOf(k) { var c = k.getAttribute("data-c") || "s"; return {k: c.charAt(0), i: c.slice(1)}; }
  function chipSel(code) { return 'kbd[data-c="' + CSS.escape(code.k + code.i) + '"]'; }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function chipFor(cell, code) {
    var sel = chipSel(code);
    var k = sourceOf(cell).querySelector(sel) || targetOf(cell).querySelector(sel);
    if (!k) { k = document.createElement("kbd"); k.setAttribute("data-c", code.k + code.i); k.textContent = "{" + code.i + "}"; }
    return k.cloneNode(true);
  }
  function prepareChip(k) {
    k.contentEditable = "false";
    k.tabIndex = 0;
    k.draggable = true;
    k.setAttribute("aria-label", "code " + k.textContent + " (Alt+←/→ moves it, Delete twice removes it)");
  }
  function render(cell, runs) {
    var tg = targetOf(cell);
    var chips = [];
    for (var i = 0; i < runs.length; i++) { if (typeof runs[i] !== "string") { chips.push(chipFor(cell, runs[i])); } }
    tg.textContent = "";
    var n = 0;
    for (var j = 0; j < runs.length; j++) {
      if (typeof runs[j] === "string") { tg.appendChild(document.createTextNode(runs[j])); } else { var k = chips[n++]; if (tg.isContentEditable) { prepareChip(k); } tg.appendChild(k); }
    }
  }
  function original(cell) {
    var key = keyOf(cell);
    if (!(key in originals)) { originals[key] = readRuns(targetOf(cell)); }
    return originals[key];
  }
  function mark(cell) {
    var e = edits[keyOf(cell)];
    cell.classList.toggle("ok", !!e && e.st === "reviewed");
    cell.classList.toggle("ed", !!e && e.st === "translated");
  }

  function save() {
    try {
      localStorage.setItem(storeKey, JSON.stringify({generated: generated, saved: new Date().toISOString(), reviewer: reviewer, edits: edits}));
    } catch (e) { say("The edits could not be stored in this browser: " + e.message + ". Export them now."); }
  }

  // ---- activation and editing ----
  function activate(cell, focus) {
    if (current && current !== cell) { current.classList.remove("cur"); }
    current = cell;
    cell.classList.add("cur");
    var tg = targetOf(cell);
    if (!tg.isContentEditable) {
      original(cell);
      // Only text and codes are edited: the marks of terms go (the browser
      // would carry their style into what is typed next to them).
      render(cell, readRuns(tg));
      tg.contentEditable = "true";
      tg.spellcheck = true;
      tg.setAttribute("role", "textbox");
      tg.setAttribute("aria-label", langs[Number(cell.className.match(/\bl(\d+)/)[1])] + " translation of segment " + cell.parentNode.cells[0].firstChild.textContent);
      var ks = tg.querySelectorAll("kbd");
      for (var i = 0; i < ks.length; i++) { prepareChip(ks[i]); }
      tg.addEventListener("beforeinput", beforeInput);
      tg.addEventListener("input", onInput);
      tg.addEventListener("paste", onPaste);
      tg.addEventListener("keydown", chipKey);
      tg.addEventListener("dragstart", dragStart);
      tg.addEventListener("dragover", function (e) { if (dragged) { e.preventDefault(); } });
      tg.addEventListener("drop", drop);
    }
    if (focus) {
      tg.focus({preventScroll: true});
      var r = document.createRange();
      r.selectNodeContents(tg);
      r.collapse(false);
      var sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
      cell.scrollIntoView({block: "nearest"});
    }
    tg.dataset.fresh = "1";
  }

  function remember(key) {
    undos.push({key: key, prev: edits[key] ? JSON.parse(JSON.stringify(edits[key])) : null});
    if (undos.length > 200) { undos.shift(); }
  }

  function record(cell, st) {
    var key = keyOf(cell);
    var runs = readRuns(targetOf(cell));
    if (st === "translated" && same(runs, original(cell)) && !(edits[key] && edits[key].st === "reviewed")) {
      delete edits[key];
    } else {
      edits[key] = {runs: runs, st: st, at: new Date().toISOString(), src: sourceOf(cell).textContent};
    }
    session[keyOf(cell)] = true;
    mark(cell);
    save();
    progress(cell.closest("section"));
  }

  function onInput(e) {
    var cell = e.currentTarget.closest("td");
    var tg = targetOf(cell);
    if (tg.dataset.fresh) { delete tg.dataset.fresh; remember(keyOf(cell)); }
    record(cell, "translated");
    recheck(cell);
  }

  function onPaste(e) {
    e.preventDefault();
    var t = (e.clipboardData || {getData: function () { return ""; }}).getData("text/plain").replace(/[\r\n]+/g, " ");
    document.execCommand("insertText", false, t);
  }

  // A deletion that would take a code away asks first: the first press arms
  // the code, the second deletes it.
  function beforeInput(e) {
    if (e.inputType === "insertParagraph" || e.inputType === "insertLineBreak") { e.preventDefault(); return; }
    if (e.inputType.indexOf("delete") !== 0) { return; }
    var tg = e.currentTarget;
    var ranges = e.getTargetRanges();
    var hit = [];
    var ks = tg.querySelectorAll("kbd");
    for (var i = 0; i < ranges.length; i++) {
      var r = document.createRange();
      r.setStart(ranges[i].startContainer, ranges[i].startOffset);
      r.setEnd(ranges[i].endContainer, ranges[i].endOffset);
      for (var j = 0; j < ks.length; j++) { if (r.intersectsNode(ks[j]) && !(r.collapsed)) { hit.push(ks[j]); } }
    }
    if (!hit.length) { return; }
    var armed = hit.every(function (k) { return k.classList.contains("arm"); });
    if (armed) { return; }
    e.preventDefault();
    hit.forEach(function (k) { k.classList.add("arm"); });
    say("Delete again to remove the code " + hit.map(function (k) { return k.textContent; }).join(" ") + ": the merge will not have it, and the export warns about it.");
  }

  function moveChip(k, dir) {
    var tg = k.parentNode;
    var cell = tg.closest("td");
    if (tg.dataset.fresh) { delete tg.dataset.fresh; remember(keyOf(cell)); }
    // Move past the next (or previous) word or code.
    var sib = dir > 0 ? k.nextSibling : k.previousSibling;
    if (!sib) { return; }
    if (sib.nodeType === 3) {
      // The word next to the code, with the blank between them.
      var m = dir > 0 ? sib.data.match(/^\s*\S+/) : sib.data.match(/\S+\s*$/);
      var cut = dir > 0 ? (m ? m[0].length : sib.data.length) : (m ? sib.data.length - m[0].length : 0);
      tg.insertBefore(k, sib.splitText(cut));
    } else {
      tg.insertBefore(k, dir > 0 ? sib.nextSibling : sib);
    }
    tg.normalize();
    k.focus();
    record(cell, "translated");
    recheck(cell);
  }
  function chipKey(e) {
    var k = e.target;
    if (k.nodeName !== "KBD") { return; }
    if (e.altKey && (e.key === "ArrowRight" || e.key === "ArrowLeft")) { e.preventDefault(); e.stopPropagation(); moveChip(k, e.key === "ArrowRight" ? 1 : -1); return; }
    if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      if (!k.classList.contains("arm")) { k.classList.add("arm"); say("Delete again to remove the code " + k.textContent + ": the merge will not have it, and the export warns about it."); return; }
      var tg = k.parentNode;
      var cell = tg.closest("td");
      if (tg.dataset.fresh) { delete tg.dataset.fresh; remember(keyOf(cell)); }
      k.remove();
      tg.focus();
      record(cell, "translated");
      recheck(cell);
    }
  }
  var dragged = null;
  function dragStart(e) { if (e.target.nodeName === "KBD") { dragged = e.target; e.dataTransfer.setData("text/plain", ""); e.dataTransfer.effectAllowed = "move"; } }
  function drop(e) {
    if (!dragged) { return; }
    e.preventDefault();
    var tg = e.currentTarget;
    var k = dragged;
    dragged = null;
    if (k.parentNode !== tg) { return; } // a code moves within its segment only
    var r = document.caretRangeFromPoint(e.clientX, e.clientY);
    if (!r || !tg.contains(r.startContainer)) { return; }
    var cell = tg.closest("td");
    if (tg.dataset.fresh) { delete tg.dataset.fresh; remember(keyOf(cell)); }
    r.insertNode(k);
    tg.normalize();
    record(cell, "translated");
    recheck(cell);
  }

  // ---- in-page checks of a reviewer's target ----
  function numbers(s) { return (s.match(/\d+(?:[.,\u00a0\u202f ]\d+)*/g) || []).map(function (n) { return n.replace(/\D/g, ""); }); }
  function links(s) { return s.match(/\bhttps?:\/\/[^\s<>"]*[^\s<>".,;:!?)]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) || []; }
  function plain(runs) { return runs.filter(function (r) { return typeof r === "string"; }).join(""); }
  function recheck(cell) {
    var key = keyOf(cell);
    var ul = cell.querySelector("ul.live");
    if (!edits[key]) { if (ul) { ul.remove(); } return; }
    var runs = edits[key].runs;
    var src = readRuns(sourceOf(cell));
    var out = [];
    var want = {};
    src.forEach(function (r) { if (typeof r !== "string") { want[r.k + r.i] = (want[r.k + r.i] || 0) + 1; } });
    var open = [];
    runs.forEach(function (r) {
      if (typeof r === "string") { return; }
      if (want[r.k + r.i]) { want[r.k + r.i]--; } else { out.push("code {" + r.i + "} is not in the source"); }
      if (r.k === "o") { open.push(r.i); } else if (r.k === "c") {
        if (open.length && open[open.length - 1] === r.i) { open.pop(); } else { out.push("code {/" + r.i + "} closes what is not open before it"); }
      }
    });
    open.forEach(function (i) { out.push("code {" + i + "} is opened and not closed"); });
    Object.keys(want).forEach(function (k) {
      if (want[k] > 0) {
        var chip = sourceOf(cell).querySelector(chipSel({k: k.charAt(0), i: k.slice(1)}));
        out.push("code " + (chip ? chip.textContent : k) + " of the source is missing");
      }
    });
    var tn = numbers(plain(runs));
    numbers(plain(src)).forEach(function (n) {
      var at = tn.indexOf(n);
      if (at < 0) { out.push("number " + n + " of the source is missing"); } else { tn.splice(at, 1); }
    });
    var tt = plain(runs);
    links(plain(src)).forEach(function (u) { if (tt.indexOf(u) < 0) { out.push(u + " of the source is missing"); } });
    if (!out.length) { if (ul) { ul.remove(); } return; }
    if (!ul) { ul = document.createElement("ul"); ul.className = "f live"; cell.appendChild(ul); }
    ul.textContent = "";
    out.forEach(function (m) { var li = document.createElement("li"); li.className = "error"; li.textContent = "re-check: " + m; ul.appendChild(li); });
  }

  // ---- navigation ----
  function langIndex() {
    if (current) { return Number(current.className.match(/\bl(\d+)/)[1]); }
    var l = form.elements.lang.value;
    return l ? Number(l.slice(1)) : 0;
  }
  function visible(row) { return !row.hidden && !row.closest("section").hidden; }
  function rowIndex() {
    if (!current) { return -1; }
    return Array.prototype.indexOf.call(rows, current.parentNode);
  }
  var rowAt = -1; // the index of the current row, kept to avoid a search
  function go(dir, test) {
    var li = langIndex();
    var i = current && rows[rowAt] === current.parentNode ? rowAt : rowIndex();
    for (i += dir; i >= 0 && i < rows.length; i += dir) {
      var cell = rows[i].cells[2 + li];
      if (cell && visible(rows[i]) && (!test || test(cell))) {
        rowAt = i;
        activate(cell, true);
        return true;
      }
    }
    say(test ? "No segment needing review after this one." : "No segment " + (dir > 0 ? "after" : "before") + " this one.");
    return false;
  }
  function needsReview(cell) {
    var e = edits[keyOf(cell)];
    return (cell.classList.contains("rv") || cell.querySelector("ul.live")) && !(e && e.st === "reviewed");
  }
  function confirmAndGo() {
    if (!current) { go(1, needsReview); return; }
    var cell = current;
    remember(keyOf(cell));
    record(cell, "reviewed");
    recheck(cell);
    delete targetOf(cell).dataset.fresh;
    go(1, needsReview);
  }
  function undo() {
    var u = undos.pop();
    if (!u) { say("Nothing to undo."); return; }
    var cell = cellOf(u.key);
    if (!cell) { return; }
    if (u.prev) { edits[u.key] = u.prev; render(cell, u.prev.runs); } else { delete edits[u.key]; render(cell, original(cell)); }
    mark(cell);
    save();
    recheck(cell);
    progress(cell.closest("section"));
    activate(cell, true);
    say("Undone.");
  }

  // ---- progress per file and language ----
  function progress(section) {
    if (!section) { return; }
    var n = Number(section.getAttribute("data-n"));
    var p = section.querySelector("p.pg");
    if (!p) { p = document.createElement("p"); p.className = "pg meta"; section.querySelector("p.meta").after(p); }
    var counts = langs.map(function () { return [0, 0]; });
    var prefix = section.id + ".";
    Object.keys(edits).forEach(function (k) {
      if (k.indexOf(prefix) === 0) { var li = Number(k.split("|")[1]); counts[li][edits[k].st === "reviewed" ? 0 : 1]++; }
    });
    p.textContent = langs.map(function (l, i) { return l + ": " + counts[i][0] + " confirmed, " + counts[i][1] + " edited, " + (n - counts[i][0] - counts[i][1]) + " left"; }).join(" · ");
    total();
  }
  function total() {
    var counts = langs.map(function () { return [0, 0]; });
    Object.keys(edits).forEach(function (k) { counts[Number(k.split("|")[1])][edits[k].st === "reviewed" ? 0 : 1]++; });
    document.getElementById("progress").textContent = langs.map(function (l, i) { return l + ": " + counts[i][0] + " confirmed, " + counts[i][1] + " edited, " + (rows.length - counts[i][0] - counts[i][1]) + " left"; }).join(" · ");
  }

  // ---- stored edits ----
  function restore(all) {
    var skipped = 0;
    Object.keys(all).forEach(function (key) {
      var cell = cellOf(key);
      var e = all[key];
      if (!cell || sourceOf(cell).textContent !== e.src) { skipped++; return; }
      original(cell);
      edits[key] = e;
      render(cell, e.runs);
      mark(cell);
      recheck(cell);
    });
    return skipped;
  }
  // pending returns the stored edits of another batch's page that this page
  // does not hold yet: not those whose source changed, nor those its drafts
  // already have (an edit whose text the draft is; a confirmation whose
  // draft came from the memory in context, where relais review import put
  // it).
  function pending(all) {
    var out = {};
    Object.keys(all).forEach(function (key) {
      var cell = cellOf(key);
      var e = all[key];
      if (!cell || sourceOf(cell).textContent !== e.src) { return; }
      var li = key.split("|")[1];
      var ice = (" " + cell.parentNode.getAttribute("data-o") + " ").indexOf(" l" + li + ":ice ") >= 0;
      if (cell.querySelector("b.none") === null && same(draftRuns(cell), e.runs) && (e.st !== "reviewed" || ice)) { return; }
      out[key] = e;
    });
    return out;
  }
  if (stored && stored.edits) {
    reviewer = stored.reviewer || "";
    if (stored.generated === generated) {
      restore(stored.edits);
    } else {
      var left = pending(stored.edits);
      if (Object.keys(left).length === 0) {
        save(); // nothing left to offer: the record is this page's now
      } else {
        stored.edits = left;
        var banner = document.getElementById("stored");
        document.getElementById("stored-text").textContent = Object.keys(stored.edits).length + " edit(s) stored in this browser on " + (stored.saved || "").slice(0, 16).replace("T", " ") +
          " were made on the page of another batch (generated " + stored.generated + "; this one " + generated + "). Keep them where the source is the same, or discard them.";
        banner.hidden = false;
        document.getElementById("stored-keep").addEventListener("click", function () {
          var skipped = restore(stored.edits);
          banner.hidden = true;
          save();
          for (var f = 0; f < files.length; f++) { progress(files[f]); }
          say("Stored edits kept" + (skipped ? "; " + skipped + " left out, their source changed." : "."));
        });
        document.getElementById("stored-drop").addEventListener("click", function () { banner.hidden = true; save(); say("Stored edits discarded."); });
      }
    }
  }
  bar.elements.reviewer.value = reviewer;
  bar.elements.reviewer.addEventListener("input", function () { reviewer = bar.elements.reviewer.value; save(); });

  // ---- export: one XLIFF 2.0 file per target language ----
  function xmlText(s) {
    return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "$1")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
  }
  function xmlAttr(s) { return xmlText(s).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;"); }
  function attr(name, v) { return v ? " " + name + '="' + xmlAttr(v) + '"' : ""; }

  // unitWriter writes the sides of one unit's segments; chip finds a code's
  // <kbd> (its type, data and short form).
  function unitWriter(chip) {
    var data = [];
    var dataIDs = {};
    function ref(k) {
      if (!k) { return ""; }
      var d = k.getAttribute("title") || "";
      if (d === "") { return ""; }
      if (!(d in dataIDs)) { data.push(d); dataIDs[d] = "d" + data.length; }
      return dataIDs[d];
    }
    function disp(k) { return k && !k.hasAttribute("data-nd") ? k.textContent : ""; }
    function typ(k) {
      var x = (k && k.getAttribute("data-x") || "").split(" ");
      return attr("type", x[0]) + attr("subType", x[1]);
    }
    // side writes runs; unpairedOpens and unpairedCloses are the IDs of the
    // codes open (or closed) without their partner in the unit's side.
    function side(runs, opens, closes) {
      var partner = {};
      var stack = [];
      runs.forEach(function (r, i) {
        if (typeof r === "string") { return; }
        if (r.k === "o") { stack.push(i); } else if (r.k === "c") {
          var top = stack.length ? stack[stack.length - 1] : -1;
          if (top >= 0 && runs[top].i === r.i) { partner[top] = i; partner[i] = top; stack.pop(); }
        }
      });
      var out = "";
      runs.forEach(function (r, i) {
        if (typeof r === "string") { out += xmlText(r); return; }
        var k = chip(r);
        if (r.k === "s") { out += "<ph" + attr("id", r.i) + typ(k) + attr("dataRef", ref(k)) + attr("disp", disp(k)) + "/>"; return; }
        if (i in partner) {
          if (r.k === "o") {
            var c = chip(runs[partner[i]]);
            out += "<pc" + attr("id", r.i) + typ(k) + attr("dataRefStart", ref(k)) + attr("dataRefEnd", ref(c)) + attr("dispStart", disp(k)) + attr("dispEnd", disp(c)) + ">";
          } else { out += "</pc>"; }
          return;
        }
        if (r.k === "o") {
          out += "<sc" + attr("id", r.i) + (closes[r.i] ? "" : ' isolated="yes"') + typ(k) + attr("dataRef", ref(k)) + attr("disp", disp(k)) + "/>";
        } else if (opens[r.i]) {
          out += "<ec" + attr("startRef", r.i) + attr("dataRef", ref(k)) + attr("disp", disp(k)) + "/>";
        } else {
          out += "<ec" + attr("id", r.i) + ' isolated="yes"' + typ(k) + attr("dataRef", ref(k)) + attr("disp", disp(k)) + "/>";
        }
      });
      return out;
    }
    // unpaired returns the IDs of the opens and closes without a partner in
    // their own segment, over the sides of a unit.
    function unpaired(sides) {
      var opens = {}, closes = {};
      sides.forEach(function (runs) {
        var stack = [];
        runs.forEach(function (r) {
          if (typeof r === "string") { return; }
          if (r.k === "o") { stack.push(r.i); } else if (r.k === "c") {
            if (stack.length && stack[stack.length - 1] === r.i) { stack.pop(); } else { closes[r.i] = true; }
          }
        });
        stack.forEach(function (i) { opens[i] = true; });
      });
      return {opens: opens, closes: closes};
    }
    return {side: side, unpaired: unpaired, data: function () { return data; }};
  }

  function exportLang(li) {
    var lang = langs[li];
    var now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    var who = reviewer.trim() || "a reviewer";
    var out = '<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"' + attr("srcLang", from) + attr("trgLang", lang) + ">\n";
    var lost = [];
    var taken = 0;
    for (var f = 0; f < files.length; f++) {
      var sec = files[f];
      var trs = sec.querySelectorAll("tr[data-o]");
      out += '  <file id="' + sec.id + '"' + attr("original", sec.querySelector("h2").textContent) + ' xml:space="preserve">\n';
      var units = [];
      var byID = {};
      for (var r = 0; r < trs.length; r++) {
        var seg = trs[r].id.slice(sec.id.length + 1);
        var m = seg.match(/^(.*)s\d+$/);
        var uid = m && m[1] ? m[1] : seg;
        if (!byID[uid]) { byID[uid] = {id: uid, rows: []}; units.push(byID[uid]); }
        byID[uid].rows.push(trs[r]);
      }
      units.forEach(function (u) {
        var w = unitWriter(function (code) { return chipAt(u.rows, code); });
        var segs = u.rows.map(function (tr) {
          var cell = tr.cells[2 + li];
          var e = edits[tr.id + "|" + li];
          // A draft the reviewer left as it is goes out as it is, at state
          // initial: relais review import leaves it, relais diff sees it
          // unchanged.
          var tgt = e ? e.runs : cell.querySelector("b.none") ? null : draftRuns(cell);
          return {id: tr.id.slice(sec.id.length + 1), src: readRuns(tr.cells[1]), e: e, tgt: tgt};
        });
        var srcUn = w.unpaired(segs.map(function (s) { return s.src; }));
        var tgtUn = w.unpaired(segs.filter(function (s) { return s.tgt; }).map(function (s) { return s.tgt; }));
        var notes = "";
        var parts = "";
        segs.forEach(function (s) {
          var st = s.e ? s.e.st : "initial";
          parts += "      <segment" + attr("id", s.id) + ' state="' + st + '">\n        <source>' + w.side(s.src, srcUn.opens, srcUn.closes) + "</source>\n";
          if (s.tgt) { parts += "        <target>" + w.side(s.tgt, tgtUn.opens, tgtUn.closes) + "</target>\n"; }
          if (s.e) {
            taken++;
            notes += '        <note category="relais:review" appliesTo="target">' + xmlText(s.id + ": " + (st === "reviewed" ? "confirmed" : "edited") + " by " + who + ", " + s.e.at.replace(/\.\d+Z$/, "Z")) + "</note>\n";
            var want = s.src.filter(function (x) { return typeof x !== "string"; }).length;
            var have = s.e.runs.filter(function (x) { return typeof x !== "string"; }).length;
            if (have < want) { lost.push(sec.querySelector("h2").textContent + " " + s.id); }
          }
          parts += "      </segment>\n";
        });
        var data = w.data();
        out += "    <unit" + attr("id", u.id) + ">\n";
        if (notes) { out += "      <notes>\n" + notes + "      </notes>\n"; }
        if (data.length) {
          out += "      <originalData>\n";
          data.forEach(function (d, i) { out += '        <data id="d' + (i + 1) + '" xml:space="preserve">' + xmlText(d) + "</data>\n"; });
          out += "      </originalData>\n";
        }
        out += parts + "    </unit>\n";
      });
      out += "  </file>\n";
    }
    out += "</xliff>\n";
    return {xml: out, lost: lost, taken: taken, name: "reviewed-" + lang + ".xlf"};
  }
  function chipAt(rows, code) {
    var sel = chipSel(code);
    for (var i = 0; i < rows.length; i++) {
      var k = rows[i].cells[1].querySelector(sel);
      if (k) { return k; }
    }
    return null;
  }
  function exportAll() {
    var msgs = [];
    langs.forEach(function (l, li) {
      if (!Object.keys(edits).some(function (k) { return k.slice(k.lastIndexOf("|") + 1) === String(li); })) { return; }
      var x = exportLang(li);
      if (!x.taken) { return; }
      var a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([x.xml], {type: "application/xliff+xml"}));
      a.download = x.name;
      a.hidden = true;
      body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function (u) { URL.revokeObjectURL(u); }.bind(null, a.href), 60000);
      msgs.push(x.name + " (" + x.taken + " segment(s))" + (x.lost.length ? "; warning: codes deleted in " + x.lost.join(", ") : ""));
    });
    say(msgs.length ? "Exported " + msgs.join("; ") + ". Run relais review import on it." : "Nothing to export: no segment edited or confirmed.");
  }

  // ---- filters ----
  function apply() {
    var lang = form.elements.lang.value;
    var origin = form.elements.origin.value;
    var rule = form.elements.rule.value;
    var review = form.elements.review.checked;
    var edited = form.elements.edited.checked;
    var q = form.elements.q.value.trim().toLowerCase();
    if (q && !texts) {
      texts = [];
      for (var k = 0; k < rows.length; k++) { texts.push(rows[k].textContent.toLowerCase()); }
    }
    if (lang) { body.setAttribute("data-show", lang); } else { body.removeAttribute("data-show"); }
    var cols = lang ? [Number(lang.slice(1))] : langs.map(function (_, i) { return i; });
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = !review || cols.some(function (c) { return r.cells[2 + c] && needsReview(r.cells[2 + c]); });
      if (ok && origin) {
        var os = r.getAttribute("data-o").split(" ");
        ok = false;
        for (var j = 0; j < os.length; j++) {
          var p = os[j].split(":");
          if (p[1] === origin && (!lang || p[0] === lang)) { ok = true; break; }
        }
      }
      if (ok && rule) { ok = cols.some(function (c) { return r.cells[2 + c] && r.cells[2 + c].querySelector('li[data-rule="' + CSS.escape(rule) + '"]'); }); }
      if (ok && edited) { ok = cols.some(function (c) { return session[r.id + "|" + c]; }); }
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
  bar.addEventListener("submit", function (e) { e.preventDefault(); });
  document.getElementById("shown").textContent = rows.length + " / " + rows.length + " segments shown";

  // ---- mouse and keyboard ----
  document.querySelector("main").addEventListener("click", function (e) {
    var cell = e.target.closest("td");
    if (!cell || !/\bl\d+\b/.test(cell.className) || e.target.closest(".tm, ul.f")) { return; }
    if (current !== cell || !targetOf(cell).isContentEditable) {
      rowAt = Array.prototype.indexOf.call(rows, cell.parentNode);
      activate(cell, !targetOf(cell).isContentEditable || !e.target.closest(".tg"));
    }
  });
  bar.elements.prev.addEventListener("click", function () { go(-1); });
  bar.elements.next.addEventListener("click", function () { go(1); });
  bar.elements.todo.addEventListener("click", function () { go(1, needsReview); });
  bar.elements.confirm.addEventListener("click", confirmAndGo);
  bar.elements.undo.addEventListener("click", undo);
  bar.elements.export.addEventListener("click", exportAll);
  document.addEventListener("keydown", function (e) {
    if (e.altKey && e.key === "ArrowDown") { e.preventDefault(); go(1); } else if (e.altKey && e.key === "ArrowUp") { e.preventDefault(); go(-1); } else if (e.altKey && e.code === "KeyN") { e.preventDefault(); go(1, needsReview); } else if ((e.ctrlKey || e.metaKey) && e.key === "Enter") { e.preventDefault(); confirmAndGo(); } else if (e.altKey && e.code === "KeyZ") { e.preventDefault(); undo(); }
  });
  total();
  var queue = Array.prototype.slice.call(files);
  (function later() {
    var t = performance.now();
    while (queue.length && performance.now() - t < 8) { progress(queue.shift()); }
    if (queue.length) { setTimeout(later, 16); }
  })();
})();
