package transcheck

import (
	"strings"
	"testing"
	"testing/fstest"

	"formgen/internal/locale"
	"formgen/internal/problem"
)

func TestFormChecks(t *testing.T) {
	gloss := &Glossary{Terms: []Term{{DE: "Ausländerbehörde", TR: []string{"у справах іноземців"}}}}
	for _, tc := range []struct {
		name, german, tr string
		want             string // "" none; else "error: …" or "warning: …"
	}{
		{"same", "Seite 2 von 3.", "Сторінка 2 з 3.", ""},
		{"a number dropped", "innerhalb von 14 Tagen.", "протягом кількох днів.", "error: number 14 of the German is missing"},
		{"Arabic-Indic digits", "innerhalb von 14 Tagen.", "خلال ١٤ يومًا.", ""},
		{"a date", "Stand 01.11.2026.", "Станом на 1.11.2026.", ""},
		{"an e-mail address", "Schreiben Sie an info@example.de.", "Напишіть нам.", "error: info@example.de of the German is missing"},
		{"a web address", "Siehe https://www.example.de/form.", "Див. сайт.", "error: https://www.example.de/form of the German is missing"},
		{"a section sign", "nach § 82 AufenthG.", "згідно зі статтею 82 AufenthG.", "warning: the German cites a section (§)"},
		{"brackets", "Name (wie im Pass)", "Прізвище (як у паспорті", "warning: brackets () do not pair up"},
		{"added brackets", "Ausländerbehörde", "Відомство у справах іноземців (Ausländerbehörde)", ""},
		{"quotes", "Nur bei „Ja“.", "Лише якщо так.", "warning: the German quotes a text"},
		{"question mark", "Haben Sie Kinder?", "هل لديك أطفال؟", ""},
		{"ending lost", "Bitte ankreuzen.", "Позначте", "warning: no closing punctuation, the German ends with '.'"},
		{"Ethiopic full stop", "Bitte ankreuzen.", "ምልክት ያድርጉ።", ""},
		{"glossary kept", "Die Ausländerbehörde prüft.", "Відомство у справах іноземців перевіряє.", ""},
		{"glossary lost", "Die Ausländerbehörde prüft.", "Міграційна служба перевіряє.", `error: glossary: the German says "Ausländerbehörde"`},
		{"glossary the other way", "Das Amt prüft.", "Відомство у справах іноземців перевіряє.", `warning: glossary: "у справах іноземців" stands for "Ausländerbehörde"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range formChecks(tc.german, tc.tr, gloss) {
				got = append(got, f.sev.String()+": "+f.msg)
			}
			all := strings.Join(got, "\n")
			if tc.want == "" && len(got) > 0 || tc.want != "" && !strings.Contains(all, tc.want) {
				t.Errorf("formChecks(%q, %q) = %q, want %q", tc.german, tc.tr, all, tc.want)
			}
		})
	}
}

// TestUnitPlural: placeholders are checked in every plural form; a form
// chosen for a single number (Arabic one) may spell it out.
func TestUnitPlural(t *testing.T) {
	de := &locale.Entry{ID: "n", Forms: map[string]string{"one": "{{.Count}} Unterlage", "other": "{{.Count}} Unterlagen"}}
	uk := &locale.Locale{Tag: "uk", File: "locales/uk.toml"}
	ar := &locale.Locale{Tag: "ar", File: "locales/ar.toml"}
	msgs := func(ps problem.Problems) string {
		var b []string
		for _, p := range ps {
			b = append(b, p.Severity.String()+": "+p.Msg)
		}
		return strings.Join(b, "\n")
	}
	got := msgs(Unit(uk, de, &locale.Entry{ID: "n", Forms: map[string]string{"one": "{{.Count}} документ", "few": "кілька документів", "many": "{{.Count}} документів", "other": "{{.Count}} документа"}}, nil, nil))
	if !strings.Contains(got, "error: placeholders none in this form, the German has {{.Count}} (few)") {
		t.Errorf("uk, few without its placeholder:\n%s", got)
	}
	got = msgs(Unit(ar, de, &locale.Entry{ID: "n", Forms: map[string]string{"zero": "لا وثائق", "one": "وثيقة واحدة", "two": "وثيقتان", "few": "{{.Count}} وثائق", "many": "{{.Count}} وثيقة", "other": "{{.Count}} وثيقة"}}, nil, nil))
	if strings.Contains(got, "error") || !strings.Contains(got, "warning: placeholders none in this form, the German has {{.Count}} (one)") {
		t.Errorf("ar, one, two and zero spelt out:\n%s", got)
	}
	got = msgs(Unit(uk, de, &locale.Entry{ID: "n", Forms: map[string]string{"one": "{{.Count}} документ", "few": "{{.Count}} документа", "many": "{{.Count}} документів", "other": "{{.Count}} документа"}}, nil, nil))
	if !strings.Contains(got, "warning: plural forms few and other are the same text") {
		t.Errorf("uk, few taken from other:\n%s", got)
	}
}

func TestLoadGlossaries(t *testing.T) {
	gs, err := LoadGlossaries(fstest.MapFS{"glossary/uk.toml": {Data: []byte("[[term]]\nde = \"Ausländerbehörde\"\ntr = [\"у справах іноземців\"]\n")}}, "locales")
	if err != nil || len(gs["uk"].Terms) != 1 {
		t.Fatalf("%v, %v", gs, err)
	}
	for _, bad := range []string{"[[term]]\nde = \"A\"\n", "[[term]]\nde = \"A\"\ntr = [\"\"]\n", "[[term]]\nde = \"A\"\ntr = [\"b\"]\nfoo = 1\n", "[[term"} {
		if _, err := LoadGlossaries(fstest.MapFS{"glossary/uk.toml": {Data: []byte(bad)}}, "locales"); err == nil || !strings.Contains(err.Error(), "locales/glossary/uk.toml") {
			t.Errorf("%q: err = %v", bad, err)
		}
	}
}
