package form

import (
	"os"
	"path/filepath"
	"testing"
)

func seedFiles(f *testing.F, pattern string) {
	names, err := filepath.Glob(pattern)
	if err != nil {
		f.Fatal(err)
	}
	for _, n := range names {
		src, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
}

// FuzzParse: a form file never panics the reader; what it cannot use is
// a problem that names the file.
func FuzzParse(f *testing.F) {
	seedFiles(f, "../../forms/*.toml")
	seedFiles(f, "testdata/*.toml")
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
	seedFiles(f, "../../forms/office.toml")
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
