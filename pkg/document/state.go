package document

import (
	"fmt"
	"strconv"
	"strings"
)

// State is where a segment's translation stands in review, as XLIFF 2.0
// names the states.
type State int

// The states, in the order a translation goes through them.
const (
	Initial    State = iota // no translation yet, or the source copied as a placeholder
	Translated              // a draft: from memory or machine translation, not yet reviewed
	Reviewed                // checked by a reviewer
	Final                   // approved for publication
)

var stateNames = [...]string{"initial", "translated", "reviewed", "final"}

// String returns the XLIFF name of the state.
func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "state(" + strconv.Itoa(int(s)) + ")"
}

// ParseState is the inverse of State.String.
func ParseState(s string) (State, error) {
	for i, n := range stateNames {
		if n == s {
			return State(i), nil
		}
	}
	return 0, fmt.Errorf("unknown state %q (want initial, translated, reviewed or final)", s)
}

// OriginKind says where a translation came from.
type OriginKind int

// The origins of a translation.
const (
	FromNone      OriginKind = iota // nothing translated the segment
	FromInContext                   // memory, same sentence in the same context (101 %)
	FromExact                       // memory, same sentence (100 %)
	FromFuzzy                       // memory, a similar sentence (Score below 100)
	FromMachine                     // a machine translation engine (Engine names it and its route)
	FromHuman                       // a person, in review
	FromMemory                      // another memory, not reviewed: a memory unit's origin when its score is not known
)

// Origin says where a segment's translation came from: the memory and with
// which score, a machine translation engine and by which route, or nowhere.
type Origin struct {
	Kind     OriginKind
	Score    int    // match score for FromFuzzy (and 100 or 101 for exact matches)
	Engine   string // for FromMachine: "apertium:fr-es-en"
	Repaired bool   // for FromFuzzy: the match's target was repaired from the new source (numbers, terms)
}

// String returns the origin's compact form: "none", "tm-ice", "tm-exact",
// "tm-fuzzy-87", "tm-repaired-99" (a fuzzy match repaired), "tm",
// "mt-apertium:fr-es-en", "human". ParseOrigin reads it back.
func (o Origin) String() string {
	switch o.Kind {
	case FromInContext:
		return "tm-ice"
	case FromExact:
		return "tm-exact"
	case FromFuzzy:
		if o.Repaired {
			return "tm-repaired-" + strconv.Itoa(o.Score)
		}
		return "tm-fuzzy-" + strconv.Itoa(o.Score)
	case FromMachine:
		return "mt-" + o.Engine
	case FromHuman:
		return "human"
	case FromMemory:
		return "tm"
	default:
		return "none"
	}
}

// ParseOrigin is the inverse of Origin.String.
func ParseOrigin(s string) (Origin, error) {
	switch {
	case s == "none" || s == "":
		return Origin{}, nil
	case s == "tm-ice":
		return Origin{Kind: FromInContext, Score: 101}, nil
	case s == "tm-exact":
		return Origin{Kind: FromExact, Score: 100}, nil
	case s == "human":
		return Origin{Kind: FromHuman}, nil
	case s == "tm":
		return Origin{Kind: FromMemory}, nil
	case strings.HasPrefix(s, "tm-fuzzy-"), strings.HasPrefix(s, "tm-repaired-"):
		repaired := strings.HasPrefix(s, "tm-repaired-")
		n, err := strconv.Atoi(s[strings.LastIndexByte(s, '-')+1:])
		if err != nil || n < 0 || n > 100 {
			return Origin{}, fmt.Errorf("bad fuzzy score in origin %q", s)
		}
		return Origin{Kind: FromFuzzy, Score: n, Repaired: repaired}, nil
	case strings.HasPrefix(s, "mt-") && len(s) > 3:
		return Origin{Kind: FromMachine, Engine: s[3:]}, nil
	}
	return Origin{}, fmt.Errorf("unknown origin %q", s)
}

// Translation is one segment's target in one language, with its state and
// where it came from.
type Translation struct {
	Target Content
	State  State
	Origin Origin
}
