package layout

import (
	"strings"
	"testing"
)

// TestCheckFindsEachProblem: every rule reports a document made to break
// it, naming page and element, and is silent on one that keeps it.
func TestCheckFindsEachProblem(t *testing.T) {
	label := func(owner string, x, y, w float64, rtl bool) Element {
		return Element{Use: UseLabel, Field: strings.Split(owner, "/")[0], Owner: owner, X: x, Y: y, W: w, H: 12, RTL: rtl, First: true, Size: 9, Text: owner}
	}
	box := func(owner, kind string, x, y, w, h float64) Element {
		return Element{Use: UseWidget, Field: strings.Split(owner, "/")[0], Owner: owner, Kind: kind, X: x, Y: y, W: w, H: h, Lines: 3, Cell: MinCell}
	}
	text := func(field string, y float64, first bool) Element {
		return Element{Use: UseText, Field: field, X: 50, Y: y, W: 200, H: 12, Size: 9, First: first, Text: "line"}
	}
	lines := func(field string, y float64, n int) []Element {
		var out []Element
		for i := range n {
			out = append(out, text(field, y+float64(i)*12, i == 0))
		}
		return out
	}
	page := func(els ...[]Element) *Page {
		p := &Page{}
		for _, e := range els {
			p.Elements = append(p.Elements, e...)
		}
		return p
	}
	one := func(e ...Element) []Element { return e }
	filler := lines("filler", 600, 4)
	for _, tt := range []struct {
		name  string
		rule  string
		pages []*Page
		want  string // in the problem; "" for none
	}{
		{"rtl label starts next to another box", "ownership", []*Page{page(one(
			// options a and b side by side, boxes at the left of each
			// column; a's translation ends at the right of its column,
			// beside b's box
			box("c/1", KindCheck, 50, 100, 10, 10), label("c/1", 64, 100, 60, true),
			box("c/2", KindCheck, 130, 100, 10, 10), label("c/2", 144, 100, 60, true)))},
			"the box of c/2"},
		{"mirrored option", "ownership", []*Page{page(one(
			label("c/1", 50, 100, 60, true), box("c/1", KindCheck, 114, 100, 10, 10), label("c/1", 128, 100, 60, false),
			label("c/2", 200, 100, 60, true), box("c/2", KindCheck, 264, 100, 10, 10), label("c/2", 278, 100, 60, false)))},
			""},
		{"something between label and box", "ownership", []*Page{page(one(
			label("a", 50, 100, 60, false), box("a", KindBox, 50, 150, 200, 23),
			label("b", 40, 125, 100, false)))},
			"lies between"},
		{"label without its box", "ownership", []*Page{page(one(label("a", 50, 700, 60, false)), filler), page(one(box("a", KindBox, 50, 60, 200, 23)))},
			"not on the page"},
		{"signature apart from its declaration", "signature", []*Page{
			page(lines("decl", 100, 30)),
			page(one(Element{Use: UseSignature, Field: "sign", X: 50, Y: 60, W: 400, H: 90, Confirms: []string{"decl"}}))},
			"declaration it signs ends on page 1"},
		{"signature apart from a declaration that fits", "signature", []*Page{
			page(lines("decl", 600, 10)),
			page(lines("decl", 60, 2), one(Element{Use: UseSignature, Field: "sign", X: 50, Y: 100, W: 400, H: 90, Confirms: []string{"decl"}}))},
			"though both fit on one page"},
		{"signature with its declaration", "signature", []*Page{
			page(lines("decl", 100, 30), one(Element{Use: UseSignature, Field: "sign", X: 50, Y: 500, W: 400, H: 90, Confirms: []string{"decl"}}))},
			""},
		{"heading ends a page", "stranded", []*Page{
			page(filler, one(Element{Use: UseHeading, Section: "s", X: 50, Y: 780, W: 100, H: 14, Size: 10, Text: "3 Umfang"})),
			page(lines("p", 60, 4))},
			`heading section s "3 Umfang"`},
		{"widow line", "widow", []*Page{page(lines("p", 700, 5)), page(one(text("p", 60, false)), filler)},
			"5 and 1"},
		{"follow-up apart from its question", "follow-up", []*Page{
			page(one(box("q", KindRadio, 50, 700, 10, 10)), filler),
			page(one(Element{Use: UseWidget, Field: "details", Owner: "details", Kind: KindLines, X: 50, Y: 60, W: 400, H: 69, Lines: 3, Follows: []string{"q"}}), filler)},
			"follows up q"},
		{"page of signatures only", "short-page", []*Page{
			page(filler),
			page(one(Element{Use: UseSignature, Field: "sign", X: 50, Y: 60, W: 400, H: 90, Confirms: []string{"filler"}},
				label("sign", 50, 60, 100, false), box("sign", KindSign, 50, 80, 100, MinSign)))},
			"only signatures"},
		{"boxes too small to write in", "size", []*Page{page(one(box("a", KindBox, 50, 100, 100, 19), box("b", KindCheck, 50, 140, 8.5, 8.5)))},
			"height 6.7 mm"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := &Document{Pages: tt.pages, Frame: 730}
			var rule []Checker
			for _, c := range Checkers {
				if c.Name == tt.rule {
					rule = append(rule, c)
				}
			}
			ps := Check(d, rule...)
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			switch {
			case tt.want == "" && len(ps) > 0:
				t.Errorf("want no problem, got %q", got)
			case tt.want != "" && !strings.Contains(strings.Join(got, "\n"), tt.want):
				t.Errorf("want a problem with %q, got %q", tt.want, got)
			case tt.want != "" && !strings.HasPrefix(got[0], "page "):
				t.Errorf("problem %q does not name its page", got[0])
			}
		})
	}
}
