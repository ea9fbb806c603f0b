package xliff

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/relais-tm/relais/pkg/document"
)

// Namespaces.
const (
	ns20    = "urn:oasis:names:tc:xliff:document:2.0"
	ns12    = "urn:oasis:names:tc:xliff:document:1.2"
	ns11    = "urn:oasis:names:tc:xliff:document:1.1"
	nsXML   = "http://www.w3.org/XML/1998/namespace"
	nsFS    = "urn:oasis:names:tc:xliff:fs:2.0"
	nsSLR   = "urn:oasis:names:tc:xliff:sizerestriction:2.0"
	nsMTC   = "urn:oasis:names:tc:xliff:matches:2.0"
	nsMDA   = "urn:oasis:names:tc:xliff:metadata:2.0"
	maxNest = 512 // deeper element nesting is refused
)

// matchTypes are the values of the type attribute of <mtc:match>.
const matchTypes = "am mt icm idm tb tm other"

// node is an element of a parsed file: a small tree kept so that readers and
// the validator can look around and report positions. Comments, processing
// instructions and directives are dropped; CDATA sections are text.
type node struct {
	name  xml.Name
	attrs []xml.Attr
	items []item // children in document order
	off   int    // byte offset of the start tag in the decoded text
}

// item is a child of a node: text or an element.
type item struct {
	text string
	el   *node
}

// attr returns the value of an attribute without namespace.
func (n *node) attr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// get returns the value of an attribute without namespace, or "".
func (n *node) get(local string) string {
	v, _ := n.attr(local)
	return v
}

// xmlAttr returns the value of an attribute in the xml: namespace.
func (n *node) xmlAttr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Space == nsXML && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// is reports whether n is the element local in namespace space.
func (n *node) is(space, local string) bool { return n.name.Space == space && n.name.Local == local }

// elems returns the element children of n.
func (n *node) elems() []*node {
	var out []*node
	for _, it := range n.items {
		if it.el != nil {
			out = append(out, it.el)
		}
	}
	return out
}

// text returns the text directly inside n.
func (n *node) text() string {
	var b strings.Builder
	for _, it := range n.items {
		if it.el == nil {
			b.WriteString(it.text)
		}
	}
	return b.String()
}

// source is a parsed file: its root element and what turns offsets into
// positions.
type source struct {
	path  string
	lines *document.Lines // of the file decoded to UTF-8
	root  *node
}

// errAt returns a *document.PosError at byte offset off.
func (s *source) errAt(off int, format string, args ...any) error {
	return &document.PosError{Path: s.path, Pos: s.position(off), Err: fmt.Errorf("xliff: "+format, args...)}
}

// position converts an offset of the decoded text into a line and column
// (in characters).
func (s *source) position(off int) document.Position { return s.lines.Position(off) }

var encodingDecl = regexp.MustCompile(`^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// decodeText returns the file as UTF-8: a byte order mark read and dropped,
// and a legacy encoding named by the XML declaration converted.
func decodeText(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("xliff: bad UTF-16 text: %w", err)
		}
		return out, nil
	}
	m := encodingDecl.FindSubmatch(data)
	if m == nil {
		return data, nil
	}
	label := strings.ToLower(string(m[1]))
	switch label {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return data, nil
	case "utf-16", "utf-16le", "utf-16be":
		return nil, fmt.Errorf("xliff: the file declares %s but has no byte order mark: save it as UTF-8", m[1])
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, fmt.Errorf("xliff: unknown encoding %q: save the file as UTF-8", m[1])
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("xliff: bad %s text: %w", m[1], err)
	}
	return out, nil
}

// parse reads r into a tree. Malformed XML is reported with its position.
func parse(path string, r io.Reader) (*source, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &document.PosError{Path: path, Err: fmt.Errorf("xliff: %w", err)}
	}
	text, err := decodeText(data)
	if err != nil {
		return nil, &document.PosError{Path: path, Err: err}
	}
	s := &source{path: path, lines: document.NewLines(text)}
	d := xml.NewDecoder(bytes.NewReader(text))
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil } // already UTF-8
	var stack []*node
	for {
		off := int(d.InputOffset())
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			msg := err.Error()
			if errors.As(err, &se) {
				msg = se.Msg
			}
			return nil, s.errAt(int(d.InputOffset()), "malformed XML: %s", msg)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxNest {
				return nil, s.errAt(off, "elements nested more than %d deep", maxNest)
			}
			n := &node{name: t.Name, attrs: t.Copy().Attr, off: off}
			if len(stack) == 0 {
				if s.root != nil {
					return nil, s.errAt(off, "malformed XML: more than one root element")
				}
				s.root = n
			} else {
				p := stack[len(stack)-1]
				p.items = append(p.items, item{el: n})
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimFunc(t, isXMLSpace)) > 0 {
					return nil, s.errAt(off, "malformed XML: text outside the root element")
				}
				continue
			}
			p := stack[len(stack)-1]
			if k := len(p.items); k > 0 && p.items[k-1].el == nil {
				p.items[k-1].text += string(t)
			} else {
				p.items = append(p.items, item{text: string(t)})
			}
		}
	}
	if s.root == nil {
		return nil, s.errAt(len(text), "no root element: not an XML file")
	}
	return s, nil
}
