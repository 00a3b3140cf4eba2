// Package hyphen finds where a German word may be hyphenated, with Frank
// Liang's pattern method (as TeX and libhyphen do) over the German patterns
// of Debian's hyphen-de package, which it embeds (patterns/README.md says
// where they come from and under which licence).
//
// The pattern file has two levels, in libhyphen's format: the first level
// finds the boundaries of compounds, the second hyphenates syllables; see
// Points for how the two are joined.
package hyphen

import (
	"bufio"
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed patterns/hyph_de_DE.dic
var germanDic []byte

// Shortest pieces a hyphen may leave of a whole word, in letters: a line
// never ends or starts with fewer than three letters of a broken word.
const (
	MinLeft  = 3
	MinRight = 3
)

// Hyphenator holds the patterns of one language.
type Hyphenator struct {
	levels []level
	// compoundLeft and compoundRight are the fewest letters a
	// first-level (compound) break leaves before and after it; partLeft
	// and partRight the same for a second-level break inside a part.
	compoundLeft, compoundRight int
	partLeft, partRight         int
}

// level is one level of Liang patterns: the letters of a pattern map to
// the digits between them (len(letters)+1 values).
type level struct {
	pats   map[string]int32 // where the pattern's digits start in digits
	digits []byte
	maxLen int // longest pattern, in runes, dots included
}

var german = sync.OnceValues(func() (*Hyphenator, error) {
	h, err := Parse(germanDic)
	if err != nil {
		return nil, fmt.Errorf("hyphenation patterns patterns/hyph_de_DE.dic: %w", err)
	}
	return h, nil
})

// German returns the German patterns, read once from the embedded file.
func German() (*Hyphenator, error) { return german() }

// Parse reads a pattern file in libhyphen's format: the character set on
// the first line (ISO8859-1 or UTF-8), then patterns one per line, with
// keywords such as LEFTHYPHENMIN and NEXTLEVEL (which starts the next
// level). Comments start with %% or #. Patterns with a non-standard
// change (libhyphen's "/") and patterns of characters other than letters
// and the word boundary "." are skipped: words are hyphenated letter by
// letter.
func Parse(data []byte) (*Hyphenator, error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 4096), 1<<20)
	p := &parser{
		h:      &Hyphenator{compoundLeft: 2, compoundRight: 2, partLeft: 2, partRight: 2},
		latin1: true,
		cur:    level{pats: make(map[string]int32, 1<<16)},
	}
	for n := 1; sc.Scan(); n++ {
		if err := p.line(n, sc.Bytes()); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return p.finish()
}

// parser reads a pattern file line by line.
type parser struct {
	h      *Hyphenator // the levels read so far and the keywords' values
	cur    level       // the level being read
	latin1 bool        // the file is ISO 8859-1 (or -15), not UTF-8
	buf    []byte      // a line decoded from ISO 8859-1
}

// charsets are the character sets a pattern file may declare, each with
// whether it is read as ISO 8859-1 (one byte a letter) rather than UTF-8.
var charsets = map[string]bool{
	"UTF-8":       false,
	"ISO8859-1":   true,
	"ISO-8859-1":  true,
	"ISO8859-15":  true,
	"ISO-8859-15": true,
}

// line reads line n of the file: the character set on the first line,
// then a comment, a keyword (upper case) or a pattern.
func (p *parser) line(n int, raw []byte) error {
	if n == 1 {
		return p.charset(raw)
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] == '#' || raw[0] == '%' {
		return nil
	}
	raw, err := p.decode(raw)
	if err != nil {
		return fmt.Errorf("line %d: %w", n, err)
	}
	if raw[0] < 'A' || raw[0] > 'Z' {
		pattern(raw, &p.cur)
		return nil
	}
	if err := p.keyword(strings.Fields(string(raw))); err != nil {
		return fmt.Errorf("line %d: %w", n, err)
	}
	return nil
}

// charset reads the character set of the first line.
func (p *parser) charset(raw []byte) error {
	enc := strings.TrimSpace(string(raw))
	latin1, ok := charsets[strings.ToUpper(enc)]
	if !ok {
		return fmt.Errorf("line 1: character set %q: want ISO8859-1 or UTF-8", enc)
	}
	p.latin1 = latin1
	return nil
}

// decode returns a line as UTF-8.
func (p *parser) decode(raw []byte) ([]byte, error) {
	if p.latin1 {
		p.buf = fromLatin1(p.buf[:0], raw)
		return p.buf, nil
	}
	if !utf8.Valid(raw) {
		return nil, errors.New("not UTF-8")
	}
	return raw, nil
}

// keyword applies a keyword line: NEXTLEVEL ends a level, the HYPHENMIN
// keywords set how few letters a break may leave. Other keywords are
// ignored.
func (p *parser) keyword(f []string) error {
	if f[0] == "NEXTLEVEL" {
		p.h.levels = append(p.h.levels, p.cur)
		p.cur = level{pats: make(map[string]int32, 1<<13)}
		return nil
	}
	rule := p.h.minimum(f[0])
	if rule == nil {
		return nil
	}
	v, err := number(f)
	if err != nil {
		return err
	}
	*rule = v
	return nil
}

// minimum returns the fewest-letters rule a HYPHENMIN keyword sets, or nil.
func (h *Hyphenator) minimum(keyword string) *int {
	switch keyword {
	case "COMPOUNDLEFTHYPHENMIN":
		return &h.compoundLeft
	case "COMPOUNDRIGHTHYPHENMIN":
		return &h.compoundRight
	case "LEFTHYPHENMIN":
		return &h.partLeft
	case "RIGHTHYPHENMIN":
		return &h.partRight
	}
	return nil
}

