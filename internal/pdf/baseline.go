package pdf

import (
	"cmp"
	"math"
	"slices"

	"formgen/internal/layout"
	"formgen/internal/text"
)

// PDFium joins the text objects of a page into lines as it meets them:
// it gathers objects drawn one after another whose origins stand less
// than half the width of the wider of the two characters where they meet
// above or below each other (CPDF_TextPage::ProcessTextObject), sorts
// them by where they begin, from the left, and reads them as one line,
// which it then orders as a whole (pdfiumOrder). So a label and its
// value, or a German heading and its translation beside it, are one line
// to PDFium, and ordering each line alone gives a line on such a
// baseline in the wrong order where the lines together count otherwise
// than each alone: "الموظف المختص Frau Schulze" became
// "الموظف المختص Schulze Frau". pageSpans orders such lines together.

// baselineShare is how far, in ems of the smaller text, the baselines
// of two lines drawn one after another may stand apart for PDFium to be
// taken to read them as one line: its limit is half the width of the
// wider character where the lines meet, and the narrowest letters of the
// fonts used are a fifth of an em wide. Lines further apart are ordered
// each alone, as PDFium may read them either way.
const baselineShare = 0.1

// pageSpans returns the texts of the spans over each item of a page
// (zero for an item that is not a line of text). A line is ordered for
// PDFium alone (lineTexts), but lines PDFium reads as one (baselineGroups)
// that hold right-to-left text are ordered together (groupSpans).
func pageSpans(items []layout.Item, lr bool) []spanTexts {
	spans := make([]spanTexts, len(items))
	logical := make([][]rune, len(items))
	for i, it := range items {
		if tl, ok := it.(layout.TextLine); ok {
			logical[i], spans[i] = lineTexts(tl.Line, lr)
		}
	}
	for _, g := range baselineGroups(items) {
		if slices.ContainsFunc(g, func(i int) bool { return spans[i].poppler != "" }) {
			groupSpans(items, g, logical, spans)
		}
	}
	return spans
}

// baselineGroups returns the lines of text of a page PDFium reads as one
// line, as indices of items, each group of more than one line: lines
// drawn one after another (other items between do not count) whose
// baselines stand less than baselineShare apart.
func baselineGroups(items []layout.Item) [][]int {
	var groups [][]int
	var cur []int
	var lo, hi, size float64
	for i, it := range items {
		tl, ok := it.(layout.TextLine)
		if !ok {
			continue
		}
		s := smallestSize(tl.Line)
		if len(cur) > 0 && max(hi, tl.Y)-min(lo, tl.Y) <= baselineShare*min(size, s) {
			cur = append(cur, i)
			lo, hi, size = min(lo, tl.Y), max(hi, tl.Y), min(size, s)
			continue
		}
		if len(cur) > 1 {
			groups = append(groups, cur)
			cur = nil
		}
		cur, lo, hi, size = append(cur[:0], i), tl.Y, tl.Y, s
	}
	if len(cur) > 1 {
		groups = append(groups, cur)
	}
	return groups
}

// smallestSize returns the font size of a line's smallest run.
func smallestSize(l text.Line) float64 {
	s := math.Inf(1)
	for _, run := range l.Runs {
		s = min(s, run.Size)
	}
	return s
}

// groupSpans orders the lines g of a page that PDFium reads as one line
// together, when one of them holds right-to-left text. PDFium reads the
// lines from the left (the text of each: its /BidiText, else its /Span,
// else its glyphs), one space between two, and orders what it read as
// one line (pdfiumOrder). The group's logical text is its lines in the
// order they are read in the direction PDFium gives the whole: from the
// right where it counts right-to-left (an Arabic label, then the value
// left of it), else from the left (a German text, then its translation
// right of it). That text in pdfiumOrder, cut where the spaces between
// the lines land, gives each line, from the left, its part; a line whose
// part is not what PDFium reads of it anyway gets a /BidiText with it.
// Lines groupable refuses are left ordered each alone.
func groupSpans(items []layout.Item, g []int, logical [][]rune, spans []spanTexts) {
	lines := slices.Clone(g)
	slices.SortStableFunc(lines, func(a, b int) int {
		return cmp.Compare(items[a].(layout.TextLine).X, items[b].(layout.TextLine).X)
	})
	if !groupable(items, g, lines, spans) {
		return
	}
	for _, i := range g {
		if logical[i] == nil {
			logical[i] = []rune(logicalText(items[i].(layout.TextLine).Line, nil))
		}
	}
	var all []rune
	for _, i := range lines {
		all = append(append(all, logical[i]...), ' ')
	}
	_, rtl := pdfiumSegments(all)
	reading := slices.Clone(lines)
	if rtl {
		slices.Reverse(reading)
	}
	parts := groupParts(reading, logical) // from the left, as lines
	for k, i := range lines {
		spans[i].pdfium = ""
		if parts[k] != readAnyway(spans[i], logical[i]) {
			spans[i].pdfium = parts[k]
		}
	}
	spaceBetween(lines, parts, spans)
}

