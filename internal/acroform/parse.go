package acroform

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"unicode/utf16"
)

// The PDF objects this package reads: nil (null), bool, int64, float64,
// name, string (a PDF string's bytes), []any, dict, ref, and *stream.
type (
	name string
	dict map[name]any
	ref  struct{ num, gen int }
)

type stream struct {
	d    dict
	data []byte // as stored, before any filter
}

// file is a PDF's objects by number. It is read tolerantly, as a viewer
// does with a damaged file: every "n g obj" of the file, later ones
// replacing earlier ones (incremental updates), and the objects of object
// streams; the cross-reference tables are not needed.
type file struct {
	objs map[int]any
	root dict
}

var objStart = regexp.MustCompile(`(\d+)\s+(\d+)\s+obj\b`)

// parse reads a PDF.
func parse(data []byte) (*file, error) {
	if !bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("%PDF-")) {
		return nil, errors.New("not a PDF file")
	}
	f := &file{objs: map[int]any{}}
	trailers := f.readObjects(data)
	// the objects of object streams, where no object of the file itself
	// has the number
	for _, v := range f.objs {
		s, ok := v.(*stream)
		if !ok || s.d["Type"] != name("ObjStm") {
			continue
		}
		if err := f.objStream(s); err != nil {
			return nil, fmt.Errorf("object stream: %w", err)
		}
	}
	for _, i := range allIndex(data, []byte("trailer")) {
		p := &parser{data: data, pos: i + len("trailer")}
		if v, err := p.value(); err == nil {
			if d, ok := v.(dict); ok {
				trailers = append(trailers, d)
			}
		}
	}
	for i := len(trailers) - 1; i >= 0 && f.root == nil; i-- {
		f.root, _ = f.get(trailers[i]["Root"]).(dict)
	}
	if f.root == nil {
		return nil, errors.New("no document catalog (the file is damaged)")
	}
	return f, nil
}

// readObjects reads every object "N G obj" of data into f and returns the
// cross-reference streams among them, which hold a trailer's keys.
func (f *file) readObjects(data []byte) []dict {
	var trailers []dict
	for _, m := range objStart.FindAllSubmatchIndex(data, -1) {
		num, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		p := &parser{data: data, pos: m[1]}
		v, err := p.value()
		if err != nil {
			continue // a match inside a stream's data, or a damaged object
		}
		if d, ok := v.(dict); ok {
			p.skipSpace()
			if bytes.HasPrefix(data[p.pos:], []byte("stream")) {
				v = p.stream(d)
				if d["Type"] == name("XRef") {
					trailers = append(trailers, d)
				}
			}
		}
		f.objs[num] = v
	}
	return trailers
}

func allIndex(data, sep []byte) []int {
	var out []int
	for at := 0; ; {
		i := bytes.Index(data[at:], sep)
		if i < 0 {
			return out
		}
		out = append(out, at+i)
		at += i + len(sep)
	}
}

func (f *file) objStream(s *stream) error {
	data, err := f.decode(s)
	if err != nil {
		return err
	}
	n, _ := f.get(s.d["N"]).(int64)
	first, _ := f.get(s.d["First"]).(int64)
	p := &parser{data: data}
	type entry struct{ num, off int }
	var entries []entry
	for range n {
		a, err1 := p.value()
		b, err2 := p.value()
		ai, ok1 := a.(int64)
		bi, ok2 := b.(int64)
		if err1 != nil || err2 != nil || !ok1 || !ok2 {
			return errors.New("bad header")
		}
		entries = append(entries, entry{int(ai), int(bi)})
	}
	for _, e := range entries {
		if _, ok := f.objs[e.num]; ok {
			continue
		}
		q := &parser{data: data, pos: int(first) + e.off}
		if q.pos > len(data) {
			return errors.New("object beyond the stream")
		}
		if v, err := q.value(); err == nil {
			f.objs[e.num] = v
		}
	}
	return nil
}

// get resolves a reference.
func (f *file) get(v any) any {
	for range 32 {
		r, ok := v.(ref)
		if !ok {
			return v
		}
		v = f.objs[r.num]
	}
	return nil
}

func (f *file) dict(v any) dict {
	switch v := f.get(v).(type) {
	case dict:
		return v
	case *stream:
		return v.d
	}
	return nil
}

// decode returns a stream's data, inflated when it is compressed.
func (f *file) decode(s *stream) ([]byte, error) {
	switch flt := f.get(s.d["Filter"]).(type) {
	case nil:
		return s.data, nil
	case name:
		if flt != "FlateDecode" {
			return nil, fmt.Errorf("filter %s", flt)
		}
	case []any:
		if len(flt) != 1 || f.get(flt[0]) != name("FlateDecode") {
			return nil, errors.New("filters other than FlateDecode")
		}
	}
	r, err := zlib.NewReader(bytes.NewReader(s.data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(r, 64<<20))
}

// text decodes a PDF text string: UTF-16 with a byte order mark, or
// PDFDocEncoding (taken as Latin-1, which it equals for letters).
func text(v any) string {
	s, ok := v.(string)
	if !ok {
		return ""
	}
	if len(s) >= 2 && s[0] == 0xFE && s[1] == 0xFF {
		u := make([]uint16, 0, len(s)/2)
		for i := 2; i+1 < len(s); i += 2 {
			u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return string(utf16.Decode(u))
	}
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}

type parser struct {
	data  []byte
	pos   int
	depth int
}

var errSyntax = errors.New("syntax error")

func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '%':
			for p.pos < len(p.data) && p.data[p.pos] != '\n' && p.data[p.pos] != '\r' {
				p.pos++
			}
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0:
			p.pos++
		default:
			return
		}
	}
}

