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
	"strings"
	"testing"

	"formgen/internal/layout"
	"formgen/internal/pdf"
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

// maxDiff is the share of a page's pixels that may differ, and maxTile
// the share of one tile's (tile × tile pixels, 5 mm at 60 dpi): enough
// for another rasteriser's antialiasing, which spreads thin over the page,
// far too little for a moved or missing word, which shows in the tiles it
// stands in (TestPixelGoldensSeeAWord).
const (
	maxDiff = 0.004
	maxTile = 0.08
	tile    = 12
)

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
			worst, at, err := tileDiff(got, want)
			if err != nil {
				t.Fatal(err)
			}
			if share > maxDiff || worst > maxTile {
				out := filepath.Join(t.TempDir(), filepath.Base(file))
				if err := os.WriteFile(out, got, 0o644); err != nil {
					t.Error(err)
				}
				t.Errorf("page 1 of %s in %s differs from %s in %.2f%% of its pixels (allowed %.2f%%), %.0f%% of the tile at %d,%d mm (allowed %.0f%%); new rendering: %s",
					g.form, g.lang, file, 100*share, 100*maxDiff, 100*worst, at.X, at.Y, 100*maxTile, out)
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

// tileDiff cuts two renderings into tiles and returns the largest share
// of differing pixels in one tile, and where that tile is (mm from the top
// left corner).
func tileDiff(a, b []byte) (float64, image.Point, error) {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return 0, image.Point{}, err
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 0, image.Point{}, err
	}
	if ia.Bounds() != ib.Bounds() {
		return 1, image.Point{}, nil
	}
	r := ia.Bounds()
	worst, at := 0.0, image.Point{}
	for ty := r.Min.Y; ty < r.Max.Y; ty += tile {
		for tx := r.Min.X; tx < r.Max.X; tx += tile {
			n, all := 0, 0
			for y := ty; y < min(ty+tile, r.Max.Y); y++ {
				for x := tx; x < min(tx+tile, r.Max.X); x++ {
					all++
					if d := grey(ia, x, y) - grey(ib, x, y); d > 64 || d < -64 {
						n++
					}
				}
			}
			if share := float64(n) / float64(all); share > worst {
				worst, at = share, image.Point{X: tx * 254 / 600, Y: ty * 254 / 600}
			}
		}
	}
	return worst, at, nil
}

// TestPixelGoldensSeeAWord: the comparison sees a word that is missing or
// moved by 1 mm, where a share of the whole page cannot (a label is 0.08 %
// of the page's pixels).
func TestPixelGoldensSeeAWord(t *testing.T) {
	testtool.Need(t, "pdftoppm")
	e := shipped(t)
	e.init()
	res, err := e.Form("aufenthaltstitel", e.Catalog.Get("ar"), nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "testdata", "golden", "aufenthaltstitel-ar-1.png"))
	if err != nil {
		t.Fatal(err)
	}
	label := -1
	for i, it := range res.Layout.Pages[0].Items {
		if tl, ok := it.(layout.TextLine); ok && lineWords(tl) == "Familienname *" {
			label = i
		}
	}
	if label < 0 {
		t.Fatal("no label Familienname on page 1")
	}
	for _, tt := range []struct {
		name   string
		change func(items []layout.Item) []layout.Item
	}{
		{"missing", func(items []layout.Item) []layout.Item { return append(items[:label:label], items[label+1:]...) }},
		{"moved", func(items []layout.Item) []layout.Item {
			tl := items[label].(layout.TextLine)
			tl.X += 72 / 25.4
			items[label] = tl
			return items
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := *res.Layout
			page := *doc.Pages[0]
			page.Items = tt.change(append([]layout.Item(nil), page.Items...))
			doc.Pages = append([]*layout.Page{&page}, doc.Pages[1:]...)
			var buf bytes.Buffer
			if err := pdf.Write(&buf, &doc, e.pdfFonts, pdf.Options{Date: e.Date}); err != nil {
				t.Fatal(err)
			}
			got := rasterize(t, buf.Bytes(), 1)
			share, err := pixelDiff(got, want)
			if err != nil {
				t.Fatal(err)
			}
			worst, _, err := tileDiff(got, want)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("a %s label: %.1f%% of its worst tile, %.3f%% of the page", tt.name, 100*worst, 100*share)
			if worst <= maxTile {
				t.Errorf("a %s label changes %.1f%% of its worst tile (allowed %.0f%%) and %.3f%% of the page: the goldens would not see it", tt.name, 100*worst, 100*maxTile, 100*share)
			}
		})
	}
}

// lineWords is the text of a drawn line.
func lineWords(tl layout.TextLine) string {
	var b strings.Builder
	for _, r := range tl.Line.Runs {
		for _, c := range r.Clusters {
			b.WriteString(c.Text)
		}
	}
	return b.String()
}
