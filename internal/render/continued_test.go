package render

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"formgen/internal/form"
	"formgen/internal/project"
	"formgen/internal/testtool"
)

// TestContinuedOnlyWhenPrinted: a document depends on "(Fortsetzung)"
// only when a table of it goes on to another page and prints it; the
// shipped forms, whose tables fit, do not, so a change to it remakes
// nothing. A table of 40 rows does print it, and records it.
func TestContinuedOnlyWhenPrinted(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "forms", "aufenthaltstitel.toml"))
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Replace(string(src), "rows = 5\n", "rows = 40\n", 1)
	if long == string(src) {
		t.Fatal("no table of 5 rows in aufenthaltstitel.toml")
	}
	office, err := os.ReadFile(filepath.Join("..", "..", "forms", "office.toml"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := project.Open(project.Options{Dir: "long", FS: fstest.MapFS{
		"forms/aufenthaltstitel.toml": {Data: []byte(long)},
		"forms/office.toml":           {Data: office},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if ps := p.Problems(); len(ps) > 0 {
		t.Fatal(ps)
	}
	longEngine, err := New(p, "test")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		e    *Engine
		want bool
	}{{"shipped", shipped(t), false}, {"40 rows", longEngine, true}} {
		for _, tag := range []string{"de", "uk", "ar"} {
			res, err := c.e.Form("aufenthaltstitel", c.e.Catalog.Get(tag), nil)
			if err != nil {
				t.Fatal(err)
			}
			printed := strings.Contains(testtool.Text(t, testtool.WritePDF(t, res.PDF)), "(Fortsetzung)")
			recorded := slices.Contains(res.Messages, form.MsgContinued)
			if printed != c.want || recorded != printed {
				t.Errorf("%s, %s: (Fortsetzung) printed %v, recorded %v; want both %v", c.name, tag, printed, recorded, c.want)
			}
		}
	}
}