// groupParts returns the parts PDFium must read, from the left, to give
// the logical text of the lines in reading order, one space between two.
func groupParts(reading []int, logical [][]rune) []string {
	var all []rune
	var seps []int
	for k, i := range reading {
		if k > 0 {
			seps = append(seps, len(all))
			all = append(all, ' ')
		}
		all = append(all, logical[i]...)
	}
	out, at := pdfiumPlace(all)
	cuts := make([]int, 0, len(seps)+1)
	for _, s := range seps {
		cuts = append(cuts, at[s])
	}
	slices.Sort(cuts)
	parts := make([]string, 0, len(reading))
	from := 0
	for _, c := range append(cuts, len(out)) {
		parts = append(parts, string(out[from:c]))
		from = c + 1
	}
	return parts
}

// spaceBetween makes sure PDFium reads a space between two lines of a
// group: PDFium makes one where the gap is wide, but not after a text
// object whose last character is a space, and it takes a span's text for
// that of the span's first object from the left, which for a line of
// right-to-left text can be the carrier that ends it (its text ends in a
// space). So the space goes into a /BidiText of one of the two, given
// one if neither has one and one of them has a /Span; PDFium takes two
// spaces for one.
func spaceBetween(lines []int, parts []string, spans []spanTexts) {
	for k := 0; k+1 < len(lines); k++ {
		a, b := &spans[lines[k]], &spans[lines[k+1]]
		switch {
		case b.pdfium != "":
			b.pdfium = " " + b.pdfium
		case a.pdfium != "":
			a.pdfium += " "
		case a.poppler != "":
			a.pdfium = parts[k] + " "
		case b.poppler != "":
			b.pdfium = " " + parts[k+1]
		}
	}
}

// readAnyway returns what PDFium reads of a line without a /BidiText:
// its /Span's text, or without one its glyphs' text, its logical text.
func readAnyway(sp spanTexts, logical []rune) string {
	if sp.poppler != "" {
		return sp.poppler
	}
	return string(logical)
}

// groupable reports whether groupSpans can order lines g (in drawing
// order; lines sorted from the left) together: one holds right-to-left
// text, none overlaps the next, every glyph stands within baselineShare
// of the others' heights or the lines are drawn from the left, and none
// of the lines without right-to-left text has a cluster whose glyphs the
// ToUnicode map cannot share its text among (it gets a span of its own,
// which a /BidiText over the line would hide from PDFium). A glyph drawn
// above or below the baseline (a vowel mark moved up or down) is a text
// object of its own there, and where it stands further from the last
// object PDFium has gathered than PDFium joins, PDFium reads what it
// gathered before it goes on: lines drawn from the left are still read
// from the left, others may not be, and a line's span may then be read
// twice.
func groupable(items []layout.Item, g, lines []int, spans []spanTexts) bool {
	rtl := false
	lo, hi, size := math.Inf(1), math.Inf(-1), math.Inf(1)
	for k, i := range lines {
		tl := items[i].(layout.TextLine)
		if k+1 < len(lines) && tl.X+tl.Line.Width > items[lines[k+1]].(layout.TextLine).X {
			return false
		}
		if spans[i].poppler != "" {
			rtl = true
		} else if clusterSpans(tl.Line) {
			return false
		}
		for _, run := range tl.Line.Runs {
			for _, gl := range run.Glyphs {
				lo, hi = min(lo, tl.Y-gl.YOffset), max(hi, tl.Y-gl.YOffset)
			}
		}
		size = min(size, smallestSize(tl.Line))
	}
	return rtl && (hi-lo <= baselineShare*size || slices.Equal(g, lines))
}

// clusterSpans reports whether a line without right-to-left text has a
// cluster that textLine wraps in a span of its own.
func clusterSpans(l text.Line) bool {
	var texts []string
	for _, run := range l.Runs {
		first := 0
		for _, cl := range run.Clusters {
			var ok bool
			texts, ok = clusterTexts(run.Glyphs[first:first+cl.Glyphs], cl.Text, texts)
			first += cl.Glyphs
			if !ok {
				return true
			}
		}
	}
	return false
}
