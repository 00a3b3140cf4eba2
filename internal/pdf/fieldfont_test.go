package pdf

import (
	"os"
	"strings"
	"testing"

	"formgen/internal/testtool"
	"formgen/internal/text"
)

// TestFieldCodes: the fields' font gives 255 codes to 255 different
// characters, every letter of ASCII and Latin-1 among them and all but
// the rarest of Latin Extended-A, each at its WinAnsiEncoding code or
// named in /Differences, and the shipped Noto Sans has them all.
func TestFieldCodes(t *testing.T) {
	seen := map[rune]int{}
	for code, r := range fieldCodes {
		if r == 0 {
			if code != 0 {
				t.Errorf("code %#x unused", code)
			}
			continue
		}
		if c, ok := seen[r]; ok {
			t.Errorf("%q has codes %#x and %#x", r, c, code)
		}
		seen[r] = code
	}
	for _, want := range []string{"AZaz09 .,-/@", "ÄÖÜäöüßÀÉÈÊÇçñÑøÅåÆæÐðÞþÿ", "ĞğİıŞşŢţŁłŃńŚśŹźŻżĄąĘęČčŘřŠšŽžŐőŰűĐđĂăĨĩŨũŌō", "€§°–„“"} {
		for _, r := range want {
			if _, ok := seen[r]; !ok {
				t.Errorf("the fields' font has no %q", r)
			}
		}
	}
	ext := 0
	for r := range seen {
		if r >= 0x100 && r <= 0x17F {
			ext++
		}
	}
	if ext < 85 {
		t.Errorf("%d letters of Latin Extended-A, want at least 85", ext)
	}
	fs, err := text.LoadFontSet(os.DirFS("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	ff, err := fieldFontFor(fs.Faces(), NewFonts())
	if err != nil {
		t.Fatal(err)
	}
	if got := ff.baseFont[7:]; got != "NotoSans-Regular" {
		t.Errorf("the fields' font is %s, want NotoSans-Regular", got)
	}
	for _, f := range fs.Faces() {
		if f.File != "NotoSans-Regular.ttf" {
			continue
		}
		for r := range seen {
			if !f.Covers(r) {
				t.Errorf("NotoSans-Regular has no %q", r)
			}
		}
	}
}

func TestFieldFontObjects(t *testing.T) {
	if n := len((&fieldFont{}).objects(1)); n != fieldFontObjects {
		t.Errorf("the field font has %d objects, fieldFontObjects says %d", n, fieldFontObjects)
	}
}

// TestPDFVersion: readers take the document for PDF 1.7, whose tags and
// form fields it uses (PDF/UA-1 rests on it), though fpdf writes the
// header of 1.3.
func TestPDFVersion(t *testing.T) {
	testtool.Need(t, "pdfinfo")
	path := testtool.WritePDF(t, write(t, doc(t, corpus[:1])))
	if out := testtool.Run(t, "pdfinfo", path); !strings.Contains(out, "PDF version:     1.7") {
		t.Errorf("pdfinfo does not read PDF 1.7:\n%s", out)
	}
}
