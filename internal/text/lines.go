package text

import (
	"slices"
	"strings"
	"unicode"

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
	// Split is true when the line ends inside a word that was too wide
	// for a line of its own.
	Split bool
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
	ID               uint16
	Advance          float64
	XOffset, YOffset float64
	// Text is what the glyph stands for: usually one character, several
	// for a ligature, none for a glyph whose character another glyph of
	// its cluster already carries.
	Text string
	// Natural is true when Text is one character whose glyph in the
	// face's cmap is this one: a PDF can name the glyph by it.
	Natural bool
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

func (p *Paragraph) findBreaks() {
	var seg segmenter.Segmenter
	seg.Init(p.text)
	lines := seg.LineIterator()
	for lines.Next() {
		if off := lines.Line().Offset; off > 0 {
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
	for end > start && p.space[end-1] {
		end--
	}
	return end
}

// Lines breaks the paragraph into lines no wider than width points, at
// the size of st (the style it was shaped with gives weight, direction and
// language). A word wider than a line is broken between grapheme clusters.
// An empty paragraph gives one empty line, so that it still takes its height.
func (p *Paragraph) Lines(width, size float64) []Line {
	key := [2]float64{width, size}
	if ls, ok := p.broken[key]; ok {
		return ls
	}
	ls := p.breakLines(width, size)
	if p.broken == nil {
		p.broken = make(map[[2]float64][]Line)
	}
	p.broken[key] = ls
	return ls
}

func (p *Paragraph) breakLines(width, size float64) []Line {
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
		split := end < 0
		if split {
			// The next word alone is too wide: cut it between graphemes,
			// taking at least one grapheme so the loop advances.
			limit := cands[ci]
			first := limit
			for _, g := range p.graphs {
				if g <= start {
					continue
				}
				if g >= limit {
					break
				}
				first = min(first, g)
				if !fits(start, g) {
					break
				}
				end = g
			}
			if end < 0 {
				end = first
			}
		}
		ln := p.line(start, end, size)
		ln.Split = split && end < cands[ci]
		lines = append(lines, ln)
		start = end
	}
	return lines
}

// line builds the visual line for runes [start,end): glyphs of clusters in
// range, trailing space dropped, runs reordered by UAX #9 rule L2.
func (p *Paragraph) line(start, end int, size float64) Line {
	end = p.trim(start, end)
	ln := Line{RTL: p.style.RTL}
	type piece struct {
		run   Run
		level bidi.Level
	}
	var pieces []piece
	var inkTop, inkBottom float64 // ems
	for _, sr := range p.runs {
		if sr.end <= start || sr.start >= end {
			continue
		}
		lo, hi := max(sr.start, start), min(sr.end, end)
		run := Run{Face: sr.face, Size: size * sr.face.Scale, RTL: sr.level%2 == 1}
		// cluster starts present in range, to find each cluster's text
		var starts []int
		for _, g := range sr.glyphs {
			if g.cluster >= lo && g.cluster < hi {
				inkTop, inkBottom = max(inkTop, g.top), min(inkBottom, g.bottom)
				run.Glyphs = append(run.Glyphs, Glyph{
					ID:      g.id,
					Advance: g.advance * size,
					XOffset: g.dx * size,
					YOffset: g.dy * size,
				})
				run.Width += g.advance * size
				if len(run.Clusters) > 0 && starts[len(starts)-1] == g.cluster {
					run.Clusters[len(run.Clusters)-1].Glyphs++
					continue
				}
				starts = append(starts, g.cluster)
				run.Clusters = append(run.Clusters, Cluster{Glyphs: 1})
			}
		}
		if len(run.Glyphs) == 0 {
			continue
		}
		sorted := slices.Clone(starts)
		slices.Sort(sorted)
		gi := 0
		for i, c := range starts {
			k, _ := slices.BinarySearch(sorted, c)
			next := hi
			if k+1 < len(sorted) {
				next = sorted[k+1]
			}
			cl := &run.Clusters[i]
			cl.Text = string(p.text[c:next])
			assignText(sr.face, run.Glyphs[gi:gi+cl.Glyphs], p.text[c:next])
			cl.Natural = cl.Glyphs == 1 && run.Glyphs[gi].Natural
			gi += cl.Glyphs
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

// assignText shares a cluster's characters among its glyphs, so that
// each glyph can carry its own text in a PDF: a glyph that is the cmap's
// glyph for a character gets it (a vowel mark, say), and a single glyph
// left over gets all remaining characters (a positional form, a
// ligature). Clusters that fit neither give the first glyph everything.
func assignText(face *Face, glyphs []Glyph, runes []rune) {
	taken := make([]bool, len(runes))
	var free []int // glyphs without a character yet
	for gi := range glyphs {
		g := &glyphs[gi]
		g.Text, g.Natural = "", false
		found := false
		for ri, r := range runes {
			if id, ok := face.NominalGlyph(r); !taken[ri] && ok && id == g.ID {
				g.Text, g.Natural, taken[ri], found = string(r), true, true, true
				break
			}
		}
		if !found {
			free = append(free, gi)
		}
	}
	var rest []rune
	for ri, r := range runes {
		if !taken[ri] {
			rest = append(rest, r)
		}
	}
	switch {
	case len(rest) == 0:
	case len(free) == 1:
		glyphs[free[0]].Text = string(rest)
	case len(free) == 0:
		// characters without a glyph of their own (a joiner): they go
		// with the last glyph
		last := &glyphs[len(glyphs)-1]
		last.Text, last.Natural = last.Text+string(rest), false
	default:
		for gi := range glyphs {
			glyphs[gi].Text, glyphs[gi].Natural = "", false
		}
		glyphs[0].Text = string(runes)
	}
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
	for para := range strings.SplitSeq(strings.ReplaceAll(str, "\r\n", "\n"), "\n") {
		p, err := s.Shape(para, st)
		if err != nil {
			return nil, err
		}
		lines = append(lines, p.Lines(width, st.Size)...)
	}
	return lines, nil
}

// Measure returns the width, in points, of the widest line of str when
// nothing is broken.
func (s *Shaper) Measure(str string, st Style) (float64, error) {
	var w float64
	for para := range strings.SplitSeq(strings.ReplaceAll(str, "\r\n", "\n"), "\n") {
		p, err := s.Shape(para, st)
		if err != nil {
			return 0, err
		}
		w = max(w, p.Width(st.Size))
	}
	return w, nil
}
