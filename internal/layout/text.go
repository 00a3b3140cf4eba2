package layout

import (
	"fmt"

	"formgen/internal/text"
)

// style is how one language of a text is set.
type style struct {
	weight text.Weight
	size   float64
	color  Color
	role   Role // what a text in this style is; RoleP where not given
}

// Type sizes and colours, in points.
var (
	titleDE   = style{text.Bold, 14.5, Black, RoleH1}
	titleTR   = style{text.Regular, 12, Ink, RoleH1}
	sectionDE = style{text.Bold, 10.5, Black, RoleH2}
	sectionTR = style{text.Regular, 9.5, Ink, RoleH2}
	labelDE   = style{text.Bold, 9, Black, RoleP}
	labelTR   = style{text.Regular, 9, Ink, RoleP}
	hintDE    = style{text.Regular, 7, Gray, RoleP}
	hintTR    = style{text.Regular, 7, Ink, RoleP}
	// a sheet's paragraphs, list items and headings, and the binding
	// notice of sheets and letters: at least 9 points (MinBodySize) in
	// every script, like a form's
	bodyDE = style{text.Regular, 9, Black, RoleP}
	itemDE = style{text.Regular, 9, Black, RoleLI}
	bodyTR = style{text.Regular, 9, Ink, RoleP}
	headDE = style{text.Bold, 9.5, Black, RoleH3}
	// a form's paragraphs, options and sub-headings: at least 9 points
	// (MinBodySize), like its labels
	formDE     = style{text.Regular, 9, Black, RoleP}
	formTR     = style{text.Regular, 9, Ink, RoleP}
	formHeadDE = style{text.Bold, 9.5, Black, RoleH3}
	formHeadTR = style{text.Regular, 9, Ink, RoleH3}
	// a table's column headers: captions of narrow columns, at least 7
	// points (MinHintSize)
	columnDE = style{text.Bold, 7.5, Black, RoleP}
	columnTR = style{text.Regular, 7.5, Ink, RoleP}
	smallDE  = style{text.Regular, 6.4, Gray, RoleFooter}
	officeDE = style{text.Bold, 8.6, Black, RoleHeader}
	officeTR = style{text.Regular, 7.6, Ink, RoleHeader}
	placeDE  = style{text.Regular, 7, Gray, RoleP}
	valueDE  = style{text.Regular, 9.5, Data, RoleP}
	whenDE   = style{text.Bold, 7, Gray, RoleP}
	whenTR   = style{text.Regular, 7, Ink, RoleP}
)

// Ink is the colour of every translation, in every script and document:
// a dark teal that reads as well as black but is not black, so that the
// German, the binding text, stays the dominant black text and the
// translation is told apart at a glance (the legend says so once).
// Pre-filled values are dark blue (Data), a hue of their own.
var (
	Data = Color{16, 40, 120} // pre-filled values, told apart from the form's own text
	Ink  = Color{0, 95, 85}
	Pale = Color{150, 150, 150}
	Edge = Color{120, 120, 120}
	Fill = Color{232, 234, 237}
)

// para is a laid-out text in one language.
type para struct {
	lines []text.Line
	rtl   bool
	color Color
	lang  string // BCP 47 tag
	role  Role
	id    int // numbers the paragraphs of a document, from 1
}

// line returns line i of the paragraph as a paragraph of its own, still
// part of the same text.
func (p para) line(i int) para {
	p.lines = p.lines[i : i+1]
	return p
}

func (p para) height() float64 {
	h := 0.0
	for _, l := range p.lines {
		h += l.Ascent + l.Descent
	}
	return h
}

// split reports whether a word had to be cut because it was wider than a
// line.
func (p para) split() bool {
	for _, l := range p.lines {
		if l.Split {
			return true
		}
	}
	return false
}

func (p para) width() float64 {
	w := 0.0
	for _, l := range p.lines {
		w = max(w, l.Width)
	}
	return w
}

// draw places the lines from the top y in a box [x, x+w], aligned to the
// start of the paragraph's direction. It returns the y below the text.
func (p para) draw(pg *Page, x, y, w float64) float64 {
	for _, l := range p.lines {
		y += l.Ascent
		lx := x
		if p.rtl {
			lx = x + w - l.Width
		}
		pg.Items = append(pg.Items, TextLine{X: lx, Y: y, Line: l, Color: p.color, Lang: p.lang, Role: p.role, Para: p.id})
		y += l.Descent
	}
	return y
}

// pair is a German text and its translation set one under the other.
type pair struct {
	de, tr para
	gap    float64 // between German and translation
}

func (p pair) height() float64 {
	h := p.de.height()
	if len(p.tr.lines) > 0 {
		h += p.gap + p.tr.height()
	}
	return h
}

// boxWidth is the width to align a pair in, out of the w available: all
// of it, unless the translation runs right to left; then only as much as
// the wider text needs, so that it aligns to the right of its own German,
// not next to whatever stands to the right (the next option's box).
func (p pair) boxWidth(w float64) float64 {
	if !p.tr.rtl {
		return w
	}
	return min(w, max(p.de.width(), p.tr.width()))
}

func (p pair) draw(pg *Page, x, y, w float64) float64 {
	y = p.de.draw(pg, x, y, w)
	if len(p.tr.lines) > 0 {
		y = p.tr.draw(pg, x, y+p.gap, w)
	}
	return y
}

