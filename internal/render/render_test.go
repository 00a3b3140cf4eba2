package render

import (
	"io/fs"
	"testing"

	"github.com/BurntSushi/toml"

	"formgen"
	"formgen/internal/form"
	"formgen/internal/letter"
	"formgen/internal/locale"
	"formgen/internal/text"
)

// shipped returns an engine over the shipped data.
func shipped(t testing.TB) *Engine {
	t.Helper()
	sub := func(dir string) fs.FS {
		f, err := fs.Sub(formgen.Data, dir)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	fonts, err := text.LoadFontSet(sub("fonts"))
	if err != nil {
		t.Fatal(err)
	}
	forms, ps, err := form.LoadAll(sub("forms"), "forms")
	if err != nil || len(ps) > 0 {
		t.Fatal(err, ps)
	}
	cat, ps, err := locale.Load(sub("locales"), "locales")
	if err != nil || len(ps) > 0 {
		t.Fatal(err, ps)
	}
	templates, ps, err := letter.LoadAll(sub("templates"), "templates")
	if err != nil || len(ps) > 0 {
		t.Fatal(err, ps)
	}
	var office Office
	if _, err := toml.DecodeFS(formgen.Data, "forms/office.toml", &office); err != nil {
		t.Fatal(err)
	}
	return &Engine{Forms: forms, Templates: templates, Catalog: cat, Fonts: fonts, Office: office, Version: "test"}
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
