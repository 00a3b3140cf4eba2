package layout

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
)

// Least sizes a person can write in and read, in points (1 mm = 72/25.4
// points), and type sizes.
const (
	MinBox      = 8 * mm   // a line to write on, a table row
	MinCell     = 5 * mm   // a digit box
	MinTick     = 3.5 * mm // a box to tick
	MinSign     = 15 * mm  // room to sign
	MinLines    = 3        // lines of a multiline answer
	MinBodySize = 9.0      // labels, options, paragraphs
	MinHintSize = 7.0      // hints, captions, conditions, the legend
)

// Problem is a rule a laid-out document breaks: on which page, at which
// element, and what is wrong. The document and locale are the caller's.
type Problem struct {
	Page    int    // from 1
	Rule    string // the rule's name
	Element string // the element: its field and words
	Detail  string
}

func (p Problem) String() string {
	return fmt.Sprintf("page %d: %s: %s: %s", p.Page, p.Rule, p.Element, p.Detail)
}

// Checker is one check of a laid-out document. A new check is a Checker
// added to Checkers: it gets the document and reports each problem with
// its page and element (name an element with Describe).
type Checker struct {
	Name  string
	Check func(d *Document) []Problem
}

// Checkers are the checks of every form: what a person filling it in,
// signing it and reading it needs.
var Checkers = []Checker{
	{"ownership", checkOwnership},
	{"signature", checkSignatures},
	{"stranded", checkStranded},
	{"widow", checkWidows},
	{"follow-up", checkFollowUps},
	{"short-page", checkShortPages},
	{"size", checkSizes},
	// the text of every document (textcheck.go)
	{"protected-run", checkProtectedRuns},
	{"cut-word", checkCutWords},
}

// Check runs checkers (all of Checkers when none are given) over d.
func Check(d *Document, rules ...Checker) []Problem {
	if len(rules) == 0 {
		rules = Checkers
	}
	var out []Problem
	for _, r := range rules {
		for _, p := range r.Check(d) {
			p.Rule = r.Name
			out = append(out, p)
		}
	}
	return out
}

// Describe names an element in a problem: its role, field and words.
func Describe(e Element) string {
	var b strings.Builder
	b.WriteString(e.Use.String())
	if e.Kind != "" {
		b.WriteString(" " + e.Kind)
	}
	if e.Owner != "" {
		b.WriteString(" " + e.Owner)
	} else if e.Field != "" {
		b.WriteString(" " + e.Field)
	} else if e.Section != "" {
		b.WriteString(" section " + e.Section)
	}
	if e.Text != "" {
		t := e.Text
		if r := []rune(t); len(r) > 40 {
			t = string(r[:40]) + "…"
		}
		fmt.Fprintf(&b, " %q", t)
	}
	return b.String()
}

// dist is the distance from a point to a rectangle.
func dist(x, y float64, e Element) float64 {
	dx := max(e.X-x, 0, x-(e.X+e.W))
	dy := max(e.Y-y, 0, y-(e.Y+e.H))
	return math.Hypot(dx, dy)
}

// nearest is the point of e nearest to (x, y).
func nearest(x, y float64, e Element) (float64, float64) {
	return min(max(x, e.X), e.X+e.W), min(max(y, e.Y), e.Y+e.H)
}

// owns reports whether label l is the label of widget w: the same owner,
// or l is a whole field's label (a choice's question) and w one of its
// options' boxes.
func owns(l, w Element) bool {
	return l.Owner == w.Owner || !strings.Contains(l.Owner, "/") && w.Field == l.Owner
}

