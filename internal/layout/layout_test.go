package layout

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"formgen/internal/form"
	"formgen/internal/project"
	"formgen/internal/text"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func shaper(t *testing.T) *text.Shaper {
	t.Helper()
	p, err := project.Open(project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return text.NewShaper(p.Fonts)
}

// sample is a small form with one field of every kind.
func sample(tr func(de, en, ar string) Bi) *FormDoc {
	bi := func(de, en, ar string) Bi { return tr(de, en, ar) }
	return &FormDoc{
		Office:    "Landkreis Wittenberg · Ausländerbehörde",
		Authority: bi("Ausländerbehörde", "Foreigners' Office", "دائرة شؤون الأجانب"),
		Title:     bi("Antrag auf Erteilung eines Aufenthaltstitels", "Application for a residence title", "طلب منح سند إقامة"),
		Binding:   bi("Nur der deutsche Text ist rechtsverbindlich.", "Only the German text is binding.", "النص الألماني وحده هو الملزم قانونيًا."),
		Legend: []LegendItem{
			{MarkRequired, bi("* Pflichtangabe", "* Required", "* بيان إلزامي")},
			{MarkOne, bi("Eine Antwort ankreuzen.", "Tick one answer.", "ضعوا علامة على إجابة واحدة.")},
			{MarkDate, bi("Datum als TT.MM.JJJJ", "Date as DD.MM.YYYY", "التاريخ بصيغة TT.MM.JJJJ")},
		},
		FooterID: "sample · Version 1.0 vom 01.11.2026",
		Page: func(p, n int) (Bi, error) {
			return bi(fmt.Sprintf("Seite %d von %d", p, n), fmt.Sprintf("Page %d of %d", p, n), fmt.Sprintf("الصفحة %d من %d", p, n)), nil
		},
		Sections: []SectionDoc{{
			Number: 1,
			Title:  bi("Angaben zur Person", "Personal details", "البيانات الشخصية"),
			Fields: []FieldDoc{
				{ID: "name", Type: form.Text, Width: 6, Required: true, Label: bi("Familienname", "Family name", "اسم العائلة")},
				{ID: "born", Type: form.Date, Width: 6, Label: bi("Geburtsdatum", "Date of birth", "تاريخ الولادة")},
				{ID: "sex", Type: form.Choice, Width: 12, Label: bi("Geschlecht", "Sex", "الجنس"),
					Options: []Bi{bi("weiblich", "female", "أنثى"), bi("männlich", "male", "ذكر"), bi("divers", "diverse", "متنوع")}},
				{ID: "size", Type: form.Number, Width: 3, Digits: 3, Label: bi("Größe in cm", "Height in cm", "الطول بالسنتيمتر")},
				{ID: "notes", Type: form.Multiline, Width: 9, Lines: 2, Label: bi("Bemerkungen", "Remarks", "ملاحظات"), Hint: bi("freiwillig", "optional", "اختياري")},
				{ID: "ok", Type: form.Checkbox, Width: 12, Label: bi("Ich bestätige die Angaben.", "I confirm the information.", "أؤكد البيانات.")},
				{ID: "text", Type: form.Paragraph, Width: 12, Text: bi("Ihre Angaben werden nach § 86 AufenthG verarbeitet.", "Your data are processed under Section 86 AufenthG.", "تُعالج بياناتكم وفقًا للمادة 86 من قانون الإقامة (AufenthG).")},
				{ID: "family", Type: form.Table, Width: 12, Rows: 2, Label: bi("Familie", "Family", "الأسرة"),
					Columns: []ColumnDoc{{Title: bi("Name", "Name", "الاسم"), Width: 2, ID: "name"}, {Title: bi("Geburtsdatum", "Date of birth", "تاريخ الولادة"), Width: 1, ID: "born", MaxLen: 10}}},
				{ID: "sign", Type: form.Signature, Width: 12, Label: bi("Unterschrift", "Signature", "التوقيع"),
					Sign: [3]Bi{bi("Ort", "Place", "المكان"), bi("Datum", "Date", "التاريخ"), bi("Unterschrift", "Signature", "التوقيع")}},
			},
		}},
	}
}

// dump writes a document as text, one item per line, positions rounded to
// a tenth of a point: a layout change shows as a readable diff.
func dump(d *Document) string {
	var b strings.Builder
	for i, p := range d.Pages {
		fmt.Fprintf(&b, "page %d\n", i+1)
		for _, it := range p.Items {
			switch it := it.(type) {
			case TextLine:
				var s strings.Builder
				for _, r := range it.Line.Runs {
					for _, c := range r.Clusters {
						s.WriteString(c.Text)
					}
				}
				dir := "ltr"
				if it.Line.RTL {
					dir = "rtl"
				}
				fmt.Fprintf(&b, "  text %6.1f %6.1f w %5.1f %s %q\n", it.X, it.Y, it.Line.Width, dir, s.String())
			case Rect:
				fmt.Fprintf(&b, "  rect %6.1f %6.1f %5.1f x %5.1f\n", it.X, it.Y, it.W, it.H)
			case Rule:
				fmt.Fprintf(&b, "  rule %6.1f %6.1f - %6.1f %6.1f\n", it.X1, it.Y1, it.X2, it.Y2)
			case Circle:
				fmt.Fprintf(&b, "  circle %6.1f %6.1f r %.1f\n", it.X, it.Y, it.R)
			case Field:
				fmt.Fprintf(&b, "  field %6.1f %6.1f %5.1f x %5.1f kind %d max %d %q %q\n", it.X, it.Y, it.W, it.H, it.Kind, it.MaxLen, it.Name, it.Export)
			}
		}
	}
	return b.String()
}

func TestLayoutGolden(t *testing.T) {
	sh := shaper(t)
	for _, tt := range []struct {
		name string
		lang string
		rtl  bool
		pick func(de, en, ar string) Bi
	}{
		{"de", "", false, func(de, en, ar string) Bi { return Bi{DE: de} }},
		{"de-en", "en", false, func(de, en, ar string) Bi { return Bi{DE: de, TR: en} }},
		{"de-ar", "ar", true, func(de, en, ar string) Bi { return Bi{DE: de, TR: ar} }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := sample(tt.pick)
			doc.Lang, doc.RTL = tt.lang, tt.rtl
			if tt.lang == "" {
				doc.Binding = Bi{}
			}
			d, err := Form(doc, sh)
			if err != nil {
				t.Fatal(err)
			}
			got := dump(d)
			file := filepath.Join("..", "..", "testdata", "golden", "layout-"+tt.name+".txt")
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("layout of %s differs from %s (go test -update rewrites it):\n%s", tt.name, file, diff(string(want), got))
			}
		})
	}
}

