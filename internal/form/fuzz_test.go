package form

import (
	"testing"

	"formgen/internal/testtool"
)

// FuzzParse: a form file never panics the reader; what it cannot use is
// a problem that names the file.
func FuzzParse(f *testing.F) {
	for _, src := range testtool.Seeds(f, "../../forms/*.toml", "testdata/*.toml") {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, ps := Parse("forms/x.toml", src)
		for _, p := range ps {
			if p.File != "forms/x.toml" || p.Msg == "" {
				t.Fatalf("problem without file or text: %+v", p)
			}
		}
		if fm == nil && len(ps) == 0 {
			t.Fatal("no form and no problem")
		}
	})
}

// FuzzParseOffice: the office file never panics the reader.
func FuzzParseOffice(f *testing.F) {
	for _, src := range testtool.Seeds(f, "../../forms/office.toml") {
		f.Add(src)
	}
	f.Add([]byte("name = \"x\"\nstreet = 1"))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, ps := ParseOffice("forms/office.toml", src)
		for _, p := range ps {
			if p.File != "forms/office.toml" || p.Msg == "" {
				t.Fatalf("problem without file or text: %+v", p)
			}
		}
	})
}
