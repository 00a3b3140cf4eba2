package build

import (
	"errors"
	"slices"
	"testing"

	"formgen/internal/project"
)

func TestPlan(t *testing.T) {
	p, err := project.Open(project.Options{SourceDateEpoch: "1767225600"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Plan(p, Selection{IDs: []string{"vollmacht", "einladung"}, Langs: []string{"uk", "prs"}})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, d := range b.Docs {
		paths = append(paths, d.Path)
		if d.Base == "" || (d.Kind == "template") != (d.Record != nil) {
			t.Errorf("%s: base %q, record %v", d.Path, d.Base, d.Record != nil)
		}
	}
	if want := []string{"uk/vollmacht.pdf", "uk/einladung.pdf", "fa-AF/vollmacht.pdf", "fa-AF/einladung.pdf"}; !slices.Equal(paths, want) {
		t.Errorf("docs %v, want %v", paths, want)
	}
	if n := len(p.Catalog.Locales) * (len(p.Forms.Forms) + len(p.Templates.Templates)); len(b.All) != n {
		t.Errorf("%d paths in all, want %d", len(b.All), n)
	}
	// the date is part of what a document is made from
	q, _ := project.Open(project.Options{SourceDateEpoch: "1767225601"})
	b2, _ := Plan(q, Selection{IDs: []string{"vollmacht"}, Langs: []string{"uk"}})
	if b2.Docs[0].Base == b.Docs[0].Base {
		t.Error("another SOURCE_DATE_EPOCH, the same base digest")
	}
	for _, sel := range []Selection{{IDs: []string{"nothing"}}, {Langs: []string{"xx"}}} {
		var nf *project.NotFoundError
		if _, err := Plan(p, sel); !errors.As(err, &nf) {
			t.Errorf("Plan(%v): %v, want a NotFoundError", sel, err)
		}
	}
}
