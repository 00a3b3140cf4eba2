package tomlpos

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seeds adds every file matching pattern (relative to the package) to the
// corpus of f.
func seeds(f *testing.F, pattern string) {
	names, err := filepath.Glob(pattern)
	if err != nil {
		f.Fatal(err)
	}
	for _, n := range names {
		src, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
}

// FuzzScan: Scan ends on any text and every position it gives lies in the
// text.
func FuzzScan(f *testing.F) {
	seeds(f, "../../forms/*.toml")
	seeds(f, "../../templates/*.toml")
	seeds(f, "../../locales/de.toml")
	for _, s := range []string{"x = [e }", "a = { b = [1, {c = 2}] }", "[[t]]\n[[t.u]]\nk = '''\n'''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		lines := strings.Count(src, "\n") + 1
		for path, p := range Scan(src) {
			if p.Line < 1 || p.Line > lines || p.Col < 1 || p.Col > len(src)+1 {
				t.Fatalf("%q at %v, outside the text of %d lines", path, p, lines)
			}
		}
	})
}
