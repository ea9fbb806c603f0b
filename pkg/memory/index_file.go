package memory

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
)

// indexMagic starts the binary form of an Index; the last byte is the
// version of the format and of the terms in it: change it with IndexTerms,
// stem or the tokenizer, so that files of the old terms are rebuilt.
const indexMagic = "relais-index\x06"

// WriteTo writes the index in its binary form, which ReadFrom reads back:
// the units' terms and ids, not the postings, which ReadFrom rebuilds.
// It implements io.WriterTo.
func (x *Index) WriteTo(w io.Writer) (int64, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	cw := &countWriter{w: w, crc: crc32.New(crc32.MakeTable(crc32.Castagnoli))}
	bw := bufio.NewWriterSize(cw, 1<<16)
	var buf []byte
	put := func(v uint64) {
		buf = binary.AppendUvarint(buf[:0], v)
		bw.Write(buf)
	}
	putString := func(s string) {
		put(uint64(len(s)))
		bw.WriteString(s)
	}
	putTable := func(keys []string) {
		put(uint64(len(keys)))
		for _, k := range keys {
			putString(k)
		}
	}
	bw.WriteString(indexMagic)
	put(uint64(x.last))
	putTable(keysByNumber(x.pairs, len(x.pairs)))
	putTable(keysByNumber(x.vocab, len(x.postings)))
	put(uint64(len(x.ids)))
	prev := int64(0)
	for d, id := range x.ids {
		put(uint64(id - prev)) // ids grow
		prev = id
		head := uint64(0)
		if x.head(uint32(d)) {
			head = 1
		}
		put(uint64(x.pairOf(uint32(d)))<<1 | head) // the pair, and whether the unit starts with a heading number
		toks := x.toks[x.off[d]:x.off[d+1]]
		put(uint64(len(toks)))
		for _, t := range toks {
			put(uint64(t))
		}
		nums := x.nums[x.numOff[d]:x.numOff[d+1]]
		put(uint64(len(nums)))
		for _, n := range nums {
			put(uint64(n))
		}
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	sum := binary.LittleEndian.AppendUint32(nil, cw.crc.Sum32())
	_, err := cw.w.Write(sum)
	return cw.n + 4, err
}

// keysByNumber returns the keys of m, which numbers n keys from 0, in the
// order of their numbers.
func keysByNumber[N uint16 | uint32](m map[string]N, n int) []string {
	keys := make([]string, n)
	for k, i := range m {
		keys[i] = k
	}
	return keys
}

// countWriter counts and checksums what goes through it.
type countWriter struct {
	w   io.Writer
	crc hash.Hash32
	n   int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.crc.Write(p[:n])
	c.n += int64(n)
	return n, err
}

// errIndexForm is the error of an index file that is not one WriteTo wrote.
var errIndexForm = errors.New("not an index written by this version of relais")

// ReadFrom reads an index WriteTo wrote into x, which must be empty. On
// any error x is left empty. It implements io.ReaderFrom.
func (x *Index) ReadFrom(r io.Reader) (int64, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if len(x.ids) > 0 {
		return 0, errors.New("memory: read an index: the index is not empty")
	}
	rd := &indexReader{r: r, buf: make([]byte, 1<<16), crc: crc32.New(crc32.MakeTable(crc32.Castagnoli))}
	err := x.read(rd)
	if err == nil {
		want := rd.sum()
		var got []byte
		if got, err = rd.bytes(4); err == nil && binary.LittleEndian.Uint32(got) != want {
			err = errIndexForm
		}
	}
	if err != nil {
		x.vocab, x.postings, x.posted = map[string]uint32{}, nil, 0
		x.toks, x.off, x.ids, x.meta, x.headDocs = nil, []uint32{0}, nil, nil, nil
		x.nums, x.numOff = nil, []uint32{0}
		x.pairs, x.last = map[string]uint16{}, 0
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			err = errIndexForm
		}
		return rd.n, fmt.Errorf("memory: read an index: %w", err)
	}
	return rd.n, nil
}

// indexReader reads the parts of an index file from its own buffer, and
// checksums the bytes as they are consumed.
type indexReader struct {
	r        io.Reader
	buf      []byte
	pos, end int
	crc      hash.Hash32
	n        int64
}

// settle checksums the consumed bytes and moves the rest to the start of
// the buffer.
func (r *indexReader) settle() {
	r.crc.Write(r.buf[:r.pos])
	copy(r.buf, r.buf[r.pos:r.end])
	r.end -= r.pos
	r.pos = 0
}

