package apertium

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/pkg/document"
	"github.com/relais-tm/relais/pkg/mt"
)

// Name is the engine name written in routes: "apertium:fr-es-en".
const Name = "apertium"

// ErrNotInstalled is wrapped by the error of New when the apertium command
// cannot be found.
var ErrNotInstalled = errors.New("apertium not installed")

// Options configure an Engine. The zero value is usable.
type Options struct {
	// Command is the apertium command to run; "apertium" (searched in
	// $PATH) when empty.
	Command string
	// DataDir is passed as -d (a folder of modes) when set.
	DataDir string
	// Timeout bounds one call (one file and pair); none when zero.
	Timeout time.Duration
	// Environ is the environment the apertium command runs in (KEY=value),
	// read only by Version, for APERTIUM_DATADIR; nil: none is read.
	Environ []string
}

// Engine runs the apertium command. It is safe for concurrent use; each
// Translate call runs its own process.
type Engine struct {
	path string
	opts Options

	mu       sync.Mutex
	pairs    []mt.Pair         // cached by Pairs
	release  string            // apertium -V, cached by Version
	versions map[string]string // by mode, cached by Version
}

// New finds the apertium command and returns an Engine for it. It fails
// with an error wrapping ErrNotInstalled, with the packages to install,
// when the command is not there.
func New(opts Options) (*Engine, error) {
	cmd := opts.Command
	if cmd == "" {
		cmd = "apertium"
	}
	p, err := exec.LookPath(cmd)
	if err != nil {
		return nil, fmt.Errorf("%w: apt-get install apertium apertium-fr-es apertium-eng-spa, or --mt none", ErrNotInstalled)
	}
	return &Engine{path: p, opts: opts}, nil
}

// Available returns the pairs of the local Apertium installation, or an
// error wrapping ErrNotInstalled when apertium is not installed. It is
// what `--mt auto` asks before choosing the engine.
func Available(ctx context.Context) ([]mt.Pair, error) {
	e, err := New(Options{})
	if err != nil {
		return nil, err
	}
	return e.Pairs(ctx)
}

// Pairs returns the translation modes installed (`apertium -l`) that read
// as a pair of languages, such as fr-es and spa-eng. The list is read once
// and kept.
func (e *Engine) Pairs(ctx context.Context) ([]mt.Pair, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.pairs != nil {
		return e.pairs, nil
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, e.path, e.args("-l")...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("apertium -l: %w%s", err, stderrText(&stderr))
	}
	e.pairs = ParseModes(stdout.String())
	return e.pairs, nil
}

// ParseModes reads the output of `apertium -l` (one mode per line) and
// keeps the modes that are a pair of language codes, "fr-es" or
// "spa-eng", and not a variant ("eco-fr-es", "spa-eng_US").
func ParseModes(list string) []mt.Pair {
	pairs := []mt.Pair{}
	for _, line := range strings.Split(list, "\n") {
		mode := strings.TrimSpace(line)
		a, b, ok := strings.Cut(mode, "-")
		if !ok || strings.Contains(b, "-") || strings.Contains(b, "_") {
			continue
		}
		from, err1 := language.ParseBase(a)
		to, err2 := language.ParseBase(b)
		if err1 != nil || err2 != nil {
			continue
		}
		pairs = append(pairs, mt.Pair{From: language.Make(from.String()), To: language.Make(to.String()), Mode: mode})
	}
	return pairs
}

// Package returns the Debian package that holds the pair from→to.
func Package(from, to language.Tag) string {
	a, b := mt.Code(from), mt.Code(to)
	switch {
	case (a == "fr" && b == "es") || (a == "es" && b == "fr"):
		return "apertium-fr-es"
	case (a == "en" && b == "es") || (a == "es" && b == "en"):
		return "apertium-eng-spa"
	}
	return "apertium-" + a + "-" + b
}

