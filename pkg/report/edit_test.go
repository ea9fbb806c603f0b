package report_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/finding"
	"github.com/relais-tm/relais/pkg/report"
)

// linked returns a content of text pieces and codes: a string is text, a
// *document.Code a code.
func linked(parts ...any) document.Content {
	var c document.Content
	for _, p := range parts {
		switch p := p.(type) {
		case string:
			c = append(c, document.Run{Text: p})
		case *document.Code:
			c = append(c, document.Run{Code: p})
		}
	}
	return c
}

// editBatch is a small batch with a draft of every origin: one with a
// link's codes, a number and a URL, one from memory needing no review, one
// with a finding, one untranslated.
func editBatch() *report.Batch {
	open := &document.Code{ID: "1", Kind: document.Open, Type: "link", Data: "[", Disp: "["}
	closing := &document.Code{ID: "1", Kind: document.Close, Type: "link", Data: "](https://x.org/a)", Disp: "](…)"}
	mt := document.Origin{Kind: document.FromMachine, Engine: "apertium"}
	draft := func(lang string, c document.Content, o document.Origin, fs ...finding.Finding) report.Draft {
		return report.Draft{Lang: lang, Target: c, Origin: o, State: document.Translated, Findings: fs}
	}
	none := report.Draft{Lang: "es", Origin: document.Origin{Kind: document.FromNone}}
	return &report.Batch{Generated: generated, From: "fr", Langs: []string{"en", "es"}, Files: []report.File{
		{Path: "a.md", Segments: []report.Segment{
			{ID: "b1s1", Source: linked("Voir ", open, "le site", closing, " du 12 mars sur https://x.org/b."),
				Drafts: []report.Draft{draft("en", linked("See ", open, "the site", closing, " of 12 March on https://x.org/b."), mt), none}},
			{ID: "b2s1", Source: linked("Bonjour."), Drafts: []report.Draft{
				draft("en", linked("Hello."), document.Origin{Kind: document.FromExact, Score: 100}),
				draft("es", linked("Hola."), document.Origin{Kind: document.FromInContext, Score: 101})}},
			{ID: "b3s1", Source: linked("Il y a 3 villes."), Drafts: []report.Draft{
				draft("en", linked("There are 4 cities."), document.Origin{Kind: document.FromFuzzy, Score: 90},
					finding.Finding{Rule: "number", Severity: finding.Error, Lang: "en", Segment: "b3s1", Message: "number 3 is 4"}),
				draft("es", linked("Hay 3 ciudades."), document.Origin{Kind: document.FromHuman})}},
		}},
		{Path: "b.md", Segments: []report.Segment{
			{ID: "b1s1", Source: linked("Fin."), Drafts: []report.Draft{draft("en", linked("End."), mt), none}},
		}},
	}}
}