// options returns the rectangle around the options of choice id on page p
// (their boxes and labels), and whether it has any.
func options(p *Page, id string) (Element, bool) {
	var r Element
	n := 0
	for _, e := range p.Elements {
		if e.Field != id || !strings.HasPrefix(e.Owner, id+"/") || e.Use != UseWidget && e.Use != UseLabel {
			continue
		}
		if n == 0 {
			r = Element{Use: UseWidget, Field: id, Owner: id, X: e.X, Y: e.Y, W: e.W, H: e.H}
		} else {
			x2, y2 := max(r.X+r.W, e.X+e.W), max(r.Y+r.H, e.Y+e.H)
			r.X, r.Y = min(r.X, e.X), min(r.Y, e.Y)
			r.W, r.H = x2-r.X, y2-r.Y
		}
		n++
	}
	return r, n > 0
}

// crosses reports whether the segment from (x1, y1) to (x2, y2) passes
// through the inside of e (shrunk by half a point, so that touching is
// not crossing).
func crosses(x1, y1, x2, y2 float64, e Element) bool {
	const in = 0.5
	minX, maxX, minY, maxY := e.X+in, e.X+e.W-in, e.Y+in, e.Y+e.H-in
	if minX >= maxX || minY >= maxY {
		return false
	}
	// Liang–Barsky clipping
	t0, t1 := 0.0, 1.0
	dx, dy := x2-x1, y2-y1
	for _, c := range [][2]float64{{-dx, x1 - minX}, {dx, maxX - x1}, {-dy, y1 - minY}, {dy, maxY - y1}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

// elementProblems applies rule to every element of d and makes a Problem,
// with the element's page and name, of each detail it reports.
func elementProblems(d *Document, rule func(p *Page, e Element) []string) []Problem {
	var out []Problem
	for pi, p := range d.Pages {
		for _, e := range p.Elements {
			for _, detail := range rule(p, e) {
				out = append(out, Problem{Page: pi + 1, Element: Describe(e), Detail: detail})
			}
		}
	}
	return out
}

// checkOwnership: the first line of each label, in either language, has
// its own box nearer to where the reader starts it than any other box,
// and nothing of another widget or label lies on the way from that start
// to its box. A form is read downwards: a box wholly above a label (the
// row before) is never its box and does not count.
func checkOwnership(d *Document) []Problem {
	return elementProblems(d, labelOwnership)
}

// labelOwnership checks one element of page p by the rule of
// checkOwnership, if it is the first line of a label.
func labelOwnership(p *Page, l Element) []string {
	if l.Use != UseLabel || !l.First || l.Owner == "" {
		return nil
	}
	sx, sy := l.Start()
	own, dOwn := ownBox(p, l, sx, sy)
	if math.IsInf(dOwn, 1) {
		return []string{"its box is not on the page"}
	}
	var out []string
	if w, dw, ok := rivalBox(p, l, sx, sy, dOwn); ok {
		out = append(out, fmt.Sprintf("the box of %s (%.1f pt) is as near to the label's start as its own (%.1f pt)", w.Owner, dw, dOwn))
	}
	nx, ny := nearest(sx, sy, own)
	if o, ok := inTheWay(p, l, sx, sy, nx, ny); ok {
		out = append(out, fmt.Sprintf("%s lies between the label's start and its box", Describe(o)))
	}
	return out
}

// ownBox returns label l's box on page p and its distance from the
// label's start (sx, sy): its nearest widget or, for a question, the block
// of its options; an infinite distance when it has none on the page.
func ownBox(p *Page, l Element, sx, sy float64) (Element, float64) {
	if opts, ok := options(p, l.Owner); ok {
		return opts, dist(sx, sy, opts)
	}
	own, dOwn := Element{}, math.Inf(1)
	for _, w := range p.Elements {
		if w.Use == UseWidget && owns(l, w) {
			if dd := dist(sx, sy, w); dd < dOwn {
				own, dOwn = w, dd
			}
		}
	}
	return own, dOwn
}

// rivalBox returns the first widget on page p that is not label l's own,
// not wholly above the label, and at most dOwn from its start (sx, sy),
// with its distance.
func rivalBox(p *Page, l Element, sx, sy, dOwn float64) (Element, float64, bool) {
	for _, w := range p.Elements {
		if w.Use != UseWidget || owns(l, w) || w.Y+w.H <= l.Y {
			continue
		}
		if dw := dist(sx, sy, w); dw <= dOwn+0.01 {
			return w, dw, true
		}
	}
	return Element{}, 0, false
}

// inTheWay returns the first element on page p that lies across the way
// from label l's start (sx, sy) to the nearest point (nx, ny) of its box.
// Only another field's widgets and labels count: not the form's own
// texts, not a signature block, and for a question not its options'
// labels.
func inTheWay(p *Page, l Element, sx, sy, nx, ny float64) (Element, bool) {
	for _, o := range p.Elements {
		if o.Owner == "" || o.Use == UseSignature || owns(l, o) {
			continue
		}
		if crosses(sx, sy, nx, ny, o) {
			return o, true
		}
	}
	return Element{}, false
}

// pageOf returns the pages each field's elements stand on.
func pageOf(d *Document) map[string][]int {
	pages := map[string][]int{}
	for pi, p := range d.Pages {
		for _, e := range p.Elements {
			if e.Field != "" && !slices.Contains(pages[e.Field], pi+1) {
				pages[e.Field] = append(pages[e.Field], pi+1)
			}
		}
	}
	return pages
}

// checkSignatures: a signature stands on the page of the declaration it
// signs, the whole declaration. Only a declaration that with its
// signature is taller than a page may begin on an earlier page, and then
// the signature's page holds its end.
func checkSignatures(d *Document) []Problem {
	var out []Problem
	pages := pageOf(d)
	// the signatures of each declaration
	signers := map[string][]string{}
	for _, p := range d.Pages {
		for _, s := range p.Elements {
			if s.Use == UseSignature {
				k := strings.Join(s.Confirms, " ")
				signers[k] = append(signers[k], s.Field)
			}
		}
	}
	for pi, p := range d.Pages {
		for _, s := range p.Elements {
			if s.Use != UseSignature {
				continue
			}
			if len(s.Confirms) == 0 {
				out = append(out, Problem{Page: pi + 1, Element: Describe(s), Detail: "the signature does not say what it confirms"})
				continue
			}
			last, elsewhere := 0, ""
			for _, f := range s.Confirms {
				for _, fp := range pages[f] {
					last = max(last, fp)
					if fp != pi+1 && elsewhere == "" {
						elsewhere = fmt.Sprintf("signs %s, which is (partly) on page %d", f, fp)
					}
				}
			}
			switch {
			case elsewhere == "":
			case last != pi+1:
				out = append(out, Problem{Page: pi + 1, Element: Describe(s), Detail: fmt.Sprintf("the declaration it signs ends on page %d", last)})
			case height(d, append(signers[strings.Join(s.Confirms, " ")], s.Confirms...)) <= 0.95*d.Frame:
				// what the elements take, without the gaps and padding
				// between them: clearly room to spare
				out = append(out, Problem{Page: pi + 1, Element: Describe(s), Detail: elsewhere + ", though both fit on one page"})
			}
		}
	}
	return out
}

// height is the height the elements of fields take, summed over pages,
// with the headings and lead-ins of their sections, which stay with them.
func height(d *Document, fields []string) float64 {
	sections := map[string]bool{}
	for _, p := range d.Pages {
		for _, e := range p.Elements {
			if slices.Contains(fields, e.Field) {
				sections[e.Section] = true
			}
		}
	}
	h := 0.0
	for _, p := range d.Pages {
		top, bottom := math.Inf(1), math.Inf(-1)
		for _, e := range p.Elements {
			if slices.Contains(fields, e.Field) || e.Field == "" && sections[e.Section] {
				top, bottom = min(top, e.Y), max(bottom, e.Y+e.H)
			}
		}
		if bottom > top {
			h += bottom - top
		}
	}
	return h
}

// rowsAfter counts the rows of content (text lines and boxes, distinct
// heights) below y on page p that a heading or lead-in at y introduces:
// headings and lead-ins right after it are part of it, a heading after
// content starts something else.
func rowsAfter(p *Page, y float64) int {
	els := append([]Element(nil), p.Elements...)
	sort.SliceStable(els, func(i, j int) bool { return els[i].Y < els[j].Y })
	seen := map[int]bool{}
	for _, e := range els {
		if e.Y < y-0.1 || e.Use == UseSignature {
			continue
		}
		if e.Use == UseHeading || e.Use == UseIntro {
			if len(seen) > 0 {
				break
			}
			continue
		}
		seen[int(math.Round(e.Y))] = true
	}
	return len(seen)
}

// checkStranded: a heading or a lead-in is followed on its page by at
// least two lines of what it introduces, unless the document ends.
func checkStranded(d *Document) []Problem {
	var out []Problem
	for pi, p := range d.Pages {
		if pi == len(d.Pages)-1 {
			break
		}
		for _, e := range p.Elements {
			if e.Use != UseHeading && e.Use != UseIntro {
				continue
			}
			if n := rowsAfter(p, e.Y+e.H); n < 2 {
				out = append(out, Problem{Page: pi + 1, Element: Describe(e),
					Detail: fmt.Sprintf("followed by %d line(s) of what it introduces before the page ends", n)})
			}
		}
	}
	return out
}

// checkWidows: a paragraph broken across pages leaves at least two lines
// on either page.
func checkWidows(d *Document) []Problem {
	type key struct {
		section, field string
		use            Use
		tr             bool
	}
	var out []Problem
	for pi := 0; pi+1 < len(d.Pages); pi++ {
		count := func(p *Page) map[key][]Element {
			m := map[key][]Element{}
			for _, e := range p.Elements {
				if e.Use == UseText || e.Use == UseIntro {
					k := key{e.Section, e.Field, e.Use, e.TR}
					m[k] = append(m[k], e)
				}
			}
			return m
		}
		a, b := count(d.Pages[pi]), count(d.Pages[pi+1])
		for k, la := range a {
			lb, ok := b[k]
			if !ok || lb[0].First { // the next page starts a new paragraph
				continue
			}
			if len(la) < 2 || len(lb) < 2 {
				out = append(out, Problem{Page: pi + 1, Element: Describe(la[0]),
					Detail: fmt.Sprintf("broken across pages %d and %d with %d and %d line(s)", pi+1, pi+2, len(la), len(lb))})
			}
		}
	}
	return out
}

// checkFollowUps: a follow-up question stands on the page of the
// questions it follows up.
func checkFollowUps(d *Document) []Problem {
	var out []Problem
	pages := pageOf(d)
	for pi, p := range d.Pages {
		for _, e := range p.Elements {
			if e.Use != UseWidget {
				continue
			}
			for _, q := range e.Follows {
				for _, qp := range pages[q] {
					if qp != pi+1 {
						out = append(out, Problem{Page: pi + 1, Element: Describe(e),
							Detail: fmt.Sprintf("follows up %s, which is on page %d", q, qp)})
					}
				}
			}
		}
	}
	return out
}

// checkShortPages: no page holds only signatures, and no page but the
// last fewer than four lines.
func checkShortPages(d *Document) []Problem {
	var out []Problem
	signs := signatureFields(d)
	for pi, p := range d.Pages {
		if onlySignatures(p, signs) {
			out = append(out, Problem{Page: pi + 1, Element: "page", Detail: "holds only signatures"})
		}
		if lines := contentLines(p); pi < len(d.Pages)-1 && lines < 4 {
			out = append(out, Problem{Page: pi + 1, Element: "page", Detail: fmt.Sprintf("holds %d line(s) of content", lines)})
		}
	}
	return out
}

// signatureFields returns the ids of the signature fields of d.
func signatureFields(d *Document) map[string]bool {
	signs := map[string]bool{}
	for _, p := range d.Pages {
		for _, e := range p.Elements {
			if e.Use == UseSignature {
				signs[e.Field] = true
			}
		}
	}
	return signs
}

// onlySignatures reports whether page p has elements and all of them
// belong to the signature fields signs.
func onlySignatures(p *Page, signs map[string]bool) bool {
	for _, e := range p.Elements {
		if !signs[e.Field] {
			return false
		}
	}
	return len(p.Elements) > 0
}

// contentLines counts the lines of content on page p: every line of body
// text and lead-ins, and the first line of every other text.
func contentLines(p *Page) int {
	n := 0
	for _, e := range p.Elements {
		if e.Use != UseWidget && e.Use != UseSignature && e.First || e.Use == UseText || e.Use == UseIntro {
			n++
		}
	}
	return n
}

// checkSizes: boxes one can write in by hand, text one can read.
func checkSizes(d *Document) []Problem {
	return elementProblems(d, func(_ *Page, e Element) []string {
		if e.Use == UseWidget {
			return widgetSizeProblems(e)
		}
		return typeSizeProblems(e)
	})
}

// widgetSize is a measure of a widget and the least it may be.
type widgetSize struct {
	what  string
	least float64
	// of measures a widget; false when it has nothing to measure
	of func(e Element) (float64, bool)
}

// widgetSizes are the measures checked of each kind of widget.
var widgetSizes = map[string][]widgetSize{
	KindBox:   {{"height", MinBox, heightOf}},
	KindRow:   {{"height", MinBox, heightOf}},
	KindLines: {{"line height", MinBox, lineHeightOf}},
	KindComb: {
		{"digit box width", MinCell, cellWidthOf},
		{"digit box height", MinCell, heightOf},
	},
	KindCheck: {{"box", MinTick, shorterSide}},
	KindRadio: {{"box", MinTick, shorterSide}},
	KindSign:  {{"room", MinSign, heightOf}},
}

func heightOf(e Element) (float64, bool) { return e.H, true }

// cellWidthOf is the width of each digit box of a comb.
func cellWidthOf(e Element) (float64, bool) { return e.Cell, true }

// shorterSide is the shorter side of a box to tick.
func shorterSide(e Element) (float64, bool) { return min(e.W, e.H), true }

// lineHeightOf is the height of each line of a multiline box.
func lineHeightOf(e Element) (float64, bool) {
	if e.Lines <= 0 {
		return 0, false
	}
	return e.H / float64(e.Lines), true
}

// widgetSizeProblems checks a widget against the least measures of its
// kind, and a multiline box against the least number of lines.
func widgetSizeProblems(e Element) []string {
	var out []string
	if e.Kind == KindLines && e.Lines < MinLines {
		out = append(out, fmt.Sprintf("%d lines to write on, want at least %d", e.Lines, MinLines))
	}
	for _, s := range widgetSizes[e.Kind] {
		if got, ok := s.of(e); ok && got < s.least-0.01 {
			out = append(out, fmt.Sprintf("%s %.1f mm, want at least %.1f mm", s.what, got/mm, s.least/mm))
		}
	}
	return out
}

// typeSizeProblems checks a text's type size against the least for its
// use.
func typeSizeProblems(e Element) []string {
	least, ok := leastTypeSize(e)
	if ok && e.Size < least-0.01 {
		return []string{fmt.Sprintf("type %.1f pt, want at least %.1f pt", e.Size, least)}
	}
	return nil
}

// leastTypeSize is the least type size of a text: hints and conditions are
// small print, labels, body text, lead-ins and headings are not; false for
// an element that is no text.
func leastTypeSize(e Element) (float64, bool) {
	switch e.Use {
	case UseHint:
		return MinHintSize, true
	case UseLabel, UseText, UseIntro, UseHeading:
		if e.Kind == KindCondition {
			return MinHintSize, true
		}
		return MinBodySize, true
	}
	return 0, false
}
