package text

import (
	"cmp"
	"errors"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"formgen/internal/testtool"
)

var (
	fontsOnce sync.Once
	fontSet   *FontSet
	fontErr   error
)

// testFonts loads the shipped font stack once for all tests.
func testFonts(t testing.TB) *FontSet {
	t.Helper()
	fontsOnce.Do(func() { fontSet, fontErr = LoadFontSet(testtool.Shipped(t, "fonts")) })
	if fontErr != nil {
		t.Fatal(fontErr)
	}
	return fontSet
}

// visual returns the text of a line in visual order, left to right: the
// clusters of each run as they are drawn.
func visual(l Line) string {
	var b strings.Builder
	for _, r := range l.Runs {
		for _, c := range r.Clusters {
			b.WriteString(c.Text)
		}
	}
	return b.String()
}

// logical returns the text of lines in logical order, the way the text
// layer split it (trailing spaces of lines dropped).
func logicalRunes(lines []Line) int {
	n := 0
	for _, l := range lines {
		for _, r := range l.Runs {
			for _, c := range r.Clusters {
				n += len([]rune(c.Text))
			}
		}
	}
	return n
}

func TestLinesFitAndKeepText(t *testing.T) {
	sh := NewShaper(testFonts(t))
	tests := []struct {
		name  string
		text  string
		width float64
		rtl   bool
		lang  string
	}{
		{"german", "Ich versichere, dass ich die vorstehenden Angaben nach bestem Wissen und Gewissen richtig und vollständig gemacht habe.", 120, false, "de"},
		{"ukrainian", "Я підтверджую, що надані відомості є правдивими та повними за моїми найкращими знаннями.", 100, false, "uk"},
		{"arabic", "أؤكد أن البيانات المذكورة أعلاه صحيحة وكاملة حسب علمي ومعرفتي.", 90, true, "ar"},
		{"long word", "Aufenthaltserlaubnisverlängerungsantragsformular", 60, false, "de"},
		{"vietnamese", "Tôi xin cam đoan những thông tin trên là đúng sự thật và đầy đủ.", 80, false, "vi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, err := sh.Layout(tt.text, Style{Size: 9, RTL: tt.rtl, Lang: tt.lang}, tt.width)
			if err != nil {
				t.Fatal(err)
			}
			if len(lines) < 2 {
				t.Fatalf("Layout(%q, width %v) gave %d line, want it broken", tt.text, tt.width, len(lines))
			}
			for i, l := range lines {
				if l.Width > tt.width+1e-6 {
					t.Errorf("line %d is %.2fpt wide, more than %vpt: %q", i, l.Width, tt.width, visual(l))
				}
				sum := 0.0
				for _, r := range l.Runs {
					sum += r.Width
				}
				if d := sum - l.Width; d > 1e-6 || d < -1e-6 {
					t.Errorf("line %d: runs add up to %.3f, line width %.3f", i, sum, l.Width)
				}
				if l.RTL != tt.rtl {
					t.Errorf("line %d: RTL = %v, want %v", i, l.RTL, tt.rtl)
				}
			}
			// every character but the spaces at line ends comes out once,
			// and a hyphen where a line breaks a word
			want := len([]rune(strings.ReplaceAll(tt.text, " ", "")))
			got := logicalRunes(lines) - strings.Count(joinVisual(lines), " ")
			for _, l := range lines {
				if l.Hyphen {
					got--
				}
			}
			if got != want {
				t.Errorf("lines hold %d non-space characters, want %d", got, want)
			}
		})
	}
}

func joinVisual(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(visual(l))
	}
	return b.String()
}

// mustMeasure is Shaper.Measure for text that must be measurable.
func mustMeasure(t *testing.T, sh *Shaper, s string, st Style) float64 {
	t.Helper()
	w, err := sh.Measure(s, st)
	if err != nil {
		t.Fatalf("Measure(%q): %v", s, err)
	}
	return w
}

