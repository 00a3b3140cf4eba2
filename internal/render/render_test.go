package render

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"formgen/internal/data"
	"formgen/internal/form"
	"formgen/internal/letter"
	"formgen/internal/locale"
	"formgen/internal/project"
)

// writePDF writes a PDF made in a test to dir/name for the tools that
// read it, and returns its path.
func writePDF(t testing.TB, dir, name string, pdf []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// exampleLetter renders template tpl in locale loc with its example data
// and returns both.
func exampleLetter(t testing.TB, e *Engine, tpl *letter.Template, loc *locale.Locale) (data.Record, *Result) {
	t.Helper()
	rec, err := e.Templates.Example(tpl)
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Letter(tpl.ID, loc, rec)
	if err != nil {
		t.Fatal(err)
	}
	return rec, res
}

// shipped returns an engine over the shipped data.
func shipped(t testing.TB) *Engine {
	t.Helper()
	p, err := project.Open(project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ps := p.Problems(); len(ps) > 0 {
		t.Fatal(ps)
	}
	e, err := New(p, "test")
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func BenchmarkForm(b *testing.B) {
	e := shipped(b)
	for _, tag := range []string{"de", "en", "uk", "ar"} {
		loc := e.Catalog.Get(tag)
		if loc == nil {
			continue
		}
		b.Run(tag, func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				res, err := e.Form("aufenthaltstitel", loc, nil)
				if err != nil {
					b.Fatal(err)
				}
				size = len(res.PDF)
			}
			b.ReportMetric(float64(size)/1024, "KiB/pdf")
		})
	}
}

// BenchmarkBuild renders every form in every locale once, one after
// another, as one worker of a cold build would: each iteration starts
// from freshly loaded inputs with empty caches.
func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		e := shipped(b)
		for _, loc := range e.Catalog.Locales {
			for _, f := range e.Forms.Forms {
				if _, err := e.Form(f.ID, loc, nil); err != nil {
					b.Fatal(err)
				}
				n++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(n), "ms/pdf")
}

// TestResultMessages checks that a document reports every message it
// printed (a build decides by them whether to make it again): at least
// all a form or template declares, and the common ones.
func TestResultMessages(t *testing.T) {
	e := shipped(t)
	loc := e.Catalog.Get("uk")
	check := func(name string, res *Result, want []string) {
		t.Helper()
		for _, id := range append(want, form.MsgPage, form.MsgBinding) {
			if !slices.Contains(res.Messages, id) {
				t.Errorf("%s: %q not among the messages it reports", name, id)
			}
		}
		if !slices.IsSorted(res.Messages) {
			t.Errorf("%s: messages not sorted", name)
		}
	}
	for _, f := range e.Forms.Forms {
		res, err := e.Form(f.ID, loc, nil)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, m := range f.Messages() {
			ids = append(ids, m.ID)
		}
		check(f.ID, res, append(ids, form.MsgAuthority))
	}
	for _, tpl := range e.Templates.Templates {
		rec, res := exampleLetter(t, e, tpl, loc)
		want := letterMessages(tpl, rec)
		if tpl.Kind == letter.KindLetter {
			want = append(want, letter.CommonMessages...)
		} else {
			want = append(want, form.MsgAuthority)
		}
		check(tpl.ID, res, want)
	}
}