// diff lists the first lines that differ.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < max(len(w), len(g)) && n < 10; i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, a, c)
			n++
		}
	}
	return b.String()
}

// TestRightToLeftAlignment: in a right-to-left document every translated
// line ends at the right edge of its box, every German line starts at the
// left edge of its own.
func TestRightToLeftAlignment(t *testing.T) {
	sh := shaper(t)
	doc := sample(func(de, en, ar string) Bi { return Bi{DE: de, TR: ar} })
	doc.Lang, doc.RTL = "ar", true
	d, err := Form(doc, sh)
	if err != nil {
		t.Fatal(err)
	}
	rtl, ltr := 0, 0
	for _, p := range d.Pages {
		for _, it := range p.Items {
			tl, ok := it.(TextLine)
			if !ok || len(tl.Line.Runs) == 0 {
				continue
			}
			if tl.Line.RTL {
				rtl++
			} else {
				ltr++
				if tl.X < marginLeft-0.01 {
					t.Errorf("German line at x=%.1f, left of the margin", tl.X)
				}
			}
			if right := tl.X + tl.Line.Width; right > PageWidth-marginRight+0.01 {
				t.Errorf("line %v ends at %.1f, right of the margin", tl.Line.RTL, right)
			}
		}
	}
	if rtl == 0 || ltr == 0 {
		t.Fatalf("%d right-to-left and %d left-to-right lines, want both", rtl, ltr)
	}
	// the title's translation ends at the right margin
	var title TextLine
	for _, it := range d.Pages[0].Items {
		if tl, ok := it.(TextLine); ok && tl.Line.RTL {
			title = tl
			break
		}
	}
	if r := title.X + title.Line.Width; r < PageWidth-marginRight-0.5 {
		t.Errorf("first right-to-left line ends at %.1f, want the right margin %.1f", r, PageWidth-marginRight)
	}
}

// TestSlicing: two columns of different line pitches get slices whose
// heights agree, each pitch stretched by little; equal pitches one line.
func TestSlicing(t *testing.T) {
	tests := []struct {
		pitch []float64
		want  []int
	}{
		{[]float64{10.9}, []int{1}},
		{[]float64{10.9, 10.9}, []int{1, 1}},
		{[]float64{10.9, 10.6}, []int{1, 1}},
		{[]float64{11.7, 14.4}, []int{5, 4}},
		{[]float64{10.9, 21.8}, []int{2, 1}},
	}
	for _, tt := range tests {
		per, slice := slicing(tt.pitch)
		if !slices.Equal(per, tt.want) {
			t.Errorf("slicing(%v) = %v, want %v", tt.pitch, per, tt.want)
		}
		for c, p := range tt.pitch {
			got := slice / float64(per[c])
			if got < p-1e-9 || got > p*1.05 {
				t.Errorf("slicing(%v): column %d pitch %.2f, want %.2f to 5 %% more", tt.pitch, c, got, p)
			}
		}
	}
}