// mode returns the installed mode for from→to.
func (e *Engine) mode(ctx context.Context, from, to language.Tag) (string, error) {
	pairs, err := e.Pairs(ctx)
	if err != nil {
		return "", err
	}
	for _, p := range pairs {
		if mt.Same(p.From, from) && mt.Same(p.To, to) {
			return p.Mode, nil
		}
	}
	pkg := Package(from, to)
	return "", &mt.PairError{From: from, To: to, Msg: pkg + " not installed: apt-get install " + pkg + ", or --mt none"}
}

func (e *Engine) args(rest ...string) []string {
	if e.opts.DataDir != "" {
		return append([]string{"-d", e.opts.DataDir}, rest...)
	}
	return rest
}

// Translate implements mt.Translator: one apertium process for the whole
// batch.
func (e *Engine) Translate(ctx context.Context, req mt.Request) ([]mt.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("apertium: %w", err)
	}
	mode, err := e.mode(ctx, req.From, req.To)
	if err != nil {
		return nil, err
	}
	if len(req.Segments) == 0 {
		return []mt.Result{}, nil
	}
	if e.opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, e.opts.Timeout)
		defer cancel()
	}
	// Unknown words are marked ("*reagrupar"), so that a later leg of a
	// pivot can tell which words it could not translate; so are words it
	// could not generate ("#give"). The text's own "*" and "#" go as
	// entities, which come back as they went, so that every one of them
	// in the output is a mark. The "*" marks become markOf until the
	// output is split into segments (dropUnknownMarks); the others go.
	// ("@", the mark of a transfer error, is rare, and stays: the text's
	// own, in an address, must reach the engine as it is.)
	segs, ligatures := req.Segments, []map[string]string(nil)
	if mt.Code(req.From) == "fr" {
		segs, ligatures = unligate(segs)
	}
	in := mt.EncodeBatch(segs)
	flags := []string{"-f", "html-alt", mode}
	if strings.ContainsRune(in, markOf) {
		flags = append([]string{"-u"}, flags...) // no mark could be told from the text
	} else {
		in = strings.NewReplacer("*", "&#42;", "#", "&#35;").Replace(in)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, e.path, e.args(flags...)...)
	cmd.Stdin = strings.NewReader(in)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	killGroup(cmd)
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("apertium %s: %w", mode, ctx.Err())
		}
		return nil, fmt.Errorf("apertium %s: %w%s", mode, err, stderrText(&stderr))
	}
	// An entity's name is a word to the engine: "&lt;" comes back "&*lt;".
	out := entityMark.ReplaceAllString(stdout.String(), "&$1")
	out = otherMarks.ReplaceAllString(out, "$1")
	out = strings.ReplaceAll(out, "*", string(markOf))
	targets, errs, err := mt.DecodeBatch(out, req.Segments)
	if err != nil {
		return nil, fmt.Errorf("apertium %s: %w", mode, err)
	}
	engine := mt.EngineName(Name, mt.Route{req.From, req.To})
	res := make([]mt.Result, len(targets))
	for i := range targets {
		res[i] = mt.Result{Target: dropTagLeaks(targets[i]), Err: errs[i], Engine: engine}
		if errs[i] == nil {
			res[i].Target, res[i].Unknown = dropUnknownMarks(res[i].Target)
			if ligatures != nil {
				res[i].Target = religate(res[i].Target, ligatures[i])
				for k, w := range res[i].Unknown {
					if orig, ok := ligatures[i][w]; ok {
						res[i].Unknown[k] = orig
					}
				}
			}
		}
	}
	return res, nil
}

// dropTagLeaks removes from the text of c the morphological tags Apertium
// leaves where it could not generate a word (its "#<prn>" generation
// errors, written "\\<prn\\>" in html-alt output), with the blank before
// each. Text that reached the engine never reads so: a "<" of the input
// comes back as "&lt;".
func dropTagLeaks(c document.Content) document.Content {
	for i, r := range c {
		if r.Code != nil || !strings.Contains(r.Text, `\<`) {
			continue
		}
		var b strings.Builder
		t := r.Text
		for {
			k := strings.Index(t, `\<`)
			if k < 0 {
				break
			}
			n := 0
			for k+2+n < len(t) && isTagByte(t[k+2+n]) {
				n++
			}
			end := k + 2 + n
			if n == 0 || !strings.HasPrefix(t[end:], `\>`) {
				b.WriteString(t[:k+2])
				t = t[k+2:]
				continue
			}
			b.WriteString(strings.TrimRight(t[:k], " \t"))
			t = t[end+2:]
		}
		b.WriteString(t)
		c[i].Text = b.String()
	}
	return c
}

