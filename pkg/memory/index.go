package memory

import (
	"slices"
	"sort"
	"sync"
)

// Index is the in-memory fuzzy index a store keeps over its units: for each
// term (IndexTerms of the source key: word stems, numbers, codes, a pair
// once), the units that hold it. A lookup takes the units that share one of the
// query's rarest terms (prefix filtering: a unit that shares none of them
// cannot share enough to reach the threshold), counts the query terms each
// holds while walking the next rarest lists (count filtering: a unit that
// misses too many is dropped), checks the exact overlap of the rest, and
// computes their word edit distance with a cut-off. The similarity found is
// lowered by what the query's numbers that the unit lacks must cost, so
// that it bounds the unit's final score from above.
//
// A heading or list number a key starts with ("2. Installer le serveur")
// is no term: the index notes which units have one. When the query or the
// unit has one, the similarity counts one more term, common to both, as
// the score does (a heading number that differs, or is added or removed,
// costs the score a point when the target is repaired, and a number
// otherwise); when only one of them has one, that point is taken off too.
//
// Units are numbered densely inside the index; ids are the store's. Memory
// use is about 8 bytes per word of every unit (its term and its place in a
// postings list), 30 bytes per unit and the vocabulary: about 300 MB for a
// million units of real sentences.
//
// Index is safe for concurrent use: lookups share a read lock, Add takes
// the write lock.
type Index struct {
	mu       sync.RWMutex
	vocab    map[string]uint32
	postings [][]uint32 // term -> docs, ascending
	posted   int        // docs whose terms are in postings
	toks     []uint32   // the terms of every doc, doc after doc
	off      []uint32   // doc i's terms are toks[off[i]:off[i+1]]
	ids      []int64    // doc -> store id
	nums     []uint32   // the hashes of every doc's numbers as written, doc after doc
	numOff   []uint32   // doc i's numbers are nums[numOff[i]:numOff[i+1]]
	// meta holds what admitting a doc as a candidate reads, in one word,
	// so that a lookup reads one place per doc it meets: its language
	// pair (the high 16 bits), whether it starts with a heading number
	// (metaHead) and its number of terms up to 255 (the low 8 bits; 255:
	// see off).
	meta     []uint32
	headDocs []uint32 // the docs that start with a heading number (headingOf), ascending
	pairs    map[string]uint16
	last     int64  // highest id added
	fold     []byte // scratch for Add
	stamps   sync.Pool
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{vocab: map[string]uint32{}, off: []uint32{0}, numOff: []uint32{0}, pairs: map[string]uint16{}}
}

// Len returns the number of units in the index.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.ids)
}

// Last returns the highest id added, for a store that refreshes the index
// with the units stored since (ids grow with time in both stores).
func (x *Index) Last() int64 {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.last
}

// PairKey returns the key of a language pair in the index: base languages
// joined by "|".
func PairKey(src, tgt string) string { return src + "|" + tgt }

// Add indexes the unit with store id id, language pair pair (see PairKey)
// and source key key. Ids at or below Last are ignored: a unit is indexed
// once, and its source never changes.
//
// Add only records the unit's terms; the postings are brought up to date
// by the next Candidates, all at once, so that loading a large memory
// allocates each postings list once, at its final size.
func (x *Index) Add(id int64, pair, key string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if id <= x.last {
		return
	}
	x.last = id
	h, head := headingOf(key)
	if head {
		key = key[h.end:]
	}
	p, ok := x.pairs[pair]
	if !ok {
		p = uint16(len(x.pairs))
		x.pairs[pair] = p
	}
	scanKey(key, func(kind tokKind, i, j int, _ bool) {
		var ok bool
		if x.fold, ok = appendTerm(x.fold[:0], key, kind, i, j); !ok {
			return
		}
		if kind == tokNumber {
			x.nums = append(x.nums, numberHash(key[i:j]))
		}
		tid, ok := x.vocab[string(x.fold)]
		if !ok {
			tid = uint32(len(x.postings))
			x.vocab[string(x.fold)] = tid
			x.postings = append(x.postings, nil)
		}
		x.toks = append(x.toks, tid)
	})
	x.endDoc(id, p, head)
}

