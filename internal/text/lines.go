package text

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"formgen/internal/text/hyphen"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/segmenter"
)

// Line is one line of a broken paragraph, ready to draw: its runs are in
// visual order from left to right, and every measure is in points.
type Line struct {
	Runs    []Run
	Width   float64 // advance of the line, trailing spaces excluded
	Ascent  float64 // above the baseline
	Descent float64 // below the baseline, positive
	RTL     bool    // paragraph direction, for alignment
	// Hyphen is true when the line ends inside a word with a hyphen that
	// the layer added: at a hyphenation point of a German word, or where
	// a word that fits no line had to be cut.
	Hyphen bool
	// Split is true when the line ends inside a word that was too wide
	// for a line of its own and that had no hyphenation point to break at
	// (cut between two characters).
	Split bool
	// Start and End are the runes of the text the line holds, counted
	// in the NFC-normalised text given to Layout (line feeds included).
	Start, End int
}

// Run is a piece of a line in one face and one direction.
type Run struct {
	Face     *Face
	Size     float64 // points: the style's size times the face's scale
	RTL      bool
	X        float64 // left edge, from the left edge of the line
	Width    float64
	Glyphs   []Glyph   // visual order
	Clusters []Cluster // visual order; together they cover Glyphs
	// Logical is the run's place in the line's logical order (the order
	// of the text), 0 for the first: the runs stand in visual order.
	Logical int
}

// Glyph is one positioned glyph; offsets are relative to the pen position,
// y upwards.
type Glyph struct {
	ID uint16
	// Char is the character whose glyph in the face's cmap this is (a
	// PDF can name the glyph by it), or 0: a joined form, a ligature.
	Char             rune
	Advance          float64
	XOffset, YOffset float64
}

// Cluster is a group of glyphs that stands for a piece of text that cannot
// be split further (a letter with its marks, a ligature).
type Cluster struct {
	Glyphs int    // how many of the run's glyphs, in visual order, belong to it
	Text   string // the logical text they stand for
	// Natural is true when the cluster is one glyph that the face's cmap
	// gives for its one character: a PDF can name it by that character.
	Natural bool
}

// findBreaks finds where a line may begin: at the opportunities of UAX
// #14, but never inside a protected run (an e-mail address, a telephone
// number, a legal citation: Protected).
func (p *Paragraph) findBreaks() {
	var seg segmenter.Segmenter
	seg.Init(p.text)
	p.protect = Protected(string(p.text))
	lines := seg.LineIterator()
	for lines.Next() {
		if off := lines.Line().Offset; off > 0 && !p.inside(off) {
			p.breaks = append(p.breaks, off)
		}
	}
	graphs := seg.GraphemeIterator()
	for graphs.Next() {
		p.graphs = append(p.graphs, graphs.Grapheme().Offset)
	}
	p.space = make([]bool, len(p.text))
	for i, r := range p.text {
		p.space[i] = unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f'
	}
	p.trimmed = make([]int32, len(p.text)+1)
	for i := range p.text {
		p.trimmed[i+1] = int32(i + 1)
		if p.space[i] {
			p.trimmed[i+1] = p.trimmed[i]
		}
	}
}

// inside reports whether a line starting at rune i would break a
// protected run.
func (p *Paragraph) inside(i int) bool {
	for _, r := range p.protect {
		if r.Start < i && i < r.End {
			return true
		}
	}
	return false
}

// hyphenPoints returns where the words of runes [start,end) may be
// hyphenated, ascending: only in a German paragraph, only in words of
// letters outside protected runs.
func (p *Paragraph) hyphenPoints(start, end int) []int {
	if p.hyphen == nil || !german(p.style.Lang) {
		return nil
	}
	h, err := hyphen.German()
	if err != nil {
		return nil // the embedded patterns are tested: cannot happen
	}
	var out []int
	// from the start of the word a line starts inside
	for i := p.wordStart(start); i < end; {
		if !wordRune(p.text[i]) {
			i++
			continue
		}
		j := p.wordEnd(i)
		for _, pt := range h.Points(string(p.text[i:j])) {
			if at := i + pt; at > start && at < end && !p.inside(at) {
				out = append(out, at)
			}
		}
		i = j
	}
	return out
}