// TestReviewPageEditing drives the review page's editor with the keyboard
// and the mouse: moving between segments, a code deleted only on the
// second press (and the export warning), the in-page re-check, undo, the
// filters, progress, stored edits from another batch; and checks what can
// be scripted of accessibility: a name on every control, headings in
// order, a visible focus, contrast of the origin badges.
func TestReviewPageEditing(t *testing.T) {
	br := startBrowser(t)
	page, _ := reportPage(t, editBatch())
	br.open(t, page)
	require.Empty(t, br.problems())
	active := func() string {
		var id string
		br.eval(t, `(() => { const c = document.activeElement.closest("td"); return c ? c.parentNode.id + " " + c.className.split(" ")[0] : ""; })()`, &id)
		return id
	}
	status := func() string {
		var s string
		br.eval(t, `document.getElementById("status").textContent`, &s)
		return s
	}
	count := func(sel string) int {
		var n int
		br.eval(t, `document.querySelectorAll(`+jsString(sel)+`).length`, &n)
		return n
	}

	// Moving: by keyboard from the first draft, the next needing review
	// skips the exact match.
	br.click(t, `tr[id="f1.b1s1"] td.l0`)
	assert.Equal(t, "f1.b1s1 l0", active())
	br.press(t, "ArrowDown", "ArrowDown", 40, modAlt)
	assert.Equal(t, "f1.b2s1 l0", active())
	br.press(t, "ArrowUp", "ArrowUp", 38, modAlt)
	assert.Equal(t, "f1.b1s1 l0", active())
	br.press(t, "n", "KeyN", 78, modAlt)
	assert.Equal(t, "f1.b3s1 l0", active(), "the exact match needs no review")
	br.click(t, `#review button[name=prev]`)
	assert.Equal(t, "f1.b2s1 l0", active(), "the buttons do what the keys do")

	// A code is deleted on the second press only, by Backspace in the
	// text or Delete on the code itself.
	first := `tr[id="f1.b1s1"] td.l0`
	br.click(t, first)
	br.eval(t, `(() => { const tg = document.activeElement; const k = tg.querySelector('kbd[data-c^="c"]'); const r = document.createRange();
		r.setStartAfter(k); r.collapse(true); getSelection().removeAllRanges(); getSelection().addRange(r); return 0; })()`, new(int))
	br.press(t, "Backspace", "Backspace", 8, 0)
	assert.Equal(t, 2, count(first+" .tg kbd"), "the first press only asks")
	assert.Contains(t, status(), "Delete again to remove the code ](…)")
	br.click(t, first+` .tg kbd[data-c^="o"]`)
	br.press(t, "Delete", "Delete", 46, 0)
	assert.Equal(t, 2, count(first+" .tg kbd"))
	br.press(t, "Delete", "Delete", 46, 0)
	assert.Equal(t, 1, count(first+" .tg kbd"), "the second press deletes")
	var live []string
	br.eval(t, `[...document.querySelectorAll(`+jsString(first+" ul.live li")+`)].map(l => l.textContent)`, &live)
	assert.Equal(t, []string{"re-check: code {/1} closes what is not open before it", "re-check: code [ of the source is missing"}, live)

	// The re-check finds the number and the URL missing too.
	br.click(t, first+" .tg")
	br.eval(t, `(() => { const tg = document.activeElement; const r = document.createRange(); r.selectNodeContents(tg);
		getSelection().removeAllRanges(); getSelection().addRange(r); return 0; })()`, new(int))
	br.typeText(t, "See it in March.")
	br.eval(t, `[...document.querySelectorAll(`+jsString(first+" ul.live li")+`)].map(l => l.textContent)`, &live)
	joined := strings.Join(live, "\n")
	assert.Contains(t, joined, "number 12 of the source is missing")
	assert.Contains(t, joined, "https://x.org/b of the source is missing")
	assert.Contains(t, joined, "code ](…) of the source is missing")

	// The export warns about the codes deleted.
	br.click(t, `#review button[name=export]`)
	assert.Contains(t, status(), "warning: codes deleted in a.md b1s1")

	// Undo brings back the draft as it was, codes and all.
	br.press(t, "z", "KeyZ", 90, modAlt)
	var text string
	br.eval(t, `document.querySelector(`+jsString(first+" .tg")+`).textContent`, &text)
	assert.Equal(t, "See [the site](…) of 12 March on https://x.org/b.", text)
	assert.Zero(t, count(first+" ul.live"), "nothing to re-check any more")

	// The mouse moves a code too: the link's opening dragged before "site".
	br.click(t, first+" .tg")
	var at struct{ X, Y float64 }
	br.eval(t, `(() => { const tg = document.querySelector(`+jsString(first+" .tg")+`);
		const w = [...tg.childNodes].find(n => n.nodeType === 3 && n.data.includes("site")); const r = document.createRange();
		r.setStart(w, w.data.indexOf("site")); r.collapse(true); const b = r.getBoundingClientRect(); return {x: b.left + 1, y: b.top + b.height / 2}; })()`, &at)
	br.drag(t, first+` .tg kbd[data-c^="o"]`, at.X, at.Y)
	br.eval(t, `document.querySelector(`+jsString(first+" .tg")+`).textContent`, &text)
	assert.Equal(t, "See the [site](…) of 12 March on https://x.org/b.", text, "the code dropped where the mouse let it go")
	br.press(t, "z", "KeyZ", 90, modAlt)
	br.eval(t, `document.querySelector(`+jsString(first+" .tg")+`).textContent`, &text)
	assert.Equal(t, "See [the site](…) of 12 March on https://x.org/b.", text)

	// Confirming counts per file and language; the filters find what was
	// edited and what has a finding.
	br.click(t, `tr[id="f2.b1s1"] td.l0`)
	br.press(t, "Enter", "Enter", 13, modCtrl)
	var progress string
	br.eval(t, `document.querySelector("#f2 p.pg").textContent`, &progress)
	assert.Equal(t, "en: 1 confirmed, 0 edited, 0 left · es: 0 confirmed, 0 edited, 1 left", progress)
	br.eval(t, `document.querySelector("#f1 p.pg").textContent`, &progress)
	assert.Equal(t, "en: 0 confirmed, 0 edited, 3 left · es: 0 confirmed, 0 edited, 3 left", progress, "the undone edit is not counted")
	filter := func(js string) int {
		var n int
		br.eval(t, `(() => { const f = document.getElementById("filters"); `+js+`; f.dispatchEvent(new Event("change"));
			return document.querySelectorAll("tr[data-o]:not([hidden])").length; })()`, &n)
		return n
	}
	assert.Equal(t, 2, filter(`f.elements.edited.checked = true`), "the edited row and the confirmed one")
	assert.Equal(t, 1, filter(`f.elements.edited.checked = false; f.elements.rule.value = "number"`))
	assert.Equal(t, 4, filter(`f.elements.rule.value = ""`))
	require.Empty(t, br.problems())

	// Accessibility that can be scripted.
	var unnamed []string
	br.eval(t, `[...document.querySelectorAll("input, select, button, [contenteditable=true], [tabindex]")].filter(e => {
			const name = (e.labels && e.labels.length ? e.labels[0].textContent : "") || e.getAttribute("aria-label") || e.getAttribute("title") ||
				(e.tagName === "BUTTON" ? e.textContent : "");
			return !name.trim();
		}).map(e => e.outerHTML.slice(0, 80))`, &unnamed)
	assert.Empty(t, unnamed, "every control has a name")
	var levels []int
	br.eval(t, `[...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(h => Number(h.tagName[1]))`, &levels)
	require.NotEmpty(t, levels)
	assert.Equal(t, 1, levels[0])
	for i := 1; i < len(levels); i++ {
		assert.LessOrEqual(t, levels[i], levels[i-1]+1, "no heading level skipped")
	}
	br.eval(t, `(() => { document.querySelector("#review input[name=reviewer]").focus(); return 0; })()`, new(int))
	br.press(t, "Tab", "Tab", 9, 0)
	var focus struct {
		Name, Style string
		Width       float64
	}
	br.eval(t, `(() => { const e = document.activeElement, s = getComputedStyle(e); return {name: e.textContent, style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; })()`, &focus)
	assert.Equal(t, "Previous", focus.Name)
	assert.NotEqual(t, "none", focus.Style, "the focus is visible")
	assert.GreaterOrEqual(t, focus.Width, 2.0)
	var contrast map[string]float64
	br.eval(t, `(() => {
		const lum = c => { const v = c.match(/[\d.]+/g).slice(0, 3).map(x => { x = x / 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
			return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
		const out = {}, t = document.createElement("table"), tr = t.insertRow(), td = tr.insertCell();
		document.querySelector("main").appendChild(t);
		for (const cls of ["ice", "exact", "fuzzy", "mt", "human", "none"]) {
			const b = document.createElement("b"); b.className = cls; b.textContent = cls; td.appendChild(b);
			const s = getComputedStyle(b), a = lum(s.color), z = lum(s.backgroundColor);
			out[cls] = (Math.max(a, z) + 0.05) / (Math.min(a, z) + 0.05);
		}
		t.remove();
		return out; })()`, &contrast)
	require.Len(t, contrast, 6)
	for cls, r := range contrast {
		assert.GreaterOrEqual(t, r, 4.5, "contrast of the %s badge", cls)
	}
	t.Logf("badge contrast: %v", contrast)

	// One file per language: both downloaded by one click.
	downloads := t.TempDir()
	br.downloadTo(t, downloads)
	br.click(t, `tr[id="f1.b3s1"] td.l1`)
	br.press(t, "Enter", "Enter", 13, modCtrl)
	br.click(t, `#review button[name=export]`)
	en := waitFile(t, filepath.Join(downloads, "reviewed-en.xlf"))
	es := waitFile(t, filepath.Join(downloads, "reviewed-es.xlf"))
	assert.Contains(t, string(en), `trgLang="en"`)
	assert.Contains(t, string(es), `trgLang="es"`)
	assert.Contains(t, string(es), "<target>Hay 3 ciudades.</target>")
	br.press(t, "z", "KeyZ", 90, modAlt)

	// Reloaded, the confirmed draft is still confirmed; edits stored by the
	// page of another batch are offered, not applied.
	br.reload(t)
	assert.Equal(t, 1, count("td.ok"))
	br.eval(t, `(() => { const k = Object.keys(localStorage).find(k => k.startsWith("relais:review:")); const v = JSON.parse(localStorage.getItem(k));
		v.generated = "2026-10-01T09:00:00Z"; v.edits["f1.b2s1|0"] = {runs: ["Good morning."], st: "translated", at: "2026-10-02T10:00:00Z", src: "Bonjour."};
		localStorage.setItem(k, JSON.stringify(v)); return 0; })()`, new(int))
	br.reload(t)
	var banner struct {
		Hidden bool
		Text   string
	}
	br.eval(t, `(() => { const b = document.getElementById("stored"); return {hidden: b.hidden, text: b.textContent}; })()`, &banner)
	assert.False(t, banner.Hidden, "a banner says the stored edits are from another batch")
	assert.Contains(t, banner.Text, "generated 2026-10-01T09:00:00Z")
	assert.Zero(t, count("td.ok, td.ed"), "not applied before the reviewer says so")
	br.click(t, "#stored-keep")
	br.eval(t, `document.querySelector('tr[id="f1.b2s1"] td.l0 .tg').textContent`, &text)
	assert.Equal(t, "Good morning.", text)
	assert.Equal(t, 2, count("td.ok, td.ed"))
	assert.Empty(t, br.problems())
}