// setter lays out text for one document.
type setter struct {
	sh   *text.Shaper
	lang string // translation tag
	rtl  bool
	// german holds translations that fell back to German (set left to right)
	german map[string]bool
	err    error
	boxes  []Box // every text set
	paras  int   // paragraphs set so far
	// furniture, when set, is the role of every text set, whatever its
	// style: the legend of a form is page furniture, a table's column
	// titles are its header cells
	furniture Role
	// continued is set when a table went on to another page under its
	// label marked as continued
	continued bool
}

// style returns the text style of str: German, or in the translation's
// language and direction. A right-to-left translation's text without a
// right-to-left letter (a date or number formatted the German way, a file
// number) keeps its left-to-right order.
func (s *setter) style(str string, st style, tr bool) text.Style {
	ts := text.Style{Weight: st.weight, Size: st.size, Lang: "de"}
	if tr && !s.german[str] {
		ts.RTL, ts.Lang = s.rtl && text.HasRTL(str), s.lang
	}
	return ts
}

// set lays out s in st at width w; German when tr is false. An error is
// kept (the first one) and reported when the document is finished.
func (s *setter) set(str string, st style, w float64, tr bool) para {
	if str == "" {
		return para{}
	}
	ts := s.style(str, st, tr)
	lines, err := s.sh.Layout(str, ts, max(w, st.size))
	if err != nil {
		if s.err == nil {
			s.err = fmt.Errorf("a text that cannot be laid out (not quoted: it may hold personal data): %w", err)
		}
		return para{}
	}
	// aligned to the right in a right-to-left translation, but for German
	// put in because the translation lacked it
	s.paras++
	p := para{lines: lines, rtl: tr && s.rtl && !s.german[str], color: st.color, lang: ts.Lang, role: st.role, id: s.paras}
	if tr && !s.german[str] && p.color == Black {
		p.color = Ink // a translation is never black: one visual code everywhere
	}
	if s.furniture != "" {
		p.role = s.furniture
	}
	box := Box{Text: str, TR: tr, Width: w, Size: st.size, Lines: len(lines), Split: p.split(), Starts: text.Starts(lines), Para: p.id}
	for _, l := range lines {
		if l.Hyphen {
			box.Hyphenated++
		}
	}
	s.boxes = append(s.boxes, box)
	return p
}

// fit sets German s at width w in at most lines lines and without cutting
// a word: in style st if it fits, else in steps of half a point down to
// size smallest. It reports false if s does not fit even then.
func (s *setter) fit(str string, st style, smallest, w float64, lines int) (para, bool) {
	start := len(s.boxes)
	for size := st.size; size >= smallest; size -= 0.5 {
		small := st
		small.size = size
		s.boxes = s.boxes[:start] // only the size kept is a box
		p := s.set(str, small, w, false)
		if len(p.lines) <= lines && !p.split() {
			return p, true
		}
	}
	return para{}, false
}

// pair lays out b: German in de, the translation in tr.
func (s *setter) pair(b Bi, de, tr style, w float64) pair {
	p := pair{de: s.set(b.DE, de, w, false), gap: 0.6}
	if b.TR != "" {
		p.tr = s.set(b.TR, tr, w, true)
	}
	return p
}

// measure returns the natural width of b's widest line in either language.
func (s *setter) measure(b Bi, de, tr style) float64 {
	w := 0.0
	for i, str := range []string{b.DE, b.TR} {
		if str == "" {
			continue
		}
		st := de
		if i == 1 {
			st = tr
		}
		m, err := s.sh.Measure(str, s.style(str, st, i == 1))
		if err != nil {
			if s.err == nil {
				s.err = fmt.Errorf("%q: %w", str, err)
			}
			continue
		}
		w = max(w, m)
	}
	return w
}

// tag draws p like draw and records each line as an element like e: its
// rectangle, words and direction; the first line is marked First.
func (p para) tag(pg *Page, x, y, w float64, e Element) float64 {
	for i, l := range p.lines {
		lx := x
		if p.rtl {
			lx = x + w - l.Width
		}
		el := e
		el.X, el.Y, el.W, el.H = lx, y, l.Width, l.Ascent+l.Descent
		el.Text, el.RTL, el.First = lineText(l), l.RTL, i == 0
		for k, r := range l.Runs {
			if k == 0 || r.Size < el.Size {
				el.Size = r.Size
			}
		}
		pg.Elements = append(pg.Elements, el)
		y += l.Ascent + l.Descent
	}
	return p.draw(pg, x, y-p.height(), w)
}

// tag draws p like draw and records its lines as elements like e, the
// translation's marked TR.
func (p pair) tag(pg *Page, x, y, w float64, e Element) float64 {
	y = p.de.tag(pg, x, y, w, e)
	if len(p.tr.lines) > 0 {
		e.TR = true
		y = p.tr.tag(pg, x, y+p.gap, w, e)
	}
	return y
}

// lineText is the text of a laid-out line, its runs and clusters in
// reading order (both are in visual order in a line).
func lineText(l text.Line) string {
	var b []byte
	for i := range l.Runs {
		r := l.Runs[i]
		if l.RTL {
			r = l.Runs[len(l.Runs)-1-i]
		}
		for j := range r.Clusters {
			c := r.Clusters[j]
			if r.RTL {
				c = r.Clusters[len(r.Clusters)-1-j]
			}
			b = append(b, c.Text...)
		}
	}
	return string(b)
}

// widget records a box to write in or tick.
func widget(pg *Page, field, owner, kind string, x, y, w, h float64) {
	pg.Elements = append(pg.Elements, Element{Use: UseWidget, Field: field, Owner: owner, Kind: kind, X: x, Y: y, W: w, H: h})
}