// wordRune reports whether r belongs to a word that may be hyphenated: a
// letter or a mark on one.
func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

// wordStart returns the start of the word rune i is in, or i.
func (p *Paragraph) wordStart(i int) int {
	for i > 0 && wordRune(p.text[i-1]) {
		i--
	}
	return i
}

// wordEnd returns the end of the word rune i is in.
func (p *Paragraph) wordEnd(i int) int {
	for i < len(p.text) && wordRune(p.text[i]) {
		i++
	}
	return i
}

// german reports whether tag is German.
func german(tag string) bool { return tag == "de" || strings.HasPrefix(tag, "de-") }

// hyphenWidth is the advance of the hyphen in ems, 0 without one.
func (p *Paragraph) hyphenWidth() float64 {
	if p.hyphen == nil {
		return 0
	}
	return float64(p.hyphen.runs[0].glyphs[0].advance)
}

// Width returns the natural width of the paragraph on one line, in points.
func (p *Paragraph) Width(size float64) float64 {
	end := p.trim(0, len(p.text))
	var w float64
	for _, a := range p.advance[:end] {
		w += a
	}
	return w * size
}

// trim returns the end of [start,end) without its trailing white space.
func (p *Paragraph) trim(start, end int) int {
	if p.trimmed == nil {
		return start
	}
	return max(start, int(p.trimmed[end]))
}

// Lines breaks the paragraph into lines no wider than width points, at
// size points (the style it was shaped with gives weight, direction and
// language). A word wider than a line is broken at a hyphenation point or
// between grapheme clusters. An empty paragraph gives one empty line, so
// that it still takes its height.
func (p *Paragraph) Lines(width, size float64) []Line {
	n := len(p.text)
	if n == 0 {
		return []Line{p.line(0, 0, size)}
	}
	b := p.newBreaker(width/size + 1e-9)
	var lines []Line
	for start := 0; start < n; {
		end := b.next(start)
		ln := p.line(start, end.at, size)
		ln.Split, ln.Hyphen = end.split, end.hyphen
		if ln.Hyphen {
			p.addHyphen(&ln, size)
		}
		lines = append(lines, ln)
		start = end.at
	}
	return lines
}

// breaker chooses where the lines of a paragraph end, one line after the
// other, for one width. Every measure is in ems.
type breaker struct {
	p      *Paragraph
	prefix []float64 // by rune index: the advance of the runes before it
	max    float64   // the width of a line
	hw     float64   // the width of the hyphen, 0 without one
	cands  []int     // where a line may end: the breaks, then the paragraph's end
	ci     int       // the first candidate after the start of the line being broken
}

// lineEnd is where a line ends, and whether a word is broken there.
type lineEnd struct {
	at     int  // the rune after the line
	hyphen bool // the line ends with a hyphen the layer adds
	split  bool // a word that fits no line is cut where it has no hyphenation point
}

// newBreaker returns a breaker for lines width ems wide.
func (p *Paragraph) newBreaker(width float64) *breaker {
	prefix := make([]float64, len(p.text)+1)
	for i, a := range p.advance {
		prefix[i+1] = prefix[i] + a
	}
	return &breaker{p: p, prefix: prefix, max: width, hw: p.hyphenWidth(),
		cands: append(slices.Clone(p.breaks), len(p.text))}
}

// width is the advance of runes [from, to), white space at its end
// included.
func (b *breaker) width(from, to int) float64 { return b.prefix[to] - b.prefix[from] }

// fits reports whether runes [from, to) fit a line, their trailing white
// space left out.
func (b *breaker) fits(from, to int) bool { return b.width(from, b.p.trim(from, to)) <= b.max }

