// Package tomlpos finds where keys stand in a TOML document, so that errors
// found after decoding (a duplicate id, an unknown field type) can name the
// line and column, as decoding errors do. BurntSushi/toml keeps positions
// internally but does not export them.
//
// Paths name tables, arrays of tables and keys the way the decoded data
// does: "section.2.field.0.type" is the key type of the first field of the
// third section (array indexes count from 0); inline arrays of inline
// tables count the same way ("columns.1.id").
package tomlpos

import (
	"strconv"
	"strings"
)

// Pos is a 1-based line and column.
type Pos struct{ Line, Col int }

// Index maps key paths to positions.
type Index map[string]Pos

// Lookup returns the position of path, or of its nearest ancestor that has
// one, so an error always points somewhere useful.
func (ix Index) Lookup(path string) Pos {
	for {
		if p, ok := ix[path]; ok {
			return p
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return Pos{}
		}
		path = path[:i]
	}
}

// Scan indexes the keys of a TOML document. It understands what forms and
// locale files use: tables, arrays of tables, dotted and quoted keys,
// basic and literal strings (also multi-line), arrays and inline tables.
// Text it cannot follow is skipped; a malformed document is reported by
// the decoder, not here.
func Scan(src string) Index {
	s := &scanner{src: src, line: 1, col: 1, ix: Index{}, counts: map[string]int{}}
	s.document()
	return s.ix
}

type scanner struct {
	src       string
	i         int
	line, col int
	ix        Index
	counts    map[string]int // array-of-tables path -> elements seen
	depth     int            // arrays and inline tables open
}

// maxDepth is how deep arrays and inline tables are followed; deeper
// values are skipped as text, so hostile nesting cannot exhaust the stack.
const maxDepth = 64

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
}

func (s *scanner) next() byte {
	c := s.src[s.i]
	s.i++
	if c == '\n' {
		s.line++
		s.col = 1
	} else if c < 0x80 || c >= 0xC0 {
		s.col++
	}
	return c
}

func (s *scanner) pos() Pos { return Pos{s.line, s.col} }

// skipSpace skips blanks and comments; with newlines it also skips line ends.
func (s *scanner) skipSpace(newlines bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.next()
		case c == '\n' && newlines:
			s.next()
		case c == '#':
			for !s.eof() && s.peek() != '\n' {
				s.next()
			}
		default:
			return
		}
	}
}

func (s *scanner) skipLine() {
	for !s.eof() && s.next() != '\n' {
	}
}

func (s *scanner) document() {
	table := ""
	for {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		if s.peek() == '[' {
			at := s.pos()
			s.next()
			array := s.peek() == '['
			if array {
				s.next()
			}
			s.skipSpace(false)
			key, ok := s.key()
			if !ok {
				s.skipLine()
				continue
			}
			name := strings.Join(key, ".")
			path := s.resolve(name)
			if array {
				n := s.counts[path]
				s.counts[path] = n + 1
				path += "." + strconv.Itoa(n)
			}
			s.ix[path] = at
			table = path
			s.skipLine()
			continue
		}
		s.keyValue(table)
	}
}

// resolve turns a dotted table name into a path with the current index of
// every array of tables it passes through ("section.field" →
// "section.2.field").
func (s *scanner) resolve(name string) string {
	parts := strings.Split(name, ".")
	out := ""
	for i, p := range parts {
		out = join(out, p)
		if i < len(parts)-1 {
			if n := s.counts[out]; n > 0 {
				out += "." + strconv.Itoa(n-1)
			}
		}
	}
	return out
}

// key reads a possibly dotted, possibly quoted key.
func (s *scanner) key() ([]string, bool) {
	var parts []string
	for {
		s.skipSpace(false)
		var part string
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			str, ok := s.str()
			if !ok {
				return nil, false
			}
			part = str
		case isBare(c):
			start := s.i
			for !s.eof() && isBare(s.peek()) {
				s.next()
			}
			part = s.src[start:s.i]
		default:
			return parts, len(parts) > 0
		}
		parts = append(parts, part)
		s.skipSpace(false)
		if s.peek() != '.' {
			return parts, true
		}
		s.next()
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func (s *scanner) keyValue(table string) {
	at := s.pos()
	key, ok := s.key()
	if !ok || s.peek() != '=' {
		s.skipLine()
		return
	}
	s.next()
	path := join(table, strings.Join(key, "."))
	s.ix[path] = at
	s.skipSpace(false)
	s.value(path)
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// value skips one value, indexing the keys of inline tables and the
// elements of arrays under path.
func (s *scanner) value(path string) {
	c := s.peek()
	if (c == '[' || c == '{') && s.depth >= maxDepth {
		s.skipLine()
		return
	}
	switch c {
	case '"', '\'':
		s.str()
	case '[':
		n := 0
		s.items(']', func() {
			elem := path + "." + strconv.Itoa(n)
			n++
			s.ix[elem] = s.pos()
			s.value(elem)
		})
	case '{':
		s.items('}', func() { s.keyValue(path) })
	default:
		for !s.eof() {
			c := s.peek()
			if c == ',' || c == ']' || c == '}' || c == '\n' || c == '#' {
				return
			}
			s.next()
		}
	}
}

// items skips the opening bracket of an array or inline table and reads
// its items with item, each followed by an optional comma, up to end.
func (s *scanner) items(end byte, item func()) {
	s.depth++
	defer func() { s.depth-- }()
	s.next()
	for {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		if s.peek() == end {
			s.next()
			return
		}
		before := s.i
		item()
		s.skipSpace(true)
		if s.peek() == ',' {
			s.next()
		}
		if s.i == before {
			// something no item starts with ("}" in "[e }"): step
			// over it, or the loop would never end
			s.next()
		}
	}
}

// str reads a basic or literal string, single- or multi-line.
func (s *scanner) str() (string, bool) {
	q := s.next()
	triple := strings.HasPrefix(s.src[s.i:], string([]byte{q, q}))
	if triple {
		s.next()
		s.next()
	}
	var b strings.Builder
	for !s.eof() {
		c := s.peek()
		if c == q {
			if !triple {
				s.next()
				return b.String(), true
			}
			if strings.HasPrefix(s.src[s.i:], string([]byte{q, q, q})) {
				s.next()
				s.next()
				s.next()
				for s.peek() == q { // up to two quotes may close the content
					s.next()
				}
				return b.String(), true
			}
		}
		if c == '\n' && !triple {
			return b.String(), false
		}
		if c == '\\' && q == '"' {
			s.next()
			if s.eof() {
				break
			}
		}
		b.WriteByte(s.next())
	}
	return b.String(), false
}
