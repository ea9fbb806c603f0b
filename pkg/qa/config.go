package qa

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/relais-tm/relais/internal/suggest"
	"github.com/relais-tm/relais/pkg/finding"
)

// Config sets the severity of checks, for every language and per target
// language. A check it does not name keeps its default severity; Off turns
// a check off.
type Config struct {
	Rules map[string]finding.Severity            // check ID → severity, every language
	Langs map[string]map[string]finding.Severity // target language (BCP 47) → check ID → severity
}

// ParseConfig reads the check: section of relais.yaml: rules maps check IDs
// to severity names, langs maps target languages to such maps. An unknown
// check, severity or language is an error naming the key and, for a check,
// the closest known one.
func ParseConfig(rules map[string]string, langs map[string]map[string]string) (Config, error) {
	cfg := Config{Rules: map[string]finding.Severity{}, Langs: map[string]map[string]finding.Severity{}}
	known := map[string]bool{}
	for _, id := range CheckIDs() {
		known[id] = true
	}
	parse := func(prefix string, m map[string]string, into map[string]finding.Severity) error {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			id := strings.ToLower(strings.TrimSpace(k))
			if !known[id] {
				return fmt.Errorf("%s%s: unknown check %q%s", prefix, k, k, suggestCheck(id))
			}
			sev, err := finding.ParseSeverity(m[k])
			if err != nil {
				return fmt.Errorf("%s%s: %w", prefix, k, err)
			}
			into[id] = sev
		}
		return nil
	}
	if err := parse("check.rules.", rules, cfg.Rules); err != nil {
		return Config{}, err
	}
	for _, l := range slices.Sorted(maps.Keys(langs)) {
		tag, err := language.Parse(l)
		if err != nil {
			return Config{}, fmt.Errorf("check.languages.%s: %q is not a language tag (BCP 47, like en or es-419)", l, l)
		}
		m := map[string]finding.Severity{}
		if err := parse("check.languages."+l+".", langs[l], m); err != nil {
			return Config{}, err
		}
		cfg.Langs[tag.String()] = m
	}
	return cfg, nil
}

// Severity returns the severity of check id in target language lang: the
// language's setting (the most specific tag that has one: es-419, then
// es), else the global one, else def.
func (c Config) Severity(id string, lang language.Tag, def finding.Severity) finding.Severity {
	for t := lang; ; {
		if m, ok := c.Langs[t.String()]; ok {
			if s, ok := m[id]; ok {
				return s
			}
		}
		p := t.Parent()
		if p == t || p == language.Und {
			break
		}
		t = p
	}
	if b := base(lang); b != lang.String() {
		if m, ok := c.Langs[b]; ok {
			if s, ok := m[id]; ok {
				return s
			}
		}
	}
	if s, ok := c.Rules[id]; ok {
		return s
	}
	return def
}

// suggestCheck returns ` (did you mean "x"?)` for the check ID nearest to
// id, or the list of checks.
func suggestCheck(id string) string {
	if best, ok := suggest.Closest(id, CheckIDs()); ok {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return "; the checks are " + strings.Join(CheckIDs(), ", ")
}
