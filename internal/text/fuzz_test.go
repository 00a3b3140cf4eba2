package text

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// FuzzLayout lays out any text in either direction at any width: never a
// panic, and either lines or an error naming characters no font has.
// Every line's clusters cover its glyphs.
func FuzzLayout(f *testing.F) {
	for _, s := range []string{"Familienname", "طلب الإقامة (Omar) 123", "ქართული ენა", "ትግርኛ", "a\u200db\u0301\u202e\u2068x\u2069", strings.Repeat("x", 300), "  \t \r\n", "🙂", "\x00\xff"} {
		f.Add(s, false, 100.0)
		f.Add(s, true, 3.0)
	}
	fonts := testFonts(f)
	f.Fuzz(func(t *testing.T, s string, rtl bool, width float64) {
		if math.IsNaN(width) || math.IsInf(width, 0) || width < 1 || width > 2000 || len(s) > 4000 {
			return
		}
		sh := NewShaper(fonts)
		lines, err := sh.Layout(s, Style{Size: 10, RTL: rtl}, width)
		if err != nil {
			var mg *MissingGlyphError
			if !errors.As(err, &mg) || len(mg.Runes) == 0 {
				t.Fatalf("error other than missing glyphs: %v", err)
			}
			return
		}
		if len(lines) == 0 {
			t.Fatal("no lines")
		}
		for _, l := range lines {
			if math.IsNaN(l.Width) || l.Width < 0 || l.Ascent < 0 || l.Descent < 0 {
				t.Fatalf("bad line metrics %+v", l)
			}
			for _, r := range l.Runs {
				n := 0
				for _, c := range r.Clusters {
					n += c.Glyphs
				}
				if n != len(r.Glyphs) {
					t.Fatalf("clusters cover %d of %d glyphs", n, len(r.Glyphs))
				}
			}
		}
	})
}
