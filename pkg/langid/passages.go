package langid

// Passages of another language: a segment of passageWords words or more
// is told on its own when Identify gives its language passageMargin over
// the document's; shorter ones, from shortWords words, go by the segments
// around them (Passages).
const (
	passageWords  = 4
	passageMargin = 0.5
	shortWords    = 2
	shortMargin   = 0.3
)

// Passages returns, for texts (the segments of one document written in
// lang, in order), the language each is written in when that is not lang
// and the identifier tells it with a margin, else "": the English
// sentences a French page of documentation often keeps (commands
// described, passages not translated yet), and the short segments among
// them, which Identify cannot tell on their own.
//
// A segment of passageWords words or more is told on its own when
// Identify gives its language passageMargin over lang. The others of
// shortWords words or more go by the run of segments around them that no
// segment of lang breaks (one that Identify gives lang by shortMargin over
// any other): one that Identify gives another language by shortMargin
// over lang goes with it when the nearest segment told on its own on
// either side of it in the run is of that language; one that Identify
// does not tell goes with the language of the nearest segments told on
// their own on both sides, when they are of the same. "Contains special
// directories" in a table of English descriptions goes; "Les villes" in a
// French page, or a short French fragment after an English passage, stays.
func (id *Identifier) Passages(texts []string, lang string) []string {
	const (
		none    = iota // too short to tell
		own            // lang
		unsure         // not told
		leaning        // another language, by shortMargin
		told           // another language, told on its own
	)
	type vote struct {
		kind int
		lang string // for leaning and told
	}
	votes := make([]vote, len(texts))
	for i, t := range texts {
		r := id.Identify(t)
		switch {
		case r.Words < shortWords || r.Lang == "":
		case r.Lang == lang && r.Margin >= shortMargin:
			votes[i].kind = own
		case r.Lang == lang || r.Scores[r.Lang]-r.Scores[lang] < shortMargin:
			votes[i].kind = unsure
		case r.Words >= passageWords && r.Scores[r.Lang]-r.Scores[lang] >= passageMargin:
			votes[i] = vote{kind: told, lang: r.Lang}
		default:
			votes[i] = vote{kind: leaning, lang: r.Lang}
		}
	}
	// prev[k] and next[k]: the language of the nearest segment told on its
	// own before and after k in its run, "" when there is none.
	prev, next := make([]string, len(texts)), make([]string, len(texts))
	last := ""
	for k, v := range votes {
		prev[k] = last
		switch v.kind {
		case own:
			last = ""
		case told:
			last = v.lang
		}
	}
	last = ""
	for k := len(votes) - 1; k >= 0; k-- {
		next[k] = last
		switch votes[k].kind {
		case own:
			last = ""
		case told:
			last = votes[k].lang
		}
	}
	out := make([]string, len(texts))
	for k, v := range votes {
		switch {
		case v.kind == told:
			out[k] = v.lang
		case v.kind == leaning && (prev[k] == v.lang || next[k] == v.lang):
			out[k] = v.lang
		case v.kind == unsure && prev[k] != "" && prev[k] == next[k]:
			out[k] = prev[k]
		}
	}
	return out
}
