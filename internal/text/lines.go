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
	letter := func(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }
	// the whole word, when a line starts inside it
	i := start
	for i > 0 && letter(p.text[i-1]) {
		i--
	}
	var out []int
	for i < end {
		if !letter(p.text[i]) {
			i++
			continue
		}
		j := i
		for j < len(p.text) && letter(p.text[j]) {
			j++
		}
		for _, pt := range h.Points(string(p.text[i:j])) {
			if at := i + pt; at > start && at < end && !p.inside(at) {
				out = append(out, at)
			}
		}
		i = j
	}
	return out
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
// the size of st (the style it was shaped with gives weight, direction and
// language). A word wider than a line is broken between grapheme clusters.
// An empty paragraph gives one empty line, so that it still takes its height.
func (p *Paragraph) Lines(width, size float64) []Line {
	n := len(p.text)
	if n == 0 {
		return []Line{p.line(0, 0, size)}
	}
	prefix := make([]float64, n+1)
	for i, a := range p.advance {
		prefix[i+1] = prefix[i] + a
	}
	max := width/size + 1e-9
	fits := func(a, b int) bool { return prefix[p.trim(a, b)]-prefix[a] <= max }

	var lines []Line
	cands := append(slices.Clone(p.breaks), n)
	ci := 0
	for start := 0; start < n; {
		for ci < len(cands) && cands[ci] <= start {
			ci++
		}
		end := -1
		for j := ci; j < len(cands) && fits(start, cands[j]); j++ {
			end = cands[j]
		}
		split, hyph := end < 0, false
		if split {
			// The next word alone is too wide. Break it at its last
			// hyphenation point that fits with the hyphen; failing that,
			// cut it between graphemes, with a hyphen unless the cut is in
			// a protected run (an address must not change), taking at
			// least one grapheme so the loop advances.
			limit := cands[ci]
			hw := p.hyphenWidth()
			for _, h := range p.hyphenPoints(start, limit) {
				if prefix[h]-prefix[start]+hw <= max {
					end, hyph = h, true
				}
			}
			if hyph {
				split = false
			} else {
				first := limit
				from, _ := slices.BinarySearch(p.graphs, start+1)
				for _, g := range p.graphs[from:] {
					if g >= limit {
						break
					}
					first = min(first, g)
					extra := 0.0
					if !p.inside(g) {
						extra = hw
					}
					if !fits(start, g) || prefix[g]-prefix[start]+extra > max {
						break
					}
					end = g
				}
				if end < 0 {
					end = first
				}
				hyph = end < limit && hw > 0 && !p.inside(end)
			}
		}
		ln := p.line(start, end, size)
		ln.Split = split && end < cands[ci]
		ln.Hyphen = hyph && end < cands[ci]
		if ln.Hyphen {
			p.addHyphen(&ln, size)
		}
		lines = append(lines, ln)
		start = end
	}
	return lines
}

// addHyphen sets the paragraph's hyphen at the end of a left-to-right
// line.
func (p *Paragraph) addHyphen(ln *Line, size float64) {
	h := p.hyphen.runs[0]
	g := h.glyphs[0]
	adv := float64(g.advance) * size
	ln.Runs = append(ln.Runs, Run{
		Face: h.face, Size: size * h.face.Scale, X: ln.Width, Width: adv,
		Glyphs:   []Glyph{{ID: g.id, Char: g.char, Advance: adv, XOffset: float64(g.dx) * size, YOffset: float64(g.dy) * size}},
		Clusters: []Cluster{{Glyphs: 1, Text: "-", Natural: g.char == '-'}},
	})
	ln.Width += adv
	a, d := h.face.Metrics()
	ln.Ascent = max(ln.Ascent, a*size)
	ln.Descent = max(ln.Descent, -d*size)
}

// line builds the visual line for runes [start,end): glyphs of clusters in
// range, trailing space dropped, runs reordered by UAX #9 rule L2.
func (p *Paragraph) line(start, end int, size float64) Line {
	ln := Line{RTL: p.style.RTL, Start: start, End: end}
	end = p.trim(start, end)
	type piece struct {
		run   Run
		level bidi.Level
	}
	var pieces []piece
	var inkTop, inkBottom float64 // ems
	// runs are in logical order: skip those that end before the line
	first := 0
	if p.runsOrdered {
		first, _ = slices.BinarySearchFunc(p.runs, start, func(r shapedRun, start int) int { return cmp.Compare(r.end, start+1) })
	}
	for _, sr := range p.runs[first:] {
		if sr.start >= end {
			break
		}
		if sr.end <= start {
			continue
		}
		lo, hi := max(sr.start, start), min(sr.end, end)
		run := Run{Face: sr.face, Size: size * sr.face.Scale, RTL: sr.level%2 == 1}
		lastCluster := -1
		g0, g1 := sr.glyphRange(lo, hi)
		for _, g := range sr.glyphs[g0:g1] {
			c := int(g.cluster)
			if c < lo || c >= hi {
				continue
			}
			inkTop, inkBottom = max(inkTop, float64(g.top)), min(inkBottom, float64(g.bottom))
			adv := float64(g.advance) * size
			run.Glyphs = append(run.Glyphs, Glyph{
				ID:      g.id,
				Char:    g.char,
				Advance: adv,
				XOffset: float64(g.dx) * size,
				YOffset: float64(g.dy) * size,
			})
			run.Width += adv
			if n := len(run.Clusters); n > 0 && lastCluster == c {
				run.Clusters[n-1].Glyphs++
				run.Clusters[n-1].Natural = false
				continue
			}
			lastCluster = c
			run.Clusters = append(run.Clusters, Cluster{
				Glyphs:  1,
				Text:    p.texts[c],
				Natural: g.char == p.text[c] && p.texts[c] == string(g.char),
			})
		}
		if len(run.Glyphs) == 0 {
			continue
		}
		pieces = append(pieces, piece{run, sr.level})
	}

	// L2: from the highest level down to the lowest odd level, reverse
	// every sequence of runs at that level or higher.
	var hiLevel, loOdd bidi.Level = 0, 127
	for _, pc := range pieces {
		hiLevel = max(hiLevel, pc.level)
		if pc.level%2 == 1 {
			loOdd = min(loOdd, pc.level)
		}
	}
	for lvl := hiLevel; lvl >= loOdd && lvl > 0; lvl-- {
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

	x := 0.0
	for _, pc := range pieces {
		pc.run.X = x
		x += pc.run.Width
		ln.Runs = append(ln.Runs, pc.run)
	}
	ln.Width = x
	p.metrics(&ln, size)
	// a glyph that reaches beyond the faces' line metrics (stacked marks)
	// makes room for itself: nothing is clipped or overlaps the next line
	ln.Ascent = max(ln.Ascent, inkTop*size)
	ln.Descent = max(ln.Descent, -inkBottom*size)
	return ln
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
