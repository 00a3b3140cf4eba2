package layout

import (
	"strings"
	"testing"
)

// Elements of made-up pages, for the checks' tests.

// labelEl is the first line of a label of owner at x, y, w wide.
func labelEl(owner string, x, y, w float64, rtl bool) Element {
	return Element{Use: UseLabel, Field: strings.Split(owner, "/")[0], Owner: owner, X: x, Y: y, W: w, H: 12, RTL: rtl, First: true, Size: 9, Text: owner}
}

// widgetEl is a widget of owner of kind, large enough in every other
// measure.
func widgetEl(owner, kind string, x, y, w, h float64) Element {
	return Element{Use: UseWidget, Field: strings.Split(owner, "/")[0], Owner: owner, Kind: kind, X: x, Y: y, W: w, H: h, Lines: 3, Cell: MinCell}
}

// textEl is a line of body text of field at y.
func textEl(field string, y float64, first bool) Element {
	return Element{Use: UseText, Field: field, X: 50, Y: y, W: 200, H: 12, Size: 9, First: first, Text: "line"}
}

// textEls are n lines of a paragraph of field from y down.
func textEls(field string, y float64, n int) []Element {
	var out []Element
	for i := range n {
		out = append(out, textEl(field, y+float64(i)*12, i == 0))
	}
	return out
}

// filler is four lines of text at the foot of a page: enough that the
// page is not short.
func filler() []Element { return textEls("filler", 600, 4) }

// els lists elements.
func els(e ...Element) []Element { return e }

// pageWith is a page of the elements of els.
func pageWith(els ...[]Element) *Page {
	p := &Page{}
	for _, e := range els {
		p.Elements = append(p.Elements, e...)
	}
	return p
}

// checkCases are documents made to break each rule of Checkers, and some
// that keep it.
var checkCases = []struct {
	name  string
	rule  string
	pages []*Page
	want  string // in the problem; "" for none
}{
	{"rtl label starts next to another box", "ownership", []*Page{pageWith(els(
		// options a and b side by side, boxes at the left of each
		// column; a's translation ends at the right of its column,
		// beside b's box
		widgetEl("c/1", KindCheck, 50, 100, 10, 10), labelEl("c/1", 64, 100, 60, true),
		widgetEl("c/2", KindCheck, 130, 100, 10, 10), labelEl("c/2", 144, 100, 60, true)))},
		"the box of c/2"},
	{"mirrored option", "ownership", []*Page{pageWith(els(
		labelEl("c/1", 50, 100, 60, true), widgetEl("c/1", KindCheck, 114, 100, 10, 10), labelEl("c/1", 128, 100, 60, false),
		labelEl("c/2", 200, 100, 60, true), widgetEl("c/2", KindCheck, 264, 100, 10, 10), labelEl("c/2", 278, 100, 60, false)))},
		""},
	{"something between label and box", "ownership", []*Page{pageWith(els(
		labelEl("a", 50, 100, 60, false), widgetEl("a", KindBox, 50, 150, 200, 23),
		labelEl("b", 40, 125, 100, false)))},
		"lies between"},
	{"label without its box", "ownership", []*Page{pageWith(els(labelEl("a", 50, 700, 60, false)), filler()), pageWith(els(widgetEl("a", KindBox, 50, 60, 200, 23)))},
		"not on the page"},
	{"signature apart from its declaration", "signature", []*Page{
		pageWith(textEls("decl", 100, 30)),
		pageWith(els(Element{Use: UseSignature, Field: "sign", X: 50, Y: 60, W: 400, H: 90, Confirms: []string{"decl"}}))},
		"declaration it signs ends on page 1"},
	{"signature apart from a declaration that fits", "signature", []*Page{
		pageWith(textEls("decl", 600, 10)),
		pageWith(textEls("decl", 60, 2), els(Element{Use: UseSignature, Field: "sign", X: 50, Y: 100, W: 400, H: 90, Confirms: []string{"decl"}}))},
		"though both fit on one page"},
	{"signature with its declaration", "signature", []*Page{
		pageWith(textEls("decl", 100, 30), els(Element{Use: UseSignature, Field: "sign", X: 50, Y: 500, W: 400, H: 90, Confirms: []string{"decl"}}))},
		""},
	{"heading ends a page", "stranded", []*Page{
		pageWith(filler(), els(Element{Use: UseHeading, Section: "s", X: 50, Y: 780, W: 100, H: 14, Size: 10, Text: "3 Umfang"})),
		pageWith(textEls("p", 60, 4))},
		`heading section s "3 Umfang"`},
	{"widow line", "widow", []*Page{pageWith(textEls("p", 700, 5)), pageWith(els(textEl("p", 60, false)), filler())},
		"5 and 1"},
	{"follow-up apart from its question", "follow-up", []*Page{
		pageWith(els(widgetEl("q", KindRadio, 50, 700, 10, 10)), filler()),
		pageWith(els(Element{Use: UseWidget, Field: "details", Owner: "details", Kind: KindLines, X: 50, Y: 60, W: 400, H: 69, Lines: 3, Follows: []string{"q"}}), filler())},
		"follows up q"},
	{"page of signatures only", "short-page", []*Page{
		pageWith(filler()),
		pageWith(els(Element{Use: UseSignature, Field: "sign", X: 50, Y: 60, W: 400, H: 90, Confirms: []string{"filler()"}},
			labelEl("sign", 50, 60, 100, false), widgetEl("sign", KindSign, 50, 80, 100, MinSign)))},
		"only signatures"},
	{"boxes too small to write in", "size", []*Page{pageWith(els(widgetEl("a", KindBox, 50, 100, 100, 19), widgetEl("b", KindCheck, 50, 140, 8.5, 8.5)))},
		"height 6.7 mm"},
}

// TestCheckFindsEachProblem: every rule reports a document made to break
// it, naming page and element, and is silent on one that keeps it.
func TestCheckFindsEachProblem(t *testing.T) {
	for _, tt := range checkCases {
		t.Run(tt.name, func(t *testing.T) {
			d := &Document{Pages: tt.pages, Frame: 730}
			wantProblem(t, Check(d, named(tt.rule, Checkers)...), tt.want)
		})
	}
}

// named returns the checkers of the lists with the given name.
func named(name string, lists ...[]Checker) []Checker {
	var out []Checker
	for _, l := range lists {
		for _, c := range l {
			if c.Name == name {
				out = append(out, c)
			}
		}
	}
	return out
}

// wantProblem fails t unless the problems ps hold one that contains want
// and names its page, or when want is "", unless there are none.
func wantProblem(t *testing.T, ps []Problem, want string) {
	t.Helper()
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	switch {
	case want == "" && len(ps) > 0:
		t.Errorf("want no problem, got %q", got)
	case want != "" && !strings.Contains(strings.Join(got, "\n"), want):
		t.Errorf("want a problem with %q, got %q", want, got)
	case want != "" && !strings.HasPrefix(got[0], "page "):
		t.Errorf("problem %q does not name its page", got[0])
	}
}
