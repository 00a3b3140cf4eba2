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

// checkOwnership: the first line of each label, in either language, has
// its own box nearer to where the reader starts it than any other box,
// and nothing of another widget or label lies on the way from that start
// to its box. A form is read downwards: a box wholly above a label (the
// row before) is never its box and does not count.
func checkOwnership(d *Document) []Problem {
	var out []Problem
	for pi, p := range d.Pages {
		for _, l := range p.Elements {
			if l.Use != UseLabel || !l.First || l.Owner == "" {
				continue
			}
			sx, sy := l.Start()
			own, dOwn := Element{}, math.Inf(1)
			for _, w := range p.Elements {
				if w.Use == UseWidget && owns(l, w) {
					if dd := dist(sx, sy, w); dd < dOwn {
						own, dOwn = w, dd
					}
				}
			}
			// a question's box is the block of its options
			if opts, ok := options(p, l.Owner); ok {
				own, dOwn = opts, dist(sx, sy, opts)
			}
			if math.IsInf(dOwn, 1) {
				out = append(out, Problem{Page: pi + 1, Element: Describe(l), Detail: "its box is not on the page"})
				continue
			}
			for _, w := range p.Elements {
				if w.Use == UseWidget && !owns(l, w) && w.Y+w.H > l.Y && dist(sx, sy, w) <= dOwn+0.01 {
					out = append(out, Problem{Page: pi + 1, Element: Describe(l),
						Detail: fmt.Sprintf("the box of %s (%.1f pt) is as near to the label's start as its own (%.1f pt)", w.Owner, dist(sx, sy, w), dOwn)})
					break
				}
			}
			nx, ny := nearest(sx, sy, own)
			for _, o := range p.Elements {
				if o.Owner == "" || o.Use == UseSignature || owns(l, o) || l.Owner == o.Owner {
					continue
				}
				// a question's label may pass its own options' labels
				if !strings.Contains(l.Owner, "/") && o.Field == l.Owner {
					continue
				}
				if crosses(sx, sy, nx, ny, o) {
					out = append(out, Problem{Page: pi + 1, Element: Describe(l),
						Detail: fmt.Sprintf("%s lies between the label's start and its box", Describe(o))})
					break
				}
			}
		}
	}
	return out
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
	signs := map[string]bool{}
	for _, p := range d.Pages {
		for _, e := range p.Elements {
			if e.Use == UseSignature {
				signs[e.Field] = true
			}
		}
	}
	for pi, p := range d.Pages {
		lines, other := 0, 0
		for _, e := range p.Elements {
			if e.Use != UseWidget && e.Use != UseSignature && e.First || e.Use == UseText || e.Use == UseIntro {
				lines++
			}
			if !signs[e.Field] {
				other++
			}
		}
		if len(p.Elements) > 0 && other == 0 {
			out = append(out, Problem{Page: pi + 1, Element: "page", Detail: "holds only signatures"})
		}
		if pi < len(d.Pages)-1 && lines < 4 {
			out = append(out, Problem{Page: pi + 1, Element: "page", Detail: fmt.Sprintf("holds %d line(s) of content", lines)})
		}
	}
	return out
}

// checkSizes: boxes one can write in by hand, text one can read.
func checkSizes(d *Document) []Problem {
	var out []Problem
	for pi, p := range d.Pages {
		for _, e := range p.Elements {
			bad := func(what string, got, want float64) {
				out = append(out, Problem{Page: pi + 1, Element: Describe(e),
					Detail: fmt.Sprintf("%s %.1f mm, want at least %.1f mm", what, got/mm, want/mm)})
			}
			switch e.Use {
			case UseWidget:
				switch e.Kind {
				case KindBox, KindRow:
					if e.H < MinBox-0.01 {
						bad("height", e.H, MinBox)
					}
				case KindLines:
					if e.Lines < MinLines {
						out = append(out, Problem{Page: pi + 1, Element: Describe(e), Detail: fmt.Sprintf("%d lines to write on, want at least %d", e.Lines, MinLines)})
					}
					if e.Lines > 0 && e.H/float64(e.Lines) < MinBox-0.01 {
						bad("line height", e.H/float64(e.Lines), MinBox)
					}
				case KindComb:
					if e.Cell < MinCell-0.01 {
						bad("digit box width", e.Cell, MinCell)
					}
					if e.H < MinCell-0.01 {
						bad("digit box height", e.H, MinCell)
					}
				case KindCheck, KindRadio:
					if min(e.W, e.H) < MinTick-0.01 {
						bad("box", min(e.W, e.H), MinTick)
					}
				case KindSign:
					if e.H < MinSign-0.01 {
						bad("room", e.H, MinSign)
					}
				}
			case UseLabel, UseText, UseIntro, UseHeading:
				if e.Kind == KindCondition {
					if e.Size < MinHintSize-0.01 {
						out = append(out, Problem{Page: pi + 1, Element: Describe(e), Detail: fmt.Sprintf("type %.1f pt, want at least %.1f pt", e.Size, MinHintSize)})
					}
					continue
				}
				if e.Size < MinBodySize-0.01 {
					out = append(out, Problem{Page: pi + 1, Element: Describe(e), Detail: fmt.Sprintf("type %.1f pt, want at least %.1f pt", e.Size, MinBodySize)})
				}
			case UseHint:
				if e.Size < MinHintSize-0.01 {
					out = append(out, Problem{Page: pi + 1, Element: Describe(e), Detail: fmt.Sprintf("type %.1f pt, want at least %.1f pt", e.Size, MinHintSize)})
				}
			}
		}
	}
	return out
}
