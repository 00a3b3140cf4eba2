package pdf

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"formgen/internal/layout"
	"formgen/internal/project"
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
	p, err := project.Open(project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sh := text.NewShaper(p.Fonts)
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

func TestClusterTexts(t *testing.T) {
	for _, c := range []struct {
		name   string
		glyphs []text.Glyph
		text   string
		want   []string
		ok     bool
	}{
		{"own glyph", []text.Glyph{{ID: 1, Char: 'a', Advance: 5}}, "a", []string{"a"}, true},
		{"joined form", []text.Glyph{{ID: 7, Advance: 5}}, "ب", []string{"ب"}, true},
		{"ligature", []text.Glyph{{ID: 9, Advance: 8}}, "ffi", []string{"ffi"}, true},
		{"mark before its base in visual order", []text.Glyph{{ID: 3, Char: '\u0651'}, {ID: 4, Advance: 5}}, "ج\u0651", []string{"\u0651", "ج"}, true},
		{"two marks drawn as one", []text.Glyph{{ID: 3}, {ID: 4, Advance: 5}}, "ج\u064e\u0651", []string{"\u064e\u0651", "ج"}, true},
		{"base with its own glyph and a joiner", []text.Glyph{{ID: 1, Char: 'a', Advance: 5}, {ID: 2, Char: '\u0301'}}, "a\u0301\u200d", []string{"a\u200d", "\u0301"}, true},
		{"letter in two pieces", []text.Glyph{{ID: 5, Advance: 3}, {ID: 6, Advance: 3}}, "ஔ", []string{"ஔ", ""}, false},
	} {
		got, ok := clusterTexts(c.glyphs, c.text, nil)
		if ok != c.ok || !slices.Equal(got, c.want) {
			t.Errorf("%s: got %q, %v; want %q, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

// TestTextLayerPDFJS reads the corpus with pdf.js and MuPDF, which ignore
// ActualText: the ToUnicode map and the order the glyphs are drawn in
// alone must give every word, joined forms, ligatures (lam-alef, the
// Allah ligature) and vowel marks included, and the fonts carry subset
// names. Both read a zero width space before each space between
// right-to-left words (see the package doc).
func TestTextLayerPDFJS(t *testing.T) {
	testtool.Need(t, "node", "pdffonts", "mutool")
	path := testtool.WritePDF(t, write(t, doc(t, corpus)))
	for _, v := range []struct{ name, text string }{
		{"pdf.js", testtool.ReadPDFJS(t, path).Text()},
		{"MuPDF", testtool.MuPDFText(t, path)},
	} {
		got := v.text
		gotWords := strings.FieldsFunc(norm.NFC.String(got), isSep)
		for _, c := range corpus {
			for _, w := range strings.FieldsFunc(norm.NFC.String(c.s), isSep) {
				w = strings.Trim(w, ":")
				if w == "" {
					continue
				}
				if !slices.ContainsFunc(gotWords, func(g string) bool { return strings.Trim(g, ":") == w }) {
					t.Errorf("%s text lacks %q; it is:\n%s", v.name, w, got)
				}
			}
		}
		for _, r := range got {
			if r >= 0xE000 && r <= 0xF8FF || r >= 0xFB50 && r <= 0xFEFF {
				t.Errorf("%s text holds %U, a private-use or presentation-form character", v.name, r)
			}
		}
	}
	for _, r := range testtool.Fonts(t, path) {
		name := r[0]
		if len(name) < 8 || name[6] != '+' || strings.ToUpper(name[:6]) != name[:6] || !strings.Contains(name, "Noto") {
			t.Errorf("pdffonts names a font %q, want a subset tag and the Noto font's name", name)
		}
		if r[len(r)-4] != "yes" {
			t.Errorf("pdffonts: %s is not marked a subset: %v", name, r)
		}
	}
}

// isSep reports whether r separates words: a space or a zero width space.
func isSep(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' }

// popplerReorder is poppler's reorderText (TextOutputDev.cc) without its
// embedding marks: how poppler orders a line's characters, given from the
// left, on a page of mostly left-to-right text (lr) or not.
func popplerReorder(s string, lr bool) string {
	text := []rune(s)
	isR := func(r rune) bool { return popplerType(r) == 'R' }
	isLNum := func(r rune) bool { t := popplerType(r); return t == 'L' || t == '#' }
	var out []rune
	n := len(text)
	if lr {
		for i := 0; i < n; {
			j := i
			for j < n && !isR(text[j]) {
				j++
			}
			out = append(out, text[i:j]...)
			i = j
			for j = i; j < n && !isLNum(text[j]); j++ {
			}
			for k := j - 1; k >= i; k-- {
				out = append(out, text[k])
			}
			i = j
		}
		return string(out)
	}
	for i := n - 1; i >= 0; {
		j := i
		for j >= 0 && !isLNum(text[j]) {
			j--
		}
		for k := i; k > j; k-- {
			out = append(out, text[k])
		}
		i = j
		for j = i; j >= 0 && !isR(text[j]); j-- {
		}
		out = append(out, text[j+1:i+1]...)
		i = j
	}
	return string(out)
}

// TestPopplerOrder: poppler gives the words of a line's ActualText, put in
// popplerOrder, back in logical order, on pages of either direction.
func TestPopplerOrder(t *testing.T) {
	for _, s := range []string{
		"مطلق / مطلقة",
		"النص الألماني وحده هو الملزم قانونيًا. الترجمة هي لمساعدتكم.",
		"وفق المادة 16b من قانون الإقامة (AufenthG)",
		"مساحة السكن بالمتر المربع (m²)",
		"٩ ديسمبر ٢٠٢٦",
		"تُجمع مثلًا مُحَمَّدٌ",
		"Breitscheidstraße 3, 06886 Lutherstadt دەکات، ناونیشان:",
		"Familienname اسم العائلة Vorname",
	} {
		for _, lr := range []bool{true, false} {
			got := popplerReorder(popplerOrder([]rune(s), lr), lr)
			if !slices.Equal(tokens(s), tokens(got)) {
				t.Errorf("lr %v: %q comes back as %q", lr, s, got)
			}
		}
	}
}

// TestPDFiumOrder checks that the text pdfiumOrder gives a line comes
// back as the line's logical text through a model of PDFium's line
// ordering (CFX_BidiString as CPDF_TextPage uses it), character for
// character. TestTextLayerViewers in internal/render checks PDFium
// itself.
func TestPDFiumOrder(t *testing.T) {
	for _, s := range []string{
		"دائرة شؤون الأجانب",
		"مطلق / مطلقة",
		"النص الألماني وحده هو الملزم قانونيًا. الترجمة هي لمساعدتكم.",
		"النوع والأساس القانوني، مثلًا تصريح إقامة (Aufenthaltserlaubnis) وفق المادة 16b من قانون الإقامة (AufenthG)",
		"فاكتبوا «im Haushalt» (ضمن الأسرة المعيشية).",
		"مساحة السكن بالمتر المربع (m²)",
		"٩ ديسمبر ٢٠٢٦",
		"تُجمع مثلًا مُحَمَّدٌ",
		"Breitscheidstraße 3, 06886 Lutherstadt دەکات، ناونیشان:",
		"Familienname اسم العائلة Vorname",
	} {
		if got := pdfiumReorder(pdfiumOrder([]rune(s))); got != s {
			t.Errorf("%q comes back as %q", s, got)
		}
	}
}

// pdfiumReorder orders a line as PDFium does the characters it reads
// from the left: cut into segments of one direction (pdfiumDir), their
// order reversed when there are right-to-left ones and at least as many
// as left-to-right ones, then each right-to-left segment, and each
// neutral one read while the direction is right-to-left, reversed and
// mirrored.
func pdfiumReorder(s string) string {
	r := []rune(s)
	var segs [][]rune
	nr, nl := 0, 0
	for i := 0; i < len(r); {
		j := i + 1
		for j < len(r) && pdfiumDir(r[j]) == pdfiumDir(r[i]) {
			j++
		}
		segs = append(segs, r[i:j])
		nr += boolInt(pdfiumDir(r[i]) == 'R')
		nl += boolInt(pdfiumDir(r[i]) == 'L')
		i = j
	}
	cur := byte('L')
	if nr > 0 && nr >= nl {
		slices.Reverse(segs)
		cur = 'R'
	}
	var b strings.Builder
	for _, seg := range segs {
		d := pdfiumDir(seg[0])
		if d == 'R' || d == 'N' && cur == 'R' {
			cur = 'R'
			out := make([]rune, len(seg))
			mirrorReverse(out, seg)
			b.WriteString(string(out))
			continue
		}
		if d == 'L' {
			cur = 'L'
		}
		b.WriteString(string(seg))
	}
	return b.String()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// tokens splits s into words: letters of one script, or digits (where
// poppler may move a space, the words stay).
func tokens(s string) []string {
	var out []string
	var cur []rune
	kind := 0
	for _, r := range s {
		k := 0
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsDigit(r):
			k = 1
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			k = 2
		case unicode.IsLetter(r):
			k = 3
		}
		if k != kind && len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
		if kind = k; k != 0 {
			cur = append(cur, r)
		}
	}
	if len(cur) > 0 {
		out = append(out, string(cur))
	}
	return out
}

// pdfiumReadLines models how PDFium reads lines it joins into one (lines
// drawn one after another on one baseline, see baseline.go): from the
// left, each line's innermost ActualText (its /BidiText, else its /Span)
// or without one its glyphs' text, a space between two (two spaces read
// as one), and the whole ordered by pdfiumReorder.
func pdfiumReadLines(items []layout.Item, spans []spanTexts) string {
	var idx []int
	for i, it := range items {
		if _, ok := it.(layout.TextLine); ok {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return cmp.Compare(items[a].(layout.TextLine).X, items[b].(layout.TextLine).X)
	})
	var b strings.Builder
	for k, i := range idx {
		if k > 0 {
			b.WriteByte(' ')
		}
		switch sp := spans[i]; {
		case sp.pdfium != "":
			b.WriteString(sp.pdfium)
		case sp.poppler != "":
			b.WriteString(sp.poppler)
		default:
			b.WriteString(logicalText(items[i].(layout.TextLine).Line, nil))
		}
	}
	read := b.String()
	for strings.Contains(read, "  ") {
		read = strings.ReplaceAll(read, "  ", " ")
	}
	return pdfiumReorder(read)
}

// baselineLine is a line of a test of lines on one baseline: its text,
// direction, left edge and how far below the baseline it stands.
type baselineLine struct {
	s   string
	rtl bool
	x   float64
	dy  float64
}

// baselineItems lays out lines (each one line long) drawn in the order
// given, on the baseline 100 moved by their dy.
func baselineItems(t *testing.T, lines []baselineLine) []layout.Item {
	t.Helper()
	p, err := project.Open(project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sh := text.NewShaper(p.Fonts)
	var items []layout.Item
	for _, c := range lines {
		ls, err := sh.Layout(c.s, text.Style{Size: 10, RTL: c.rtl}, 400)
		if err != nil || len(ls) != 1 {
			t.Fatalf("%q: %d lines, %v", c.s, len(ls), err)
		}
		items = append(items, layout.TextLine{X: c.x, Y: 100 + c.dy, Line: ls[0]},
			layout.Rule{X1: 40, Y1: 90, X2: 500, Y2: 90, Color: layout.Gray, Width: 0.5})
	}
	return items
}

// baselineCases are lines PDFium reads as one line, drawn in the order
// given, and the text PDFium should give of them.
var baselineCases = []struct {
	name  string
	lines []baselineLine
	want  string
}{
	{"Arabic label, Latin value left of it", []baselineLine{
		{"الموظف المختص", true, 400, 0}, {"Frau Schulze", false, 250, -0.7}},
		"الموظف المختص Frau Schulze"},
	{"Arabic label, a telephone number", []baselineLine{
		{"الهاتف", true, 450, 0}, {"03491 479-1234", false, 250, -0.7}},
		"الهاتف 03491 479-1234"},
	{"Arabic label, a longer Latin value", []baselineLine{
		{"البريد الإلكتروني", true, 450, 0}, {"auslaenderbehoerde@landkreis-wittenberg.example", false, 50, -0.7}},
		"auslaenderbehoerde@landkreis-wittenberg.example البريد الإلكتروني"},
	{"German heading, Persian beside it", []baselineLine{
		{"Verantwortliche Stelle", false, 40, 0}, {"مرجع مسئول", true, 450, 0}},
		"مرجع مسئول Verantwortliche Stelle"},
	{"German text, a Persian one with zero width non-joiners beside it", []baselineLine{
		{"Welche Daten wir verarbeiten und warum", false, 40, 0}, {"داده\u200cهای شما", true, 450, 0}},
		"Welche Daten wir verarbeiten und warum داده\u200cهای شما"},
	{"German option, Arabic left of it", []baselineLine{
		{"ohne Angabe", false, 120, 0}, {"دون تحديد", true, 40, 0.64}},
		"ohne Angabe دون تحديد"},
	{"Arabic with vowel marks off the baseline, drawn from the left, then German", []baselineLine{
		{"تسلّمتُ نسخة من هذا التبليغ.", true, 43, 0.64}, {"Eine Ausfertigung dieser Belehrung habe ich erhalten.", false, 170, 0}},
		"تسلّمتُ نسخة من هذا التبليغ. Eine Ausfertigung dieser Belehrung habe ich erhalten."},
	{"a bullet, an Arabic item left of it", []baselineLine{
		{"سند إقامتكم الحالي", true, 300, 0}, {"•", false, 480, -0.7}},
		"• سند إقامتكم الحالي"},
}

// TestPDFiumBaselines checks, through the model pdfiumReadLines, that
// lines PDFium reads as one line (a label and its value, a German heading
// and its translation beside it, an option and its translation) come out
// of PDFium's ordering as the lines read one after another.
// TestPDFiumBaselinesPDFium checks PDFium itself.
func TestPDFiumBaselines(t *testing.T) {
	for _, c := range baselineCases {
		items := baselineItems(t, c.lines)
		spans := pageSpans(items, true)
		if got := pdfiumReadLines(items, spans); got != c.want {
			t.Errorf("%s: PDFium reads %q, want %q", c.name, got, c.want)
		}
		if strings.Contains(c.name, "zero width") || strings.Contains(c.name, "label, Latin") {
			// each line ordered alone gives these lines wrong
			alone := make([]spanTexts, len(items))
			for i, it := range items {
				if tl, ok := it.(layout.TextLine); ok {
					_, alone[i] = lineTexts(tl.Line, true)
				}
			}
			if got := pdfiumReadLines(items, alone); got == c.want {
				t.Errorf("%s: ordered alone, the lines read %q too: the case tests nothing", c.name, got)
			}
		}
	}
}

// TestPDFiumBaselinesApart: lines whose baselines stand further apart
// than PDFium surely joins, whose x ranges overlap, or that are not drawn
// from the left and have vowel marks off the baseline, are each ordered
// alone.
func TestPDFiumBaselinesApart(t *testing.T) {
	for _, lines := range [][]baselineLine{
		{{"الموظف المختص", true, 400, 0}, {"Frau Schulze", false, 250, -1.5}},
		{{"الموظف المختص", true, 240, 0}, {"Frau Schulze", false, 250, 0}},
		{{"Eine Ausfertigung dieser Belehrung habe ich erhalten.", false, 170, 0}, {"تسلّمتُ نسخة من هذا التبليغ.", true, 43, 0.64}},
	} {
		items := baselineItems(t, lines)
		spans := pageSpans(items, true)
		for i, it := range items {
			if tl, ok := it.(layout.TextLine); ok {
				if _, want := lineTexts(tl.Line, true); spans[i] != want {
					t.Errorf("%q at %.1f, %.1f: spans %q, want %q (the line alone)", logicalText(tl.Line, nil), tl.X, tl.Y, spans[i], want)
				}
			}
		}
	}
}

// TestPDFiumBaselinesPDFium reads a PDF of each of baselineCases with
// PDFium (Chrome's engine, scripts/pdfjs/pdfium.mjs).
func TestPDFiumBaselinesPDFium(t *testing.T) {
	testtool.Need(t, "node")
	for _, c := range baselineCases {
		d := &layout.Document{Width: 595, Height: 842, Info: layout.Info{Title: "Test", Lang: "de"}}
		d.Pages = append(d.Pages, &layout.Page{Items: baselineItems(t, c.lines)})
		got := strings.TrimSpace(strings.Trim(testtool.PDFiumText(t, testtool.WritePDF(t, write(t, d))), "\f\r\n"))
		if got != c.want {
			t.Errorf("%s: PDFium gives %q, want %q", c.name, got, c.want)
		}
	}
}
