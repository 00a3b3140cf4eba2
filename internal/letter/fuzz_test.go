package letter

import (
	"testing"

	"formgen/internal/testtool"
)

// FuzzParse: a template file never panics the reader; what it cannot use
// is a problem that names the file.
func FuzzParse(f *testing.F) {
	for _, src := range testtool.Seeds(f, "../../templates/*.toml", "testdata/*.toml") {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		tpl, ps := Parse("templates/x.toml", src)
		for _, p := range ps {
			if p.File != "templates/x.toml" || p.Msg == "" {
				t.Fatalf("problem without file or text: %+v", p)
			}
		}
		if tpl == nil && len(ps) == 0 {
			t.Fatal("no template and no problem")
		}
		if tpl != nil && len(ps) == 0 {
			// a template read without problems gives its data fields
			_ = tpl.DataFields()
		}
	})
}