// finish ends the last level and checks the levels.
func (p *parser) finish() (*Hyphenator, error) {
	h := p.h
	h.levels = append(h.levels, p.cur)
	if len(h.levels) > 2 {
		return nil, fmt.Errorf("%d levels of patterns: want one or two", len(h.levels))
	}
	for _, l := range h.levels {
		if len(l.pats) == 0 {
			return nil, fmt.Errorf("a level without patterns")
		}
	}
	return h, nil
}

func number(f []string) (int, error) {
	if len(f) != 2 {
		return 0, fmt.Errorf("%s takes one number", f[0])
	}
	var v int
	if _, err := fmt.Sscanf(f[1], "%d", &v); err != nil || v < 0 {
		return 0, fmt.Errorf("%s %q: want a number", f[0], f[1])
	}
	return v, nil
}

// fromLatin1 appends ISO 8859-1 text b to dst as UTF-8.
func fromLatin1(dst, b []byte) []byte {
	for _, c := range b {
		dst = utf8.AppendRune(dst, rune(c))
	}
	return dst
}

// pattern adds a Liang pattern such as ".ab3a4s" to l: its letters
// (".abas") map to the digit before each letter and after the last. It
// reports false for a pattern it skips.
func pattern(s []byte, l *level) bool {
	letters := make([]byte, 0, len(s))
	start := len(l.digits)
	l.digits = append(l.digits, 0)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			l.digits[len(l.digits)-1] = c - '0'
			i++
			continue
		case c == '.' || c >= 'a' && c <= 'z':
			letters = append(letters, c)
			i++
		default:
			r, n := utf8.DecodeRune(s[i:])
			if !unicode.IsLetter(r) {
				l.digits = l.digits[:start]
				return false
			}
			letters = utf8.AppendRune(letters, unicode.ToLower(r))
			i += n
		}
		l.digits = append(l.digits, 0)
	}
	if len(letters) == 0 {
		l.digits = l.digits[:start]
		return false
	}
	key := string(letters)
	if old, dup := l.pats[key]; dup {
		// the same letters twice: the higher digit of each place
		for k := range len(l.digits) - start {
			l.digits[int(old)+k] = max(l.digits[int(old)+k], l.digits[start+k])
		}
		l.digits = l.digits[:start]
		return true
	}
	l.pats[key] = int32(start)
	l.maxLen = max(l.maxLen, utf8.RuneCount(letters))
	return true
}

// Points returns where word may be hyphenated: the counts of runes before
// each break, ascending, each leaving at least MinLeft letters before it
// and MinRight after it. word is one word of letters; a word with any
// other character gives no points.
func (h *Hyphenator) Points(word string) []int {
	runes := []rune(strings.ToLower(word))
	if len(runes) < MinLeft+MinRight {
		return nil
	}
	for _, r := range runes {
		if !unicode.IsLetter(r) {
			return nil
		}
	}
	// The compound level's breaks, and the second level's over the whole
	// word (not over each part, as libhyphen does: a compound pattern
	// found inside a longer word can break after a joining s,
	// "Aufenthaltser-laubnis", where the second level knows better). Where
	// the two disagree by one letter ("Leben-s-partner"), the compound
	// break wins; no piece of one letter is left between two breaks.
	var compound []int
	if len(h.levels) == 2 {
		compound = h.levels[0].points(runes, h.compoundLeft, h.compoundRight)
	}
	last := h.levels[len(h.levels)-1]
	var points []int
	for _, p := range last.points(runes, h.partLeft, h.partRight) {
		if !slices.ContainsFunc(compound, func(c int) bool { return c == p-1 || c == p+1 }) {
			points = append(points, p)
		}
	}
	points = append(points, compound...)
	slices.Sort(points)
	points = slices.Compact(points)
	kept := points[:0]
	for _, p := range points {
		if n := len(kept); n > 0 && p-kept[n-1] < 2 {
			continue
		}
		kept = append(kept, p)
	}
	points = kept
	var out []int
	for _, p := range points {
		if p >= MinLeft && p <= len(runes)-MinRight {
			out = append(out, p)
		}
	}
	return out
}

// points applies the level's patterns to word: the odd values between
// letters are the breaks, leaving left and right letters at least.
func (l level) points(word []rune, left, right int) []int {
	w := "." + string(word) + "."
	// byte offset of each rune of w, and one past the end
	offs := make([]int, 0, len(word)+3)
	for i := range w {
		offs = append(offs, i)
	}
	offs = append(offs, len(w))
	n := len(offs) - 1 // runes in w
	vals := make([]byte, n+1)
	for i := range n {
		for j := i + 1; j <= n && j-i <= l.maxLen; j++ {
			at, ok := l.pats[w[offs[i]:offs[j]]]
			if !ok {
				continue
			}
			d := l.digits[at : int(at)+j-i+1]
			for k, v := range d {
				vals[i+k] = max(vals[i+k], v)
			}
		}
	}
	var out []int
	// the break after the p-th letter of word is before rune p+1 of w
	for p := max(left, 1); p <= len(word)-max(right, 1); p++ {
		if vals[p+1]%2 == 1 {
			out = append(out, p)
		}
	}
	return out
}
