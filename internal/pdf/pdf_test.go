package pdf

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"formgen/internal/layout"
	"formgen/internal/testtool"
	"formgen/internal/text"
)

// doc lays out one line per string, right-aligned when rtl.
func doc(t *testing.T, lines []struct {
	s      string
	rtl    bool
	weight text.Weight
}) *layout.Document {
	t.Helper()
	fs, err := text.LoadFontSet(os.DirFS("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	sh := text.NewShaper(fs)
	d := &layout.Document{Width: 595, Height: 842, Info: layout.Info{Title: "Test", Lang: "ar"}}
	page := &layout.Page{}
	y := 60.0
	for _, c := range lines {
		ls, err := sh.Layout(c.s, text.Style{Size: 12, RTL: c.rtl, Weight: c.weight}, 480)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range ls {
			x := 50.0
			if c.rtl {
				x = 545 - l.Width
			}
			y += l.Ascent
			page.Items = append(page.Items, layout.TextLine{X: x, Y: y, Line: l})
			y += l.Descent + 6
		}
	}
	page.Items = append(page.Items,
		layout.Rect{X: 40, Y: 40, W: 100, H: 20, Stroke: &layout.Black, LineWidth: 0.5},
		layout.Rule{X1: 40, Y1: 70, X2: 200, Y2: 70, Color: layout.Gray, Width: 0.5, Dashed: true},
		layout.Circle{X: 300, Y: 50, R: 4, Stroke: layout.Black, Width: 0.5})
	d.Pages = append(d.Pages, page)
	return d
}

var corpus = []struct {
	s      string
	rtl    bool
	weight text.Weight
}{
	{"اسم العائلة: محمد عبدالله", true, text.Bold},
	{"لا إله", true, text.Regular},
	{"تُجمع مثلًا مُحَمَّدٌ وَعَلِيٌّ", true, text.Regular},
	{"پښتو: د کورنۍ نوم", true, text.Regular},
	{"کوردی: ناوی خێزان", true, text.Regular},
	{"Familienname Тест ትግርኛ ქართული", false, text.Regular},
	{"Tiếng Việt: Họ và tên", false, text.Regular},
	{"Staatsangehörigkeit — Ğ ş İ ı office", false, text.Bold},
}

func write(t *testing.T, d *layout.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d, NewFonts(), Options{Date: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Producer: "test"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestTextExtraction: copying text from the PDF gives it back as written,
// in every script, whatever glyphs the shaper chose.
func TestTextExtraction(t *testing.T) {
	testtool.Need(t, "pdftotext", "qpdf", "pdffonts")
	data := write(t, doc(t, corpus))
	path := testtool.WritePDF(t, data)
	testtool.Check(t, path)
	got := testtool.Text(t, path)
	for _, want := range []string{
		"اسم العائلة", "محمد عبدالله", "لا إله", "تُجمع مثلًا مُحَمَّدٌ وَعَلِيٌّ", "د کورنۍ نوم", "ناوی خێزان",
		"Familienname Тест ትግርኛ ქართული", "Tiếng Việt: Họ và tên", "Staatsangehörigkeit — Ğ ş İ ı office",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("pdftotext output lacks %q; it is:\n%s", want, got)
		}
	}
	for _, r := range got {
		if r >= 0xE000 && r <= 0xF8FF || r >= 0xFB50 && r <= 0xFEFF && r != 0xFEFF {
			t.Errorf("pdftotext output holds %U, a private-use or presentation-form character", r)
		}
	}
	rows := testtool.Fonts(t, path)
	if len(rows) != 2 {
		t.Errorf("pdffonts lists %d fonts, want 2 (regular and bold, each merged across scripts)", len(rows))
	}
	for _, r := range rows {
		if len(r) < 5 || r[len(r)-5] != "yes" {
			t.Errorf("font not embedded: %v", r)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a := write(t, doc(t, corpus))
	b := write(t, doc(t, corpus))
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of the same document differ")
	}
	if !bytes.Contains(a, []byte("D:20261101")) {
		t.Error("the PDF does not carry the given date")
	}
}