// endDoc records the doc whose terms and numbers were just appended: its
// store id, language pair and whether it starts with a heading number.
func (x *Index) endDoc(id int64, pair uint16, head bool) {
	d := uint32(len(x.ids))
	x.off = append(x.off, uint32(len(x.toks)))
	x.numOff = append(x.numOff, uint32(len(x.nums)))
	x.ids = append(x.ids, id)
	m := uint32(pair)<<16 | uint32(min(x.off[d+1]-x.off[d], metaLong))
	if head {
		m |= metaHead
		x.headDocs = append(x.headDocs, d)
	}
	x.meta = append(x.meta, m)
}

// The parts of a doc's meta word.
const (
	metaLong = 255    // the low 8 bits: a doc's number of terms, or this for 255 or more
	metaHead = 1 << 8 // the doc starts with a heading number
)

// head reports whether doc d starts with a heading number.
func (x *Index) head(d uint32) bool { return x.meta[d]&metaHead != 0 }

// pairOf returns the language pair of doc d.
func (x *Index) pairOf(d uint32) uint16 { return uint16(x.meta[d] >> 16) }

// length returns the number of terms of doc d, whose meta word is m.
func (x *Index) length(d, m uint32) int {
	if n := m & metaLong; n < metaLong {
		return int(n)
	}
	return int(x.off[d+1] - x.off[d])
}

// numberHash is how the index tells numbers apart: a hash of the number as
// written.
func numberHash(n string) uint32 { return uint32(Hash(n)) }

// post brings the postings up to date with the docs added (under the write
// lock). When the new docs outnumber the posted ones, every list is rebuilt
// at its exact size; otherwise the new docs are appended.
func (x *Index) post() {
	n := len(x.ids)
	if x.posted == n {
		return
	}
	last := make([]uint32, len(x.postings)) // doc+1 that last added each term
	if n-x.posted < x.posted {
		for d := x.posted; d < n; d++ {
			for _, t := range x.toks[x.off[d]:x.off[d+1]] {
				if last[t] != uint32(d)+1 {
					last[t] = uint32(d) + 1
					x.postings[t] = append(x.postings[t], uint32(d))
				}
			}
		}
		x.posted = n
		return
	}
	counts := make([]uint32, len(x.postings))
	for d := range n {
		for _, t := range x.toks[x.off[d]:x.off[d+1]] {
			if last[t] != uint32(d)+1 {
				last[t] = uint32(d) + 1
				counts[t]++
			}
		}
	}
	var total int
	for _, c := range counts {
		total += int(c)
	}
	all := make([]uint32, total)
	at := 0
	for t, c := range counts {
		// Full slice expressions: a later append to one list copies it
		// rather than writing over the next.
		x.postings[t] = all[at : at : at+int(c)]
		at += int(c)
	}
	clear(last)
	for d := range n {
		for _, t := range x.toks[x.off[d]:x.off[d+1]] {
			if last[t] != uint32(d)+1 {
				last[t] = uint32(d) + 1
				x.postings[t] = append(x.postings[t], uint32(d))
			}
		}
	}
	x.posted = n
}

// Candidate is a unit the index found, with an upper bound of its final
// score: its similarity on index terms, less what the numbers of the query
// that the unit lacks must cost (see numberBound).
type Candidate struct {
	ID    int64
	Score int
}