func TestMeasure(t *testing.T) {
	sh := NewShaper(testFonts(t))
	st := Style{Size: 10}
	w10, err := sh.Measure("Familienname", st)
	if err != nil {
		t.Fatal(err)
	}
	w20 := mustMeasure(t, sh, "Familienname", Style{Size: 20})
	if d := w20 - 2*w10; d > 1e-9 || d < -1e-9 {
		t.Errorf("Measure at 20pt = %v, want twice %v", w20, w10)
	}
	bold := mustMeasure(t, sh, "Familienname", Style{Size: 10, Weight: Bold})
	if bold <= w10 {
		t.Errorf("bold width %v, want more than regular %v", bold, w10)
	}
	// kerning: the pair is narrower than its letters apart
	av := mustMeasure(t, sh, "AV", st)
	a := mustMeasure(t, sh, "A", st)
	v := mustMeasure(t, sh, "V", st)
	if av >= a+v {
		t.Errorf("Measure(AV) = %v, want less than A+V = %v (kerning)", av, a+v)
	}
	// decomposed input is normalised before shaping
	nfd := mustMeasure(t, sh, "Mu\u0308ller", st)
	nfc := mustMeasure(t, sh, "Müller", st)
	if nfd != nfc {
		t.Errorf("Measure of decomposed Müller = %v, precomposed %v", nfd, nfc)
	}
	two := mustMeasure(t, sh, "kurz\nein längerer Absatz", st)
	long := mustMeasure(t, sh, "ein längerer Absatz", st)
	if two != long {
		t.Errorf("Measure of two paragraphs = %v, want the widest, %v", two, long)
	}
}

// TestBidiOrder checks the visual order of mixed-direction lines against
// UAX #9. Each want is the line's clusters as drawn from left to right; in
// an RTL run they stand reversed, so an Arabic word reads backwards here.
func TestBidiOrder(t *testing.T) {
	sh := NewShaper(testFonts(t))
	tests := []struct {
		name, text string
		rtl        bool
		want       string
	}{
		{"number in arabic", "رقم 2024", true, "2024 " + "مقر"},
		{"date in arabic", "تاريخ 12.03.2026 اليوم", true, "مويلا" + " 12.03.2026 " + "خيرات"},
		{"latin name in arabic", "السيد Müller حضر", true, "رضح" + " Müller " + "ديسلا"},
		{"passport number", "جواز C01X00T47", true, "C01X00T47 " + "زاوج"},
		// the brackets take the paragraph's direction (rule N0): the closing
		// one is drawn first, at the left, with the mirrored glyph "("
		{"brackets around latin", "الاسم (Ali Hassan)", true, ")Ali Hassan( " + "مسالا"},
		{"email in persian", "ایمیل: a.b@example.de", true, "a.b@example.de " + ":لیمیا"},
		{"arabic in german", "Name: محمد Ali", false, "Name: " + "دمحم" + " Ali"},
		{"number inside arabic inside german", "Nr. رقم 15 هنا Ende", false, "Nr. " + "انه" + " 15 " + "مقر" + " Ende"},
		{"plain ltr", "Seite 1 von 2", false, "Seite 1 von 2"},
		// a letter's value is an isolate (FSI … PDI), ordered by its own
		// first strong character, here left to right
		{"isolated name in arabic", "السيد \u2068Omar Haddad (عمر حداد)\u2069 المحترم", true, "مرتحملا " + "Omar Haddad (" + "دادح رمع" + ")" + " ديسلا"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, err := sh.Layout(tt.text, Style{Size: 10, RTL: tt.rtl}, 1000)
			if err != nil {
				t.Fatal(err)
			}
			if len(lines) != 1 {
				t.Fatalf("got %d lines, want 1", len(lines))
			}
			if got := visual(lines[0]); got != tt.want {
				t.Errorf("visual order of %q =\n%q, want\n%q", tt.text, got, tt.want)
			}
			// the runs in their logical places give the text back
			want := strings.NewReplacer("\u2068", "", "\u2069", "").Replace(tt.text)
			if got := logical(lines[0]); got != want {
				t.Errorf("runs of %q in logical order give\n%q", tt.text, got)
			}
			if strings.Contains(tt.text, "(") {
				first := lines[0].Runs[0]
				open, _ := first.Face.NominalGlyph('(')
				if first.Clusters[0].Text == ")" && first.Glyphs[0].ID != open {
					t.Errorf("closing bracket in a right-to-left run is glyph %d, want the mirrored glyph %d", first.Glyphs[0].ID, open)
				}
			}
			x := 0.0
			for _, r := range lines[0].Runs {
				if r.X < x-1e-9 {
					t.Errorf("run at %.2f overlaps the previous one ending at %.2f", r.X, x)
				}
				x = r.X + r.Width
			}
		})
	}
}