// next returns where the line starting at rune start ends: at its last
// break opportunity that fits. When the next word alone is too wide, it is
// broken at its last hyphenation point that fits with the hyphen; failing
// that, cut between graphemes.
func (b *breaker) next(start int) lineEnd {
	for b.cands[b.ci] <= start {
		b.ci++
	}
	if end, ok := b.lastFittingBreak(start); ok {
		return lineEnd{at: end}
	}
	limit := b.cands[b.ci] // the end of the word that is too wide
	if end, ok := b.lastHyphenationPoint(start, limit); ok {
		return lineEnd{at: end, hyphen: true}
	}
	end := b.graphemeCut(start, limit)
	cut := end < limit
	return lineEnd{at: end, split: cut, hyphen: cut && b.hw > 0 && !b.p.inside(end)}
}

// lastFittingBreak returns the last break opportunity after start up to
// which the text fits a line; ok is false when the text up to the first
// does not fit.
func (b *breaker) lastFittingBreak(start int) (end int, ok bool) {
	end = -1
	for _, c := range b.cands[b.ci:] {
		if !b.fits(start, c) {
			break
		}
		end = c
	}
	return end, end >= 0
}

// lastHyphenationPoint returns the last hyphenation point of the words in
// [start, limit) up to which the text fits a line with the hyphen added.
func (b *breaker) lastHyphenationPoint(start, limit int) (end int, ok bool) {
	end = -1
	for _, h := range b.p.hyphenPoints(start, limit) {
		if b.width(start, h)+b.hw <= b.max {
			end = h
		}
	}
	return end, end >= 0
}

// graphemeCut returns the last grapheme boundary in (start, limit) up to
// which the text fits a line, with room for a hyphen unless the cut is in a
// protected run (an address must not change). It takes at least one
// grapheme, so that breaking advances, and returns limit when the text up
// to it is one grapheme.
func (b *breaker) graphemeCut(start, limit int) int {
	end, first := -1, limit
	from, _ := slices.BinarySearch(b.p.graphs, start+1)
	for _, g := range b.p.graphs[from:] {
		if g >= limit {
			break
		}
		first = min(first, g)
		if !b.fitsCut(start, g) {
			break
		}
		end = g
	}
	if end < 0 {
		return first
	}
	return end
}

// fitsCut reports whether runes [start, g) fit a line that is cut at g,
// with the hyphen a cut outside a protected run adds.
func (b *breaker) fitsCut(start, g int) bool {
	extra := 0.0
	if !b.p.inside(g) {
		extra = b.hw
	}
	return b.fits(start, g) && b.width(start, g)+extra <= b.max
}

// addHyphen sets the paragraph's hyphen at the end of a left-to-right
// line.
func (p *Paragraph) addHyphen(ln *Line, size float64) {
	h := p.hyphen.runs[0]
	g := h.glyphs[0].at(size)
	ln.Runs = append(ln.Runs, Run{
		Face: h.face, Size: size * h.face.Scale, X: ln.Width, Width: g.Advance,
		Glyphs:   []Glyph{g},
		Clusters: []Cluster{{Glyphs: 1, Text: "-", Natural: g.Char == '-'}},
	})
	ln.Width += g.Advance
	a, d := h.face.Metrics()
	ln.Ascent = max(ln.Ascent, a*size)
	ln.Descent = max(ln.Descent, -d*size)
}

// piece is the part of a shaped run that a line holds, with its bidi
// embedding level.
type piece struct {
	run   Run
	level bidi.Level
}

// ink is how far glyphs reach above (top) and below (bottom) the
// baseline, in ems, y up.
type ink struct{ top, bottom float64 }

// join returns the extent of both.
func (i ink) join(o ink) ink { return ink{max(i.top, o.top), min(i.bottom, o.bottom)} }