// Candidates returns the units of the pair whose index terms are at least
// min percent similar to those of key, best first, at most limit (0: no
// limit).
func (x *Index) Candidates(pair, key string, minScore, limit int) []Candidate {
	minScore = max(1, min(minScore, 100))
	x.mu.RLock()
	for x.posted < len(x.ids) {
		x.mu.RUnlock()
		x.mu.Lock()
		x.post()
		x.mu.Unlock()
		x.mu.RLock()
	}
	defer x.mu.RUnlock()
	p, ok := x.pairs[pair]
	if !ok {
		return nil
	}
	// The query's terms as ids (unknown terms get ids past the vocabulary)
	// and the hashes of its numbers, in one pass over the key.
	var q, qnums []uint32
	var term []byte
	unknown := uint32(len(x.postings))
	qh, qhead := headingOf(key)
	if qhead {
		key = key[qh.end:]
	}
	scanKey(key, func(kind tokKind, i, j int, _ bool) {
		var ok bool
		if term, ok = appendTerm(term[:0], key, kind, i, j); !ok {
			return
		}
		if kind == tokNumber {
			qnums = append(qnums, numberHash(key[i:j]))
		}
		id, ok := x.vocab[string(term)]
		if !ok {
			id = unknown
			unknown++
		}
		q = append(q, id)
	})
	lq := len(q)
	if lq == 0 {
		return nil
	}
	// A unit of length lc is within reach when its distance d can be at most
	// (1 - min/100) × max(lq, lc); d is at least |lq - lc| and at least
	// max(lq, lc) - overlap, so the overlap must be at least
	// need(lc) = ⌈max(lq, lc) × min/100⌉, and at least needMin = need(lq).
	// Where the query or the unit has a heading number, the similarity
	// counts one more common term and, for one heading number only, one
	// point less (see reach): the lengths in reach are those of the
	// loosest kind of unit the index holds.
	heads := len(x.headDocs) > 0 // some units have a heading number
	plain, headed := reachOf(qhead, false), reachOf(qhead, true)
	plainMin, plainMax := plain.need(lq, lq, minScore), plain.maxLen(lq, minScore)
	headedMin, headedMax := headed.need(lq, lq, minScore), headed.maxLen(lq, minScore)
	minLen, maxLen := plainMin, plainMax
	if heads {
		minLen, maxLen = min(minLen, headedMin), max(maxLen, headedMax)
	}
	needMin := minLen

	// The query's distinct terms with their counts, rarest first.
	uniq, qc := distinct(q)
	df := func(t uint32) int {
		if int(t) < len(x.postings) {
			return len(x.postings[t])
		}
		return 0
	}
	order := make([]int, len(uniq))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return df(uniq[order[a]]) < df(uniq[order[b]]) })

	// Count filter over a prefix of the rarest terms. rest is the number of
	// query words not yet looked at: a unit first met when rest < needMin
	// cannot reach the threshold (prefix filtering), so only the first terms
	// admit candidates. The terms after those only count hits, and only while
	// their postings are short beside the candidates they can rule out.
	stamp := x.stamp()
	defer x.stamps.Put(stamp)
	gen := stamp.next()
	marks := stamp.marks[:len(x.ids)]
	meta := x.meta
	var cands []uint32
	rest := lq
	unitReach := func(m uint32) reach {
		if m&metaHead != 0 {
			return headed
		}
		return plain
	}
	need := func(d uint32) int {
		m := meta[d]
		return unitReach(m).need(lq, x.length(d, m), minScore)
	}
	// inReach and needOf tell, by the low 9 bits of a doc's meta word
	// (its length and heading bit), whether its length is in reach and
	// its need; a doc of metaLong terms or more is looked at on its own.
	var inReach [2 * (metaLong + 1)]bool
	var needOf [2 * (metaLong + 1)]int32
	for lc := range metaLong {
		inReach[lc] = lc >= plainMin && lc <= plainMax
		inReach[metaHead|lc] = lc >= headedMin && lc <= headedMax
		needOf[lc] = int32(plain.need(lq, lc, minScore))
		needOf[metaHead|lc] = int32(headed.need(lq, lc, minScore))
	}
	want := uint32(p)
	for _, i := range order {
		t, n := uniq[i], uint32(qc[i])
		admit := rest >= needMin
		if !admit && (len(cands) <= verifyDirectly || df(t) > extendFactor*len(cands)) {
			break
		}
		rest -= int(n)
		if int(t) >= len(x.postings) {
			continue
		}
		if !admit {
			// Count the hits of the units met before; meet no new one.
			for _, d := range x.postings[t] {
				if m := &marks[d]; m.gen == gen && m.hits != rejected {
					m.hits += n
				}
			}
		} else {
			for _, d := range x.postings[t] {
				m := &marks[d]
				if m.gen == gen {
					if m.hits != rejected {
						m.hits += n
					}
					continue
				}
				m.gen = gen
				md := meta[d]
				ok := md>>16 == want
				if ok {
					if md&metaLong == metaLong {
						lc, r := x.length(d, md), unitReach(md)
						ok = lc >= r.need(lq, lq, minScore) && lc <= r.maxLen(lq, minScore)
					} else {
						ok = inReach[md&(metaHead|metaLong)]
					}
				}
				if !ok {
					m.hits = rejected
					continue
				}
				m.hits = n
				cands = append(cands, d)
			}
		}
		if rest < needMin {
			// Keep only the candidates that can still reach the threshold.
			live := cands[:0]
			for _, d := range cands {
				md := meta[d]
				nd := int(needOf[md&(metaHead|metaLong)])
				if md&metaLong == metaLong {
					nd = need(d)
				}
				if int(marks[d].hits)+rest >= nd {
					live = append(live, d)
				}
			}
			cands = live
		}
	}
	if heads && headedMin <= 0 {
		// A unit with a heading number may reach the threshold sharing no
		// term with the query ("2. Installation", "2. Configuration" at
		// 50): no postings list leads to it.
		for _, d := range x.headDocs {
			m := &marks[d]
			if m.gen == gen || meta[d]>>16 != want {
				continue
			}
			m.gen, m.hits = gen, 0
			if x.length(d, meta[d]) <= headedMax && need(d) <= 0 {
				cands = append(cands, d)
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}
	// Count bound, exact overlap, then the edit distance with a cut-off.
	left := make([]int, len(uniq))
	var bloom [64]uint64 // quick rejection of terms the query lacks
	for _, t := range uniq {
		bloom[(t>>6)&63] |= 1 << (t & 63)
	}
	var out []Candidate
	buf := make([]int32, 0, 2*(maxLen+2))
	for _, d := range cands {
		toks := x.toks[x.off[d]:x.off[d+1]]
		lc := len(toks)
		longer := max(lq, lc)
		maxDist := longer - need(d)
		copy(left, qc)
		overlap := 0
		for _, t := range toks {
			if bloom[(t>>6)&63]&(1<<(t&63)) == 0 {
				continue
			}
			if k, ok := slices.BinarySearch(uniq, t); ok && left[k] > 0 {
				left[k]--
				overlap++
			}
		}
		if longer-overlap > maxDist {
			continue
		}
		dist, ok := boundedDistance(q, toks, maxDist, &buf)
		if !ok {
			continue
		}
		bound := unitReach(meta[d]).bound(longer, dist, missingNumbers(qnums, x.nums[x.numOff[d]:x.numOff[d+1]]))
		if bound < minScore {
			continue
		}
		out = append(out, Candidate{ID: x.ids[d], Score: bound})
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Score != out[b].Score {
			return out[a].Score > out[b].Score
		}
		return out[a].ID > out[b].ID
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// missingNumbers counts the numbers of q (hashes) that have no equal in u,
// each number of u answering one of q.
func missingNumbers(q, u []uint32) int {
	if len(q) == 0 {
		return 0
	}
	var used uint64 // u's numbers already answered, for the first 64
	k := 0
	for _, n := range q {
		found := false
		for j, m := range u {
			if m == n && (j >= 64 || used&(1<<j) == 0) {
				if j < 64 {
					used |= 1 << j
				}
				found = true
				break
			}
		}
		if !found {
			k++
		}
	}
	return k
}

// numberBound lowers sim, the similarity of a unit on index terms (where
// every number is "#"), by what the k numbers of the query that the unit
// lacks must cost in Score: each is a changed, missing or replaced number,
// so it costs PenaltyNumber or, when only numbers differ and the target is
// repaired (sim is then 100), PenaltyRepair.
func numberBound(sim, k int) int {
	if k == 0 {
		return sim
	}
	if sim == 100 {
		return 100 - k*points[PenaltyRepair]
	}
	return sim - k*points[PenaltyNumber]
}

// reach says how a unit's score may stand beside its similarity on index
// terms, by whether the unit and the query have a heading number: with
// one, the score counts one more term common to both (virtual, 0 or 1);
// with a heading number in one of them only, it takes at least cost
// points off (a point when the target is repaired, more otherwise).
type reach struct{ virtual, cost int }

// reachOf returns the reach of a unit by whether the query and the unit
// start with a heading number.
func reachOf(qhead, uhead bool) reach {
	switch {
	case qhead && uhead:
		return reach{virtual: 1}
	case qhead || uhead:
		return reach{virtual: 1, cost: 1}
	}
	return reach{}
}

// bound returns the upper bound of the score of a unit whose distance to
// the query on index terms is dist, the longer of the two having longer
// terms, lacking k of the query's numbers.
func (r reach) bound(longer, dist, k int) int {
	l := longer + r.virtual
	return numberBound(100*(l-dist)/l, k) - r.cost
}

// need returns the overlap a unit of length lc must have
// with a query of length lq for its bound to reach minScore: with
// l = max(lq, lc) + virtual, the distance must be at most
// l − ⌈l × (minScore + cost) / 100⌉ and is at least max(lq, lc) − overlap.
// It may be 0 or less for a unit with a heading number.
func (r reach) need(lq, lc, minScore int) int {
	l := max(lq, lc) + r.virtual
	return (l*(minScore+r.cost)+99)/100 - r.virtual
}

// maxLen returns the longest unit that can reach minScore
// with a query of length lq: its need is at most lq.
func (r reach) maxLen(lq, minScore int) int {
	return (lq+r.virtual)*100/(minScore+r.cost) - r.virtual
}

// extendFactor bounds the count filter: a term past the admitting prefix
// is counted only when its postings are at most this many times the
// candidates (walking a posting costs far less than checking a candidate).
const extendFactor = 64

// verifyDirectly is the number of candidates below which the count filter
// stops: checking so few costs less than walking another postings list.
const verifyDirectly = 32

// rejected marks a unit met in the postings but ruled out by its length or
// language pair.
const rejected = ^uint32(0)

// distinct returns the distinct values of q, sorted, and how many times
// each occurs.
func distinct(q []uint32) ([]uint32, []int) {
	sorted := slices.Clone(q)
	slices.Sort(sorted)
	var uniq []uint32
	var counts []int
	for i, t := range sorted {
		if i > 0 && t == sorted[i-1] {
			counts[len(counts)-1]++
			continue
		}
		uniq = append(uniq, t)
		counts = append(counts, 1)
	}
	return uniq, counts
}

// stampSet is the per-lookup scratch space over the units: marks[d].gen ==
// gen when unit d was met in this lookup, marks[d].hits its count of query
// words (side by side: one cache line per unit met).
type stampSet struct {
	marks []mark
	gen   uint32
}

type mark struct{ gen, hits uint32 }

func (s *stampSet) next() uint32 {
	s.gen++
	if s.gen == 0 {
		clear(s.marks)
		s.gen = 1
	}
	return s.gen
}

// stamp returns a mark array as long as the index (under the read lock).
func (x *Index) stamp() *stampSet {
	s, _ := x.stamps.Get().(*stampSet)
	if s == nil {
		s = &stampSet{}
	}
	if len(s.marks) < len(x.ids) {
		s.marks = make([]mark, len(x.ids)+len(x.ids)/4+64)
		s.gen = 0
	}
	return s
}

// boundedDistance returns the Levenshtein distance of a and b, or false
// when it exceeds maxDist (computed in a band of width 2·maxDist+1).
func boundedDistance(a, b []uint32, maxDist int, buf *[]int32) (int, bool) {
	n, m := len(a), len(b)
	if n-m > maxDist || m-n > maxDist {
		return 0, false
	}
	if cap(*buf) < 2*(m+1) {
		*buf = make([]int32, 0, 2*(m+1))
	}
	row := (*buf)[:2*(m+1)]
	prev, cur := row[:m+1], row[m+1:]
	const inf = int32(1 << 30)
	for j := 0; j <= m; j++ {
		if j <= maxDist {
			prev[j] = int32(j)
		} else {
			prev[j] = inf
		}
	}
	for i := 1; i <= n; i++ {
		lo, hi := max(1, i-maxDist), min(m, i+maxDist)
		if lo > 1 {
			cur[lo-1] = inf
		}
		if i <= maxDist {
			cur[0] = int32(i)
		} else {
			cur[0] = inf
		}
		best := cur[0]
		for j := lo; j <= hi; j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			best = min(best, c)
		}
		if hi < m {
			cur[hi+1] = inf
		}
		if best > int32(maxDist) {
			return 0, false
		}
		prev, cur = cur, prev
	}
	if d := int(prev[m]); d <= maxDist {
		return d, true
	}
	return 0, false
}