// logical returns the text of a line from its runs in their logical
// places (Run.Logical), each right-to-left run's clusters from the right.
func logical(l Line) string {
	runs := slices.Clone(l.Runs)
	slices.SortFunc(runs, func(a, b Run) int { return cmp.Compare(a.Logical, b.Logical) })
	var b strings.Builder
	for _, r := range runs {
		for i := range r.Clusters {
			if r.RTL {
				i = len(r.Clusters) - 1 - i
			}
			b.WriteString(r.Clusters[i].Text)
		}
	}
	return b.String()
}

// TestBreakThenReorder: lines are broken in logical order first, then each
// line is reordered, so the first line of an RTL paragraph holds its first
// words, drawn at the right.
func TestBreakThenReorder(t *testing.T) {
	sh := NewShaper(testFonts(t))
	text := "الأول الثاني الثالث الرابع الخامس السادس"
	lines, err := sh.Layout(text, Style{Size: 10, RTL: true}, 70)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) < 2 {
		t.Fatalf("got %d lines, want several", len(lines))
	}
	first := []rune(visual(lines[0]))
	// the rightmost cluster of the first line is the first letter
	if got := string(first[len(first)-1]); got != "ا" {
		t.Errorf("first line ends (at its right) with %q, want the paragraph's first letter ا", got)
	}
}

func TestMissingGlyph(t *testing.T) {
	sh := NewShaper(testFonts(t))
	_, err := sh.Layout("Name 😀 ok", Style{Size: 10}, 100)
	var mg *MissingGlyphError
	if !errors.As(err, &mg) {
		t.Fatalf("Layout with an emoji: err = %v, want *MissingGlyphError", err)
	}
	if len(mg.Runes) != 1 || mg.Runes[0] != '😀' {
		t.Errorf("missing runes = %q, want [😀]", mg.Runes)
	}
	if !strings.Contains(err.Error(), "U+1F600") {
		t.Errorf("error %q does not name the code point U+1F600", err)
	}
	if got := testFonts(t).Uncovered("ab😀c\u200fd"); len(got) != 1 || got[0] != '😀' {
		t.Errorf("Uncovered = %q, want only the emoji (U+200F needs no glyph)", got)
	}
}

func TestEmptyText(t *testing.T) {
	sh := NewShaper(testFonts(t))
	lines, err := sh.Layout("", Style{Size: 10}, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || lines[0].Ascent == 0 || len(lines[0].Runs) != 0 {
		t.Errorf("Layout(\"\") = %+v, want one empty line with a height", lines)
	}
}

func TestLoadFontSetRejectsNonTrueType(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/fonts.toml", []byte("[[face]]\nname = \"X\"\nregular = \"x.otf\"\nbold = \"x.otf\"\nscripts = [\"Latn\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/x.otf", []byte("OTTO\x00\x01\x00\x00\x00\x00\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadFontSet(os.DirFS(dir))
	if !errors.Is(err, ErrNotTrueType) {
		t.Fatalf("LoadFontSet with a CFF font: err = %v, want ErrNotTrueType", err)
	}
	if !strings.Contains(err.Error(), "x.otf") {
		t.Errorf("error %q does not name the file", err)
	}
}

func TestHasRTL(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"", false},
		{"9. Dezember 2026", false},
		{"AB 2-4711/2021", false},
		{"١٢ مارس ٢٠٢٦", true},
		{"Omar Haddad (عمر حداد)", true},
		{"\u0661", true},  // Arabic-Indic digit one: class AN
		{"\u06f1", false}, // Extended Arabic-Indic digit one: class EN
		{"שלום", true},
		{"Київ", false},
	} {
		if got := HasRTL(c.s); got != c.want {
			t.Errorf("HasRTL(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

// TestLoneCarriageReturn: a lone CR ends a line as LF and CR LF do (it
// made shaping fail; found by FuzzLayout).
func TestLoneCarriageReturn(t *testing.T) {
	sh := NewShaper(testFonts(t))
	for _, s := range []string{"a\rb", "a\r\nb", "a\nb", "\r"} {
		lines, err := sh.Layout(s, Style{Size: 10}, 200)
		if err != nil || len(lines) != 2 {
			t.Errorf("Layout(%q) = %d lines, %v; want 2", s, len(lines), err)
		}
		if _, err := sh.Measure(s, Style{Size: 10}); err != nil {
			t.Errorf("Measure(%q): %v", s, err)
		}
	}
}