// entityMark is an unknown-word mark inside an entity of the engine's
// output.
var entityMark = regexp.MustCompile(`&[*#]*([A-Za-z][A-Za-z0-9]*;|#[0-9]+;)`)

// otherMarks is a run of generation-error marks ("#give"), not the "#" of
// an entity ("&#35;").
var otherMarks = regexp.MustCompile(`(^|[^&])#+`)

// markOf stands for Apertium's mark of an unknown word ("*") in its
// output until the marks are taken out: a character of the Private Use
// Area, which no text of the input holds (else no mark is asked for).
const markOf = '\ue000'

// dropUnknownMarks takes the unknown-word marks (markOf) out of the text
// of c and returns the words they marked: the letters and digits after
// each run of marks. The engine puts them at the start of each piece of a
// word it cut ("*built-*in", "*Starlight’*s", "ht*ml").
func dropUnknownMarks(c document.Content) (document.Content, []string) {
	var unknown []string
	for i, r := range c {
		if r.Code != nil || !strings.ContainsRune(r.Text, markOf) {
			continue
		}
		parts := strings.Split(r.Text, string(markOf))
		for _, p := range parts[1:] {
			if w := leadingWord(p); w != "" {
				unknown = append(unknown, w)
			}
		}
		c[i].Text = strings.Join(parts, "")
	}
	return c, unknown
}

// leadingWord returns the letters and digits s starts with.
func leadingWord(s string) string {
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if end < 0 {
		return s
	}
	return s[:end]
}

// ligature spells "œ" and "æ" apart: Apertium's French dictionaries
// know "oeuvre", "coeur", "soeur", not "œuvre", "cœur", "sœur".
var ligature = strings.NewReplacer("œ", "oe", "Œ", "Oe", "æ", "ae", "Æ", "Ae")

// unligate returns segs with the ligatures of their text spelled apart,
// and for each segment the words it changed, spelled apart, to the words
// as written (nil when none), so that a word the engine copies comes back
// as the source writes it (religate).
func unligate(segs []document.Content) ([]document.Content, []map[string]string) {
	out := make([]document.Content, len(segs))
	words := make([]map[string]string, len(segs))
	for i, c := range segs {
		out[i] = c
		for j, r := range c {
			if r.Code != nil || !strings.ContainsAny(r.Text, "œŒæÆ") {
				continue
			}
			if words[i] == nil {
				out[i] = slices.Clone(c)
				words[i] = map[string]string{}
			}
			for _, w := range strings.FieldsFunc(r.Text, func(r rune) bool { return !unicode.IsLetter(r) }) {
				if apart := ligature.Replace(w); apart != w {
					words[i][apart] = w
				}
			}
			out[i][j].Text = ligature.Replace(r.Text)
		}
	}
	return out, words
}

// religate writes back, in the text of c, each word of words (spelled
// apart) as the source writes it: a word the engine copied.
func religate(c document.Content, words map[string]string) document.Content {
	if len(words) == 0 {
		return c
	}
	for i, r := range c {
		if r.Code != nil {
			continue
		}
		c[i].Text = wordRE.ReplaceAllStringFunc(r.Text, func(w string) string {
			if orig, ok := words[w]; ok {
				return orig
			}
			return w
		})
	}
	return c
}

// wordRE is a word: letters.
var wordRE = regexp.MustCompile(`\p{L}+`)

// isTagByte reports whether c may be part of an Apertium tag name.
func isTagByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' }

func stderrText(b *bytes.Buffer) string {
	s := strings.TrimSpace(b.String())
	if s == "" {
		return ""
	}
	if len(s) > 500 {
		s = s[:500] + "…"
	}
	return ": " + s
}
