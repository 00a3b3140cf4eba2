package render

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"formgen/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// pixelGoldens are the pages compared pixel by pixel with committed
// renderings, so that a change in shaping or layout shows.
var pixelGoldens = []struct{ form, lang string }{
	{"aufenthaltstitel", "ar"},
	{"aufenthaltstitel", "ps"},
	{"aufenthaltstitel", "ti"},
}

// maxDiff is the share of pixels that may differ: enough for another
// rasteriser's antialiasing, far too little for a moved or missing word.
const maxDiff = 0.004

func TestPixelGoldens(t *testing.T) {
	testtool.Need(t, "pdftoppm")
	e := shipped(t)
	for _, g := range pixelGoldens {
		t.Run(g.lang, func(t *testing.T) {
			res, err := e.Form(g.form, e.Catalog.Get(g.lang), nil)
			if err != nil {
				t.Fatal(err)
			}
			got := rasterize(t, res.PDF, 1)
			file := filepath.Join("..", "..", "testdata", "golden", fmt.Sprintf("%s-%s-1.png", g.form, g.lang))
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			share, err := pixelDiff(got, want)
			if err != nil {
				t.Fatal(err)
			}
			if share > maxDiff {
				out := filepath.Join(t.TempDir(), filepath.Base(file))
				if err := os.WriteFile(out, got, 0o644); err != nil {
					t.Error(err)
				}
				t.Errorf("page 1 of %s in %s differs from %s in %.2f%% of its pixels (allowed %.2f%%); new rendering: %s",
					g.form, g.lang, file, 100*share, 100*maxDiff, out)
			}
		})
	}
}

// rasterize renders one page of a PDF as a grey PNG at 60 dpi.
func rasterize(t *testing.T, pdf []byte, page int) []byte {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	p := fmt.Sprint(page)
	out := filepath.Join(dir, "page")
	if msg, err := exec.Command("pdftoppm", "-r", "60", "-gray", "-png", "-singlefile", "-f", p, "-l", p, in, out).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// pixelDiff returns the share of pixels whose grey levels differ by more
// than a quarter of the scale.
func pixelDiff(a, b []byte) (float64, error) {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return 0, err
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 0, err
	}
	if ia.Bounds() != ib.Bounds() {
		return 1, nil
	}
	r := ia.Bounds()
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if d := grey(ia, x, y) - grey(ib, x, y); d > 64 || d < -64 {
				n++
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy()), nil
}

func grey(img image.Image, x, y int) int {
	r, g, b, _ := img.At(x, y).RGBA()
	return int((r + g + b) / 3 >> 8)
}
