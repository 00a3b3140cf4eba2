package text

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// words returns n words of German-like running text in one paragraph.
func words(n int) string {
	w := strings.Fields("Die Ausländerbehörde bittet Sie, zu dem Termin alle Unterlagen mitzubringen, die Ihren Aufenthalt betreffen")
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w[i%len(w)])
	}
	return b.String()
}

// BenchmarkLayoutLong lays out one long message: the time per word must
// not grow with the length (ns/word stays flat from 10k to 200k words).
func BenchmarkLayoutLong(b *testing.B) {
	fonts := testFonts(b)
	for _, n := range []int{10_000, 20_000, 40_000, 200_000} {
		str := words(n)
		b.Run(fmt.Sprintf("words=%d", n), func(b *testing.B) {
			for b.Loop() {
				sh := NewShaper(fonts)
				if _, err := sh.Layout(str, Style{Size: 10}, 400); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/word")
		})
	}
}

// BenchmarkLayoutLongWord lays out one word with no break opportunity,
// cut between graphemes over many lines.
func BenchmarkLayoutLongWord(b *testing.B) {
	fonts := testFonts(b)
	for _, n := range []int{10_000, 40_000} {
		str := strings.Repeat("x", n)
		b.Run(fmt.Sprintf("chars=%d", n), func(b *testing.B) {
			for b.Loop() {
				sh := NewShaper(fonts)
				if _, err := sh.Layout(str, Style{Size: 10}, 400); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/char")
		})
	}
}

// TestLinesSearchSame: a line finds its runs and glyphs by binary search
// (layout time linear in the text); it must give exactly the lines a
// search through every run and glyph gives, in both directions and mixed.
func TestLinesSearchSame(t *testing.T) {
	sh := NewShaper(testFonts(t))
	for _, c := range []struct {
		text string
		st   Style
	}{
		{words(2000), Style{Size: 10}},
		{strings.Repeat("طلب الإقامة للم\u200dـقيم 123 ABC ", 300), Style{Size: 9, RTL: true, Lang: "ar"}},
		{strings.Repeat("Name (عمر حداد) and ქართული ", 200), Style{Size: 9, Lang: "en"}},
		{strings.Repeat("x", 3000) + "   " + strings.Repeat("y ", 500), Style{Size: 10}},
	} {
		p, err := sh.Shape(c.text, c.st)
		if err != nil {
			t.Fatal(err)
		}
		fast := p.Lines(150, c.st.Size)
		slow := *p
		slow.runsOrdered = false
		slow.runs = slices.Clone(p.runs)
		for i := range slow.runs {
			slow.runs[i].ordered = false
		}
		if !reflect.DeepEqual(fast, slow.Lines(150, c.st.Size)) {
			t.Errorf("%.30q: lines differ when runs and glyphs are searched", c.text)
		}
		ordered := 0
		for _, r := range p.runs {
			if r.ordered {
				ordered++
			}
		}
		if !p.runsOrdered || ordered != len(p.runs) {
			t.Errorf("%.30q: %d of %d runs in cluster order, runs ordered %v", c.text, ordered, len(p.runs), p.runsOrdered)
		}
	}
}