// line builds the visual line for runes [start,end): glyphs of clusters in
// range, trailing space dropped, runs reordered by UAX #9 rule L2.
func (p *Paragraph) line(start, end int, size float64) Line {
	ln := Line{RTL: p.style.RTL, Start: start, End: end}
	pieces, reach := p.pieces(start, p.trim(start, end), size)
	for i := range pieces {
		pieces[i].run.Logical = i
	}
	reorder(pieces)
	for _, pc := range pieces {
		pc.run.X = ln.Width
		ln.Width += pc.run.Width
		ln.Runs = append(ln.Runs, pc.run)
	}
	p.metrics(&ln, size)
	// a glyph that reaches beyond the faces' line metrics (stacked marks)
	// makes room for itself: nothing is clipped or overlaps the next line
	ln.Ascent = max(ln.Ascent, reach.top*size)
	ln.Descent = max(ln.Descent, -reach.bottom*size)
	return ln
}

// pieces returns, in logical order, the pieces of the runs that hold runes
// [start,end) at size, and how far their glyphs reach.
func (p *Paragraph) pieces(start, end int, size float64) ([]piece, ink) {
	var pieces []piece
	var reach ink
	for _, sr := range p.runsFrom(start) {
		if sr.start >= end {
			break
		}
		if sr.end <= start {
			continue
		}
		run, r := p.cut(&sr, max(sr.start, start), min(sr.end, end), size)
		reach = reach.join(r)
		if len(run.Glyphs) > 0 {
			pieces = append(pieces, piece{run, sr.level})
		}
	}
	return pieces, reach
}

// runsFrom returns the runs from the first that may hold rune start on:
// those before it, which end before start, are skipped when the runs are
// in order.
func (p *Paragraph) runsFrom(start int) []shapedRun {
	if !p.runsOrdered {
		return p.runs
	}
	first, _ := slices.BinarySearchFunc(p.runs, start, func(r shapedRun, start int) int { return cmp.Compare(r.end, start+1) })
	return p.runs[first:]
}

// cut returns the glyphs of sr whose clusters start in runes [lo,hi), as a
// run at size, and how far they reach.
func (p *Paragraph) cut(sr *shapedRun, lo, hi int, size float64) (Run, ink) {
	run := Run{Face: sr.face, Size: size * sr.face.Scale, RTL: sr.level%2 == 1}
	var reach ink
	lastCluster := -1
	g0, g1 := sr.glyphRange(lo, hi)
	run.Glyphs = make([]Glyph, 0, g1-g0)
	run.Clusters = make([]Cluster, 0, g1-g0)
	for _, g := range sr.glyphs[g0:g1] {
		c := int(g.cluster)
		if c < lo || c >= hi {
			continue
		}
		reach = reach.join(ink{float64(g.top), float64(g.bottom)})
		gl := g.at(size)
		run.Glyphs = append(run.Glyphs, gl)
		run.Width += gl.Advance
		if c == lastCluster {
			// one more glyph of the cluster: no longer its character's own
			run.Clusters[len(run.Clusters)-1].Glyphs++
			run.Clusters[len(run.Clusters)-1].Natural = false
			continue
		}
		lastCluster = c
		run.Clusters = append(run.Clusters, Cluster{
			Glyphs:  1,
			Text:    p.texts[c],
			Natural: g.char == p.text[c] && p.texts[c] == string(g.char),
		})
	}
	return run, reach
}

// at returns the glyph scaled to size.
func (g shapedGlyph) at(size float64) Glyph {
	return Glyph{
		ID:      g.id,
		Char:    g.char,
		Advance: float64(g.advance) * size,
		XOffset: float64(g.dx) * size,
		YOffset: float64(g.dy) * size,
	}
}