func delim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/% \t\r\n\f\x00"), c) >= 0
}

func (p *parser) value() (any, error) {
	p.skipSpace()
	if p.pos >= len(p.data) {
		return nil, errSyntax
	}
	if p.depth > 100 {
		return nil, errors.New("nested too deep")
	}
	switch c := p.data[p.pos]; {
	case c == '/':
		p.pos++
		return name(unescapeName(p.token())), nil
	case c == '(':
		return p.literal()
	case c == '<' && p.pos+1 < len(p.data) && p.data[p.pos+1] == '<':
		return p.dict()
	case c == '<':
		return p.hexString()
	case c == '[':
		return p.array()
	case startsNumber(c):
		return p.number()
	}
	switch string(p.token()) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	return nil, errSyntax
}

// startsNumber reports whether a number can start with c.
func startsNumber(c byte) bool {
	return c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9'
}

// token reads up to the next delimiter.
func (p *parser) token() []byte {
	start := p.pos
	for p.pos < len(p.data) && !delim(p.data[p.pos]) {
		p.pos++
	}
	return p.data[start:p.pos]
}

// dict reads a dictionary, << /Key value … >>.
func (p *parser) dict() (any, error) {
	p.pos += 2
	p.depth++
	defer func() { p.depth-- }()
	d := dict{}
	for {
		p.skipSpace()
		if bytes.HasPrefix(p.data[p.pos:], []byte(">>")) {
			p.pos += 2
			return d, nil
		}
		k, err := p.value()
		if err != nil {
			return nil, err
		}
		kn, ok := k.(name)
		if !ok {
			return nil, errSyntax
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		d[kn] = v
	}
}

// hexString reads a string written in hex digits, <4142>.
func (p *parser) hexString() (any, error) {
	end := bytes.IndexByte(p.data[p.pos:], '>')
	if end < 0 {
		return nil, errSyntax
	}
	hex := bytes.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, p.data[p.pos+1:p.pos+end])
	p.pos += end + 1
	if len(hex)%2 == 1 {
		hex = append(hex, '0')
	}
	out := make([]byte, len(hex)/2)
	for i := range out {
		v, err := strconv.ParseUint(string(hex[2*i:2*i+2]), 16, 8)
		if err != nil {
			return nil, errSyntax
		}
		out[i] = byte(v)
	}
	return string(out), nil
}

// array reads an array, [value …].
func (p *parser) array() (any, error) {
	p.pos++
	p.depth++
	defer func() { p.depth-- }()
	var a []any
	for {
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			p.pos++
			return a, nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
}

// number reads a number, or a reference "n g R".
func (p *parser) number() (any, error) {
	tok := string(p.token())
	n, err := strconv.ParseInt(tok, 10, 64)
	if err != nil {
		x, err := strconv.ParseFloat(tok, 64)
		if err != nil {
			return nil, errSyntax
		}
		return x, nil
	}
	// "n g R" is a reference
	save := p.pos
	p.skipSpace()
	gs := p.pos
	for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
		p.pos++
	}
	if p.pos > gs {
		g, _ := strconv.Atoi(string(p.data[gs:p.pos]))
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == 'R' && (p.pos+1 == len(p.data) || delim(p.data[p.pos+1])) {
			p.pos++
			return ref{int(n), g}, nil
		}
	}
	p.pos = save
	return n, nil
}

func (p *parser) literal() (any, error) {
	p.pos++ // (
	var out []byte
	depth := 1
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		p.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out), nil
			}
		case '\\':
			e, ok, err := p.escape()
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			c = e
		}
		out = append(out, c)
	}
	return nil, errSyntax
}

// escapes are the one-letter escapes of a literal string.
var escapes = map[byte]byte{'n': '\n', 'r': '\r', 't': '\t', 'b': '\b', 'f': '\f'}

// escape reads what follows a backslash in a literal string: the byte it
// stands for, or false for a line break that only continues the string.
func (p *parser) escape() (byte, bool, error) {
	if p.pos >= len(p.data) {
		return 0, false, errSyntax
	}
	e := p.data[p.pos]
	p.pos++
	if c, ok := escapes[e]; ok {
		return c, true, nil
	}
	switch e {
	case '\r':
		if p.pos < len(p.data) && p.data[p.pos] == '\n' {
			p.pos++
		}
		return 0, false, nil
	case '\n':
		return 0, false, nil
	}
	if e < '0' || e > '7' {
		return e, true, nil
	}
	v := int(e - '0')
	for k := 0; k < 2 && p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '7'; k++ {
		v = v*8 + int(p.data[p.pos]-'0')
		p.pos++
	}
	return byte(v), true, nil
}

// stream reads the data after "stream": Length bytes where the length is
// given directly, else up to "endstream".
func (p *parser) stream(d dict) *stream {
	p.pos += len("stream")
	if p.pos < len(p.data) && p.data[p.pos] == '\r' {
		p.pos++
	}
	if p.pos < len(p.data) && p.data[p.pos] == '\n' {
		p.pos++
	}
	if n, ok := d["Length"].(int64); ok && n >= 0 && p.pos+int(n) <= len(p.data) {
		end := p.pos + int(n)
		rest := bytes.TrimLeft(p.data[end:min(end+20, len(p.data))], " \r\n")
		if bytes.HasPrefix(rest, []byte("endstream")) {
			s := &stream{d: d, data: p.data[p.pos:end]}
			p.pos = end
			return s
		}
	}
	end := bytes.Index(p.data[p.pos:], []byte("endstream"))
	if end < 0 {
		return &stream{d: d}
	}
	data := bytes.TrimRight(p.data[p.pos:p.pos+end], "\r\n")
	s := &stream{d: d, data: data}
	p.pos += end
	return s
}

func unescapeName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}
