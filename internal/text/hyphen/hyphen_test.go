package hyphen

import (
	"strings"
	"testing"
)

// hyphenated writes word with a "-" at each point.
func hyphenated(h *Hyphenator, word string) string {
	r := []rune(word)
	var b strings.Builder
	last := 0
	for _, p := range h.Points(word) {
		b.WriteString(string(r[last:p]))
		b.WriteString("-")
		last = p
	}
	b.WriteString(string(r[last:]))
	return b.String()
}

func TestGerman(t *testing.T) {
	h, err := German()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ word, want string }{
		// the table header the issue names
		{"Staatsangehörigkeit", "Staats-an-ge-hö-rig-keit"},
		{"Ausländerbehörde", "Aus-län-der-be-hörde"},
		{"Datenschutzbeauftragte", "Daten-schutz-be-auf-tragte"},
		{"Aufenthaltserlaubnis", "Auf-ent-halts-er-laub-nis"},
		{"Lebenspartnerschaft", "Lebens-part-ner-schaft"},
		{"Kindertagesstätte", "Kin-der-ta-ges-stätte"},
		{"Geburtsdatum", "Geburts-da-tum"},
		// never fewer than three letters at either end
		{"Abbruch", "Abbruch"},
		{"Vorname", "Vor-name"},
		{"Ort", "Ort"},
		// not a word of letters: nothing
		{"E-Mail", "E-Mail"},
		{"2026", "2026"},
	}
	for _, tt := range tests {
		if got := hyphenated(h, tt.word); got != tt.want {
			t.Errorf("hyphenated(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestPointsLeaveThreeLetters(t *testing.T) {
	h, err := German()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Abbruchstelle", "Erwerbstätigkeit", "Übersetzung", "Einbürgerung", "Passersatz", "Krankenversicherung", "Aufenthaltsgesetz"} {
		n := len([]rune(w))
		pts := h.Points(w)
		if len(pts) == 0 {
			t.Errorf("Points(%q): none", w)
		}
		for _, p := range pts {
			if p < MinLeft || n-p < MinRight {
				t.Errorf("Points(%q) has %d: fewer than 3 letters on a side", w, p)
			}
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, file, word, want, err string
	}{
		{name: "one level", file: "UTF-8\n1ba\n", word: "abababa", want: "aba-baba"},
		{name: "two levels", file: "UTF-8\nhaus1tür\nNEXTLEVEL\n1gr\n", word: "haustürgriff", want: "haus-tür-griff"},
		{name: "latin1", file: "ISO8859-1\n\xe41b\n", word: "xxäbxxx", want: "xxä-bxxx"},
		{name: "bad charset", file: "KOI8-R\n1ba\n", err: "line 1: character set"},
		{name: "bad keyword", file: "UTF-8\nLEFTHYPHENMIN x\n", err: "line 2: LEFTHYPHENMIN"},
		{name: "empty level", file: "UTF-8\nNEXTLEVEL\n1ba\n", err: "a level without patterns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := Parse([]byte(tt.file))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Parse: error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := hyphenated(h, tt.word); got != tt.want {
				t.Errorf("hyphenated(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

func BenchmarkGerman(b *testing.B) {
	h, err := German()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		h.Points("Staatsangehörigkeit")
	}
}