// reorder puts the pieces of a line in visual order by UAX #9 rule L2:
// from the highest level down to the lowest odd level, it reverses every
// sequence of pieces at that level or higher.
func reorder(pieces []piece) {
	var hiLevel, loOdd bidi.Level = 0, 127
	for _, pc := range pieces {
		hiLevel = max(hiLevel, pc.level)
		if pc.level%2 == 1 {
			loOdd = min(loOdd, pc.level)
		}
	}
	for lvl := hiLevel; lvl >= loOdd && lvl > 0; lvl-- {
		reverseAtLeast(pieces, lvl)
	}
}

// reverseAtLeast reverses every longest sequence of pieces at level lvl or
// higher.
func reverseAtLeast(pieces []piece, lvl bidi.Level) {
	for i := 0; i < len(pieces); {
		if pieces[i].level < lvl {
			i++
			continue
		}
		j := i
		for j < len(pieces) && pieces[j].level >= lvl {
			j++
		}
		slices.Reverse(pieces[i:j])
		i = j
	}
}

// glyphRange returns the glyphs [i, j) of the run that may belong to
// clusters in runes [lo, hi): HarfBuzz gives a left-to-right run's
// clusters in ascending order and a right-to-left one's in descending
// order, so a line need not look at every glyph of a long run. A run
// that is not in order is searched whole.
func (sr *shapedRun) glyphRange(lo, hi int) (int, int) {
	gs := sr.glyphs
	if !sr.ordered {
		return 0, len(gs)
	}
	if sr.level%2 == 0 {
		i, _ := slices.BinarySearchFunc(gs, lo, func(g shapedGlyph, c int) int { return cmp.Compare(int(g.cluster), c) })
		j, _ := slices.BinarySearchFunc(gs, hi, func(g shapedGlyph, c int) int { return cmp.Compare(int(g.cluster), c) })
		return i, j
	}
	// descending: find the first glyph below hi, then the first below lo
	i, _ := slices.BinarySearchFunc(gs, hi, func(g shapedGlyph, c int) int { return cmp.Compare(c-1, int(g.cluster)) })
	j, _ := slices.BinarySearchFunc(gs, lo, func(g shapedGlyph, c int) int { return cmp.Compare(c-1, int(g.cluster)) })
	return i, j
}

// metrics sets the line's ascent and descent from the faces it uses, or
// from the first face of the stack for an empty line.
func (p *Paragraph) metrics(ln *Line, size float64) {
	faces := make([]*Face, 0, len(ln.Runs))
	for _, r := range ln.Runs {
		faces = append(faces, r.Face)
	}
	if len(faces) == 0 && len(p.runs) > 0 {
		faces = append(faces, p.runs[0].face)
	}
	if len(faces) == 0 && p.primary != nil {
		faces = append(faces, p.primary)
	}
	for _, f := range faces {
		a, d := f.Metrics()
		ln.Ascent = max(ln.Ascent, a*size)
		ln.Descent = max(ln.Descent, -d*size)
	}
}

// Layout shapes str (which may hold line feeds) in style st and breaks it
// into lines no wider than width points.
func (s *Shaper) Layout(str string, st Style, width float64) ([]Line, error) {
	var lines []Line
	offset := 0 // runes of the paragraphs before, with their line feeds
	for para := range strings.SplitSeq(lineFeeds.Replace(str), "\n") {
		p, err := s.Shape(para, st)
		if err != nil {
			return nil, err
		}
		for _, l := range p.Lines(width, st.Size) {
			l.Start += offset
			l.End += offset
			lines = append(lines, l)
		}
		offset += len(p.text) + 1
	}
	return lines, nil
}

// Measure returns the width, in points, of the widest line of str when
// nothing is broken.
func (s *Shaper) Measure(str string, st Style) (float64, error) {
	var w float64
	for para := range strings.SplitSeq(lineFeeds.Replace(str), "\n") {
		p, err := s.Shape(para, st)
		if err != nil {
			return 0, err
		}
		w = max(w, p.Width(st.Size))
	}
	return w, nil
}

// lineFeeds turns every line end (CR LF, a lone CR) into LF.
var lineFeeds = strings.NewReplacer("\r\n", "\n", "\r", "\n")
