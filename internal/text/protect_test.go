package text

import (
	"fmt"
	"strings"
	"testing"

	"formgen/internal/text/hyphen"
)

func TestProtected(t *testing.T) {
	tests := []struct {
		text string
		want []string // "kind: run"
	}{
		{"E-Mail auslaenderbehoerde@landkreis-wittenberg.example. Danke", []string{"e-mail: auslaenderbehoerde@landkreis-wittenberg.example"}},
		{"Telefon 03491 479-1234, E-Mail", []string{"telephone number: 03491 479-1234"}},
		{"Rufen Sie +49 3491 479-0 an", []string{"telephone number: +49 3491 479-0"}},
		{"Aktenzeichen AB 2-4711/2021 angeben", []string{"file number: AB 2-4711/2021"}},
		{"Nach § 82 Abs. 1 AufenthG sind Sie", []string{"legal citation: § 82 Abs. 1 AufenthG"}},
		{"(§ 95 Abs. 2 Nr. 2 AufenthG)", []string{"legal citation: § 95 Abs. 2 Nr. 2 AufenthG"}},
		{"Auskunft (Art. 15 DSGVO),", []string{"legal citation: Art. 15 DSGVO"}},
		{"nach Abs. 4 S. 3 gilt", []string{"legal citation: Abs. 4 S. 3"}},
		{"Art. 6 Abs. 1 Buchstabe c und e der Datenschutz-Grundverordnung", []string{"legal citation: Art. 6 Abs. 1 Buchstabe c"}},
		{"(المادة 15 من DSGVO)،", []string{"legal citation: المادة 15 من DSGVO"}},
		{"am 9. Dezember 2026 um 09:30 Uhr", []string{"date: 9. Dezember 2026", "time: 09:30 Uhr"}},
		{"bis 20.11.2026 oder ۲۰۲۶/۱۱/۲۰", []string{"date: 20.11.2026", "date: ۲۰۲۶/۱۱/۲۰"}},
		{"Gebühr von 100,00 € erhoben", []string{"amount: 100,00 €"}},
		{"siehe https://www.example.org/datenschutz.", []string{"URL: https://www.example.org/datenschutz"}},
		// nothing to protect
		{"Ihr Termin in Raum 2.14 mit 3 Personen", nil},
		{"AufenthG", nil},
	}
	for _, tt := range tests {
		var got []string
		r := []rune(tt.text)
		for _, p := range Protected(tt.text) {
			got = append(got, fmt.Sprintf("%s: %s", p.Kind, string(r[p.Start:p.End])))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Protected(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestNoBreakInsideProtectedRuns sets texts at every width from narrow to
// wide and finds no line that starts inside a protected run, while the
// same texts without the rule would break there.
func TestNoBreakInsideProtectedRuns(t *testing.T) {
	sh := NewShaper(testFonts(t))
	texts := []struct{ text, lang string }{
		{"Wenn Sie den Termin nicht wahrnehmen können, sagen Sie ihn bitte ab und nennen Sie dabei Ihr Aktenzeichen: Telefon 03491 479-1234, E-Mail auslaenderbehoerde@landkreis-wittenberg.example.", "de"},
		{"Nach § 82 Abs. 1 AufenthG sind Sie verpflichtet, mitzuwirken; Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16 DSGVO) und nach Abs. 4 S. 3 gilt das.", "de"},
		{"إذا لم تتمكنوا من الحضور، يرجى الاتصال على الرقم \u206803491 479-1234\u2069 أو البريد \u2068auslaenderbehoerde@landkreis-wittenberg.example\u2069 (المادة 15 من DSGVO).", "ar"},
	}
	for _, tt := range texts {
		rtl := tt.lang == "ar"
		for w := 60.0; w <= 400; w += 7 {
			lines, err := sh.Layout(tt.text, Style{Size: 9, RTL: rtl, Lang: tt.lang}, w)
			if err != nil {
				t.Fatal(err)
			}
			longest := 0.0
			for _, p := range Protected(tt.text) {
				run := string([]rune(tt.text)[p.Start:p.End])
				m, _ := sh.Measure(run, Style{Size: 9, RTL: rtl, Lang: tt.lang})
				longest = max(longest, m)
			}
			if longest > w {
				continue // a run wider than the line must be cut
			}
			if broken := BrokenRuns(tt.text, Starts(lines)); len(broken) > 0 {
				t.Errorf("width %v: %q broken across lines", w, broken)
			}
		}
	}
	// the check can fail: the same lines with a break moved into a run
	lines, _ := sh.Layout(texts[0].text, Style{Size: 9, Lang: "de"}, 1000)
	cut := []Line{lines[0], lines[0]}
	cut[1].Start = strings.Index(texts[0].text, "479-1234")
	cut[1].Start = len([]rune(texts[0].text[:cut[1].Start]))
	if got := BrokenRuns(texts[0].text, Starts(cut)); len(got) != 1 || got[0] != "03491 479-1234" {
		t.Errorf("BrokenRuns with a break in the telephone number = %q", got)
	}
}

// TestHyphenation sets German words in columns too narrow for them: each
// breaks only at a hyphenation point, with a visible hyphen, leaving at
// least three letters on each side.
func TestHyphenation(t *testing.T) {
	sh := NewShaper(testFonts(t))
	h, err := hyphen.German()
	if err != nil {
		t.Fatal(err)
	}
	for _, word := range []string{"Staatsangehörigkeit", "Aufenthaltserlaubnis", "Datenschutzbeauftragte", "Krankenversicherung"} {
		valid := map[int]bool{}
		for _, p := range h.Points(word) {
			valid[p] = true
		}
		full, _ := sh.Measure(word, Style{Size: 8, Lang: "de"})
		// from the narrowest width at which every piece fits with its hyphen
		dash, _ := sh.Measure("-", Style{Size: 8, Lang: "de"})
		narrowest, last := 0.0, 0
		r := []rune(word)
		for _, p := range append(h.Points(word), len(r)) {
			m, _ := sh.Measure(string(r[last:p]), Style{Size: 8, Lang: "de"})
			narrowest, last = max(narrowest, m+dash), p
		}
		for w := narrowest + 0.5; w < full; w += 2 {
			lines, err := sh.Layout(word, Style{Size: 8, Lang: "de"}, w)
			if err != nil {
				t.Fatal(err)
			}
			if len(lines) < 2 {
				t.Fatalf("%q at %.1fpt: one line", word, w)
			}
			for i, l := range lines {
				if l.Width > w+1e-6 {
					t.Errorf("%q at %.1fpt: line %d is %.1fpt wide", word, w, i, l.Width)
				}
				if i == len(lines)-1 {
					break
				}
				if l.Split || !l.Hyphen || !valid[l.End] {
					t.Errorf("%q at %.1fpt: line %d ends at %d (split %v, hyphen %v), not a hyphenation point", word, w, i, l.End, l.Split, l.Hyphen)
				}
				if got := visual(l); !strings.HasSuffix(got, "-") {
					t.Errorf("%q at %.1fpt: line %d %q has no hyphen", word, w, i, got)
				}
			}
		}
	}
}

// TestCutWords: a word without a hyphenation point that fits no line is
// cut with a hyphen in left-to-right text, but an e-mail address is cut
// without one (a hyphen would change the address), and both are marked
// Split.
func TestCutWords(t *testing.T) {
	sh := NewShaper(testFonts(t))
	tests := []struct {
		text, lang string
		hyphen     bool
	}{
		{"Засвідчувальнадокументація", "uk", true},
		{"Straßenverkehrsbehördenverwaltung", "en", true},
		{"auslaenderbehoerde@landkreis-wittenberg.example", "de", false},
	}
	for _, tt := range tests {
		lines, err := sh.Layout(tt.text, Style{Size: 9, Lang: tt.lang}, 40)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range lines[:len(lines)-1] {
			if !l.Split || l.Hyphen != tt.hyphen {
				t.Errorf("%q: line %d %q: split %v hyphen %v, want split, hyphen %v", tt.text, i, visual(l), l.Split, l.Hyphen, tt.hyphen)
			}
		}
	}
}

// TestBrokenRunsLineEnds: the offsets of lines after a CR LF or a lone CR
// are those Layout gives, so a run after them is checked where it is.
func TestBrokenRunsLineEnds(t *testing.T) {
	sh := NewShaper(testFonts(t))
	for _, s := range []string{"Telefon:\r\n03491 479-1234", "Telefon:\r03491 479-1234", "Telefon:\n03491 479-1234"} {
		lines, err := sh.Layout(s, Style{Size: 9, Lang: "de"}, 400)
		if err != nil {
			t.Fatal(err)
		}
		if got := BrokenRuns(s, Starts(lines)); len(got) > 0 {
			t.Errorf("BrokenRuns(%q) = %q, want none", s, got)
		}
		cut := append(lines, lines[len(lines)-1])
		cut[len(cut)-1].Start += 6 // inside the number
		if got := BrokenRuns(s, Starts(cut)); len(got) != 1 {
			t.Errorf("BrokenRuns(%q) with a break in the number = %q, want it", s, got)
		}
	}
}
