package text

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"strings"
	"testing"

	"formgen/internal/testtool"
)

type hbGlyph struct {
	G  int     `json:"g"`
	Cl int     `json:"cl"`
	Dx float64 `json:"dx"`
	Dy float64 `json:"dy"`
	Ax float64 `json:"ax"`
}

// TestShapingMatchesHarfBuzz compares the text layer's glyphs with
// hb-shape's for every line of testdata/shaping/corpus.tsv.
func TestShapingMatchesHarfBuzz(t *testing.T) {
	testtool.Need(t, "hb-shape")
	fonts := testFonts(t)
	sh := NewShaper(fonts)
	f, err := os.Open("../../testdata/shaping/corpus.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }() // read only: nothing is lost
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 5 {
			t.Fatalf("bad corpus line %q", line)
		}
		file, dir, script, lang, txt := cols[0], cols[1], cols[2], cols[3], cols[4]
		n++
		t.Run(lang+"/"+txt, func(t *testing.T) {
			weight := Regular
			if strings.Contains(file, "Bold") {
				weight = Bold
			}
			p, err := sh.Shape(txt, Style{Weight: weight, RTL: dir == "rtl", Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.runs) != 1 || p.runs[0].face.File != file {
				var got []string
				for _, r := range p.runs {
					got = append(got, r.face.File)
				}
				t.Fatalf("text set in %v, want one run in %s", got, file)
			}
			run := p.runs[0]
			out, err := exec.Command("hb-shape", "--output-format=json", "--no-glyph-names",
				"--direction="+dir, "--script="+strings.ToLower(script), "--language="+lang,
				"../../fonts/"+file, txt).Output()
			if err != nil {
				t.Fatalf("hb-shape: %v", err)
			}
			var want []hbGlyph
			if err := json.Unmarshal(out, &want); err != nil {
				t.Fatalf("hb-shape output %q: %v", out, err)
			}
			upem := run.face.Upem() / run.face.Scale
			if len(run.glyphs) != len(want) {
				t.Fatalf("%d glyphs, hb-shape gives %d", len(run.glyphs), len(want))
			}
			for i, g := range run.glyphs {
				w := want[i]
				got := hbGlyph{G: int(g.id), Cl: int(g.cluster), Ax: float64(g.advance) * upem, Dx: float64(g.dx) * upem, Dy: float64(g.dy) * upem}
				if got.G != w.G || got.Cl != w.Cl || math.Abs(got.Ax-w.Ax) > 0.01 || math.Abs(got.Dx-w.Dx) > 0.01 || math.Abs(got.Dy-w.Dy) > 0.01 {
					t.Errorf("glyph %d = %+v, hb-shape gives %+v", i, got, w)
				}
			}
		})
	}
	if n < 20 {
		t.Errorf("corpus has %d lines, want at least 20", n)
	}
}
