package layout

import (
	"fmt"
	"slices"
	"testing"

	"formgen/internal/text"
)

// lineAt is a line of text s at x, y in paragraph para.
func lineAt(x, y float64, para int, lang, s string, role Role) TextLine {
	return TextLine{X: x, Y: y, Para: para, Lang: lang, Role: role, Line: text.Line{Width: 50, Runs: []text.Run{{Clusters: []text.Cluster{{Text: s}}}}}}
}

const telephone = "Telefon 03491 479-1234"

// textCheckCases are documents made to break each rule of TextCheckers
// and SheetCheckers, and some that keep it.
var textCheckCases = []struct {
	name, rule string
	doc        *Document
	want       string // in the problem; "" for none
}{
	{"telephone number broken", "protected-run", &Document{
		Boxes: []Box{{Text: telephone, Starts: []int{0, 14}, Para: 1}},
		Pages: []*Page{{Items: []Item{lineAt(50, 100, 1, "de", "Telefon 03491", RoleP)}}}},
		`page 1: protected-run: "Telefon 03491 479-1234": "03491 479-1234" broken`},
	{"telephone number whole", "protected-run", &Document{
		Boxes: []Box{{Text: telephone, Starts: []int{0, 8}, Para: 1}},
		Pages: []*Page{{Items: []Item{lineAt(50, 100, 1, "de", "Telefon", RoleP)}}}},
		""},
	{"translation in black", "translation-colour", &Document{
		Pages: []*Page{{Items: []Item{lineAt(50, 100, 1, "de", "Termin", RoleP), lineAt(50, 120, 2, "uk", "Запис", RoleP)}}}},
		`page 1: translation-colour: "Запис"`},
	{"translation in ink", "translation-colour", &Document{
		Pages: []*Page{{Items: []Item{func() Item { l := lineAt(50, 120, 2, "uk", "Запис", RoleP); l.Color = Ink; return l }()}}}},
		""},
	{"sheet text too small", "type-size", &Document{
		Pages: []*Page{{Items: []Item{func() Item {
			l := lineAt(50, 100, 1, "de", "klein", RoleP)
			l.Line.Runs[0].Size = 8
			return l
		}()}}}},
		`page 1: type-size: "klein": type 8.0 pt, want at least 9.0 pt`},
	{"sheet text large enough", "type-size", &Document{
		Pages: []*Page{{Items: []Item{func() Item {
			l := lineAt(50, 100, 1, "ar", "كبير", RoleLI)
			l.Line.Runs[0].Size = 10.5
			return l
		}()}}}},
		""},
	{"word cut", "cut-word", &Document{
		Boxes: []Box{{Text: "Xqzwv", Split: true, Para: 1}},
		Pages: []*Page{{}, {Items: []Item{lineAt(50, 100, 1, "de", "Xqz", RoleP)}}}},
		"page 2: cut-word"},
	{"spacing varies in the German column", "line-spacing", &Document{Width: 600,
		Pages: []*Page{{Items: []Item{
			lineAt(50, 100, 1, "de", "a", RoleP), lineAt(50, 111, 1, "de", "b", RoleP),
			lineAt(50, 200, 2, "de", "c", RoleP), lineAt(50, 214, 2, "de", "d", RoleP)}}}},
		"page 1: line-spacing"},
	{"spacing even, the other column apart", "line-spacing", &Document{Width: 600,
		Pages: []*Page{{Items: []Item{
			lineAt(50, 100, 1, "de", "a", RoleP), lineAt(50, 111, 1, "de", "b", RoleP),
			lineAt(350, 100, 2, "ar", "c", RoleP), lineAt(350, 114, 2, "ar", "d", RoleP)}}}},
		""},
	{"bullet in one column only", "list-item", &Document{Width: 600,
		Pages: []*Page{{Items: []Item{
			lineAt(40, 100, 0, "", "•", RoleArtifact), lineAt(50, 100, 1, "de", "a", RoleP),
			lineAt(340, 104, 0, "", "•", RoleArtifact), lineAt(350, 104, 2, "ar", "b", RoleP)}}}},
		"no bullet level with it"},
	{"item over two pages", "list-item", &Document{Width: 600,
		Pages: []*Page{
			{Items: []Item{lineAt(40, 800, 0, "", "•", RoleArtifact), lineAt(50, 800, 1, "de", "a", RoleP)}},
			{Items: []Item{lineAt(50, 60, 1, "de", "b", RoleP)}}}},
		"runs over pages [1 2]"},
}

// TestTextAndSheetCheckers: each rule finds the problem it is made for
// and names its page.
func TestTextAndSheetCheckers(t *testing.T) {
	for _, tt := range textCheckCases {
		t.Run(tt.name, func(t *testing.T) {
			wantProblem(t, Check(tt.doc, named(tt.rule, TextCheckers, SheetCheckers)...), tt.want)
		})
	}
}

// TestListItemProblemsInPageOrder: the list-item rule reports its
// problems in the order they stand on the page, the same on every run
// (it used to follow a map's order).
func TestListItemProblemsInPageOrder(t *testing.T) {
	pg := &Page{}
	doc := &Document{Width: 600, Pages: []*Page{pg}}
	var want []string
	for i := range 8 {
		y := 100 + 20*float64(i)
		pg.Items = append(pg.Items, lineAt(40, y, 0, "", "•", RoleArtifact), lineAt(50, y, i+1, "de", "a", RoleP),
			lineAt(350, y+4, 20+i, "ar", "b", RoleP))
		want = append(want, fmt.Sprintf("bullet at %.1f pt", y))
	}
	pg.Items = append(pg.Items, lineAt(350, 50, 40, "ar", "b", RoleP))
	for range 5 {
		var got []string
		for _, p := range checkListItems(doc) {
			got = append(got, p.Element)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("problems %q, want %q", got, want)
		}
	}
}
