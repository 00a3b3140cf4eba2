package tomlpos

import (
	"strings"
	"testing"

	"formgen/internal/testtool"
)

// FuzzScan: Scan ends on any text and every position it gives lies in the
// text.
func FuzzScan(f *testing.F) {
	for _, src := range testtool.Seeds(f, "../../forms/*.toml", "../../templates/*.toml", "../../locales/de.toml") {
		f.Add(string(src))
	}
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