// fill checksums the consumed bytes and reads more after the rest.
func (r *indexReader) fill() error {
	r.settle()
	k, err := io.ReadAtLeast(r.r, r.buf[r.end:], 1)
	r.end += k
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// sum returns the checksum of every byte consumed so far.
func (r *indexReader) sum() uint32 {
	r.settle()
	return r.crc.Sum32()
}

func (r *indexReader) ReadByte() (byte, error) {
	if r.pos == r.end {
		if err := r.fill(); err != nil {
			return 0, err
		}
	}
	b := r.buf[r.pos]
	r.pos++
	r.n++
	return b, nil
}

// bytes returns the next n bytes (a copy).
func (r *indexReader) bytes(n int) ([]byte, error) {
	out := make([]byte, 0, n)
	for len(out) < n {
		if r.pos == r.end {
			if err := r.fill(); err != nil {
				return nil, err
			}
		}
		k := min(n-len(out), r.end-r.pos)
		out = append(out, r.buf[r.pos:r.pos+k]...)
		r.pos += k
		r.n += int64(k)
	}
	return out, nil
}

// uint reads an unsigned varint no greater than limit.
func (r *indexReader) uint(limit uint64) (uint64, error) {
	var v uint64
	var err error
	if r.end-r.pos >= binary.MaxVarintLen64 {
		k := 0
		v, k = binary.Uvarint(r.buf[r.pos:r.end])
		if k <= 0 {
			return 0, errIndexForm
		}
		r.pos += k
		r.n += int64(k)
	} else if v, err = binary.ReadUvarint(r); err != nil {
		return 0, err
	}
	if v > limit {
		return 0, errIndexForm
	}
	return v, nil
}

func (r *indexReader) string() (string, error) {
	n, err := r.uint(1 << 20)
	if err != nil {
		return "", err
	}
	b, err := r.bytes(int(n))
	return string(b), err
}

// readTable reads a table of keys WriteTo wrote, at most limit of them,
// into m, numbering them from 0 in order; a key met twice is an error. It
// returns the number of keys.
func readTable[N uint16 | uint32](r *indexReader, limit uint64, m map[string]N) (uint64, error) {
	n, err := r.uint(limit)
	if err != nil {
		return 0, err
	}
	for i := range n {
		k, err := r.string()
		if err != nil {
			return 0, err
		}
		if _, dup := m[k]; dup {
			return 0, errIndexForm
		}
		m[k] = N(i)
	}
	return n, nil
}

// read reads the parts WriteTo wrote, checking that they hold together.
func (x *Index) read(r *indexReader) error {
	magic, err := r.bytes(len(indexMagic))
	if err != nil || string(magic) != indexMagic {
		return errIndexForm
	}
	last, err := r.uint(1<<63 - 1)
	if err != nil {
		return err
	}
	npairs, err := readTable(r, 1<<16, x.pairs)
	if err != nil {
		return err
	}
	nterms, err := readTable(r, 1<<32, x.vocab)
	if err != nil {
		return err
	}
	x.postings = append(x.postings, make([][]uint32, nterms)...) // as long as the strings read: no larger than the file
	ndocs, err := r.uint(1 << 32)
	if err != nil {
		return err
	}
	id := int64(0)
	for range ndocs {
		delta, err := r.uint(1<<63 - 1)
		if err != nil {
			return err
		}
		if delta == 0 || int64(delta) > int64(last)-id {
			return errIndexForm // ids grow, up to last
		}
		id += int64(delta)
		p, err := r.uint(2*npairs - 1)
		if err != nil || npairs == 0 {
			return errors.Join(err, errIndexForm)
		}
		ntoks, err := r.uint(1 << 20)
		if err != nil {
			return err
		}
		for range ntoks {
			t, err := r.uint(nterms - 1)
			if err != nil || nterms == 0 {
				return errors.Join(err, errIndexForm)
			}
			x.toks = append(x.toks, uint32(t))
		}
		nnums, err := r.uint(ntoks)
		if err != nil {
			return err
		}
		for range nnums {
			n, err := r.uint(1<<32 - 1)
			if err != nil {
				return err
			}
			x.nums = append(x.nums, uint32(n))
		}
		x.endDoc(id, uint16(p>>1), p&1 == 1)
	}
	x.last = int64(last)
	return nil
}
