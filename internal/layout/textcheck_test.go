package layout

import (
	"strings"
	"testing"

	"formgen/internal/text"
)

// TestTextAndSheetCheckers: each rule finds the problem it is made for
// and names its page.
func TestTextAndSheetCheckers(t *testing.T) {
	line := func(x, y float64, para int, lang, s string, role Role) TextLine {
		return TextLine{X: x, Y: y, Para: para, Lang: lang, Role: role, Line: text.Line{Width: 50, Runs: []text.Run{{Clusters: []text.Cluster{{Text: s}}}}}}
	}
	tel := "Telefon 03491 479-1234"
	tests := []struct {
		name, rule string
		doc        *Document
		want       string
	}{
		{"telephone number broken", "protected-run", &Document{
			Boxes: []Box{{Text: tel, Starts: []int{0, 14}, Para: 1}},
			Pages: []*Page{{Items: []Item{line(50, 100, 1, "de", "Telefon 03491", RoleP)}}}},
			`page 1: protected-run: "Telefon 03491 479-1234": "03491 479-1234" broken`},
		{"telephone number whole", "protected-run", &Document{
			Boxes: []Box{{Text: tel, Starts: []int{0, 8}, Para: 1}},
			Pages: []*Page{{Items: []Item{line(50, 100, 1, "de", "Telefon", RoleP)}}}},
			""},
		{"translation in black", "translation-colour", &Document{
			Pages: []*Page{{Items: []Item{line(50, 100, 1, "de", "Termin", RoleP), line(50, 120, 2, "uk", "Запис", RoleP)}}}},
			`page 1: translation-colour: "Запис"`},
		{"translation in ink", "translation-colour", &Document{
			Pages: []*Page{{Items: []Item{func() Item { l := line(50, 120, 2, "uk", "Запис", RoleP); l.Color = Ink; return l }()}}}},
			""},
		{"sheet text too small", "type-size", &Document{
			Pages: []*Page{{Items: []Item{func() Item {
				l := line(50, 100, 1, "de", "klein", RoleP)
				l.Line.Runs[0].Size = 8
				return l
			}()}}}},
			`page 1: type-size: "klein": type 8.0 pt, want at least 9.0 pt`},
		{"sheet text large enough", "type-size", &Document{
			Pages: []*Page{{Items: []Item{func() Item {
				l := line(50, 100, 1, "ar", "كبير", RoleLI)
				l.Line.Runs[0].Size = 10.5
				return l
			}()}}}},
			""},
		{"word cut", "cut-word", &Document{
			Boxes: []Box{{Text: "Xqzwv", Split: true, Para: 1}},
			Pages: []*Page{{}, {Items: []Item{line(50, 100, 1, "de", "Xqz", RoleP)}}}},
			"page 2: cut-word"},
		{"spacing varies in the German column", "line-spacing", &Document{Width: 600,
			Pages: []*Page{{Items: []Item{
				line(50, 100, 1, "de", "a", RoleP), line(50, 111, 1, "de", "b", RoleP),
				line(50, 200, 2, "de", "c", RoleP), line(50, 214, 2, "de", "d", RoleP)}}}},
			"page 1: line-spacing"},
		{"spacing even, the other column apart", "line-spacing", &Document{Width: 600,
			Pages: []*Page{{Items: []Item{
				line(50, 100, 1, "de", "a", RoleP), line(50, 111, 1, "de", "b", RoleP),
				line(350, 100, 2, "ar", "c", RoleP), line(350, 114, 2, "ar", "d", RoleP)}}}},
			""},
		{"bullet in one column only", "list-item", &Document{Width: 600,
			Pages: []*Page{{Items: []Item{
				line(40, 100, 0, "", "•", RoleArtifact), line(50, 100, 1, "de", "a", RoleP),
				line(340, 104, 0, "", "•", RoleArtifact), line(350, 104, 2, "ar", "b", RoleP)}}}},
			"no bullet level with it"},
		{"item over two pages", "list-item", &Document{Width: 600,
			Pages: []*Page{
				{Items: []Item{line(40, 800, 0, "", "•", RoleArtifact), line(50, 800, 1, "de", "a", RoleP)}},
				{Items: []Item{line(50, 60, 1, "de", "b", RoleP)}}}},
			"runs over pages [1 2]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rule []Checker
			for _, c := range append(append([]Checker{}, TextCheckers...), SheetCheckers...) {
				if c.Name == tt.rule {
					rule = append(rule, c)
				}
			}
			var got []string
			for _, p := range Check(tt.doc, rule...) {
				got = append(got, p.String())
			}
			all := strings.Join(got, "\n")
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("want no problem, got %q", got)
			case tt.want != "" && !strings.Contains(all, tt.want):
				t.Errorf("want a problem with %q, got %q", tt.want, got)
			}
		})
	}
}
