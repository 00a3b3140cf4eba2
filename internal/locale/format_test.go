package locale

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"formgen/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// formatFiles are locale files with only the format table: German, and
// three ways of writing numbers.
var formatFiles = map[string]string{
	"de.toml": `
[format]
time = "{{.Hour}}:{{.Minute}} Uhr"
amount = "{{.Amount}} €"
decimal = ","
group = "."
digits = "latn"
[format.date]
long = "{{.Day}}. {{.Month}} {{.Year}}"
short = "{{.Day}}.{{.Month}}.{{.Year}}"
[format.month]
3 = "März"
12 = "Dezember"
`,
	"uk.toml": `
[format]
time = "{{.Hour}}:{{.Minute}}"
amount = "{{.Amount}} €"
decimal = ","
group = "\u00a0"
digits = "latn"
[format.date]
long = "{{.Day}} {{.Month}} {{.Year}} року"
[format.month]
3 = "березня"
`,
	"ar.toml": `
[format]
time = "الساعة {{.Hour}}:{{.Minute}}"
amount = "{{.Amount}} يورو"
decimal = "٫"
group = "٬"
digits = "arab"
[format.date]
long = "{{.Day}} {{.Month}} {{.Year}}"
short = "{{.Day}}\u200f/{{.Month}}\u200f/{{.Year}}"
[format.month]
3 = "مارس"
`,
	"fa.toml": `
[format]
digits = "arabext"
`,
	"ku.toml": `
[format]
digits = "roman"
`,
}

func TestFormatter(t *testing.T) {
	c := catalog(t, formatFiles)
	march := time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)
	first := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		tag  string
		tr   bool // the translation's formatter, else German
		what string
		got  func(f Formatter) (string, error)
		want string
	}{
		{"de", false, "date", func(f Formatter) (string, error) { return f.Date(march) }, "12. März 2026"},
		{"de", false, "date, one digit", func(f Formatter) (string, error) { return f.Date(first) }, "1. März 2026"},
		{"de", false, "short date", func(f Formatter) (string, error) { return f.ShortDate(first) }, "01.03.2026"},
		{"ar", true, "short date", func(f Formatter) (string, error) { return f.ShortDate(march) }, "١٢\u200f/٠٣\u200f/٢٠٢٦"},
		{"uk", true, "short date falls back to German", func(f Formatter) (string, error) { return f.ShortDate(march) }, "12.03.2026"},
		{"de", false, "time", func(f Formatter) (string, error) { return f.Time(9*60 + 5) }, "09:05 Uhr"},
		{"de", false, "midnight", func(f Formatter) (string, error) { return f.Time(0) }, "00:00 Uhr"},
		{"de", false, "amount", func(f Formatter) (string, error) { return f.Amount(125000) }, "1.250,00 €"},
		{"de", false, "small amount", func(f Formatter) (string, error) { return f.Amount(5) }, "0,05 €"},
		{"de", false, "number", func(f Formatter) (string, error) { return f.Number(1234567) }, "1.234.567"},
		{"de", false, "negative", func(f Formatter) (string, error) { return f.Number(-1000) }, "-1.000"},
		{"de", false, "three digits", func(f Formatter) (string, error) { return f.Number(999) }, "999"},
		{"uk", true, "date", func(f Formatter) (string, error) { return f.Date(march) }, "12 березня 2026 року"},
		{"uk", true, "amount", func(f Formatter) (string, error) { return f.Amount(125000) }, "1\u00a0250,00 €"},
		{"uk", true, "time", func(f Formatter) (string, error) { return f.Time(14*60 + 30) }, "14:30"},
		{"uk", false, "German side of a Ukrainian document", func(f Formatter) (string, error) { return f.Date(march) }, "12. März 2026"},
		{"ar", true, "date", func(f Formatter) (string, error) { return f.Date(march) }, "١٢ مارس ٢٠٢٦"},
		{"ar", true, "time", func(f Formatter) (string, error) { return f.Time(9*60 + 30) }, "الساعة ٠٩:٣٠"},
		{"ar", true, "amount", func(f Formatter) (string, error) { return f.Amount(125050) }, "١٬٢٥٠٫٥٠ يورو"},
		// fa lacks the month and patterns: German ones, in its own digits
		{"fa", true, "date falls back to German words", func(f Formatter) (string, error) { return f.Date(march) }, "۱۲. März ۲۰۲۶"},
		{"fa", true, "number", func(f Formatter) (string, error) { return f.Number(1000) }, "۱.۰۰۰"},
		// a German-only document has no translation to format for
		{"de", true, "German document", func(f Formatter) (string, error) { return f.Time(60) }, "01:00 Uhr"},
	} {
		t.Run(tc.tag+" "+tc.what, func(t *testing.T) {
			got, err := tc.got(c.Texts(c.Get(tc.tag)).Formatter(tc.tr))
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestFormatterErrors(t *testing.T) {
	c := catalog(t, formatFiles)
	f := c.Texts(c.Get("ku")).Formatter(true)
	if _, err := f.Number(1); err == nil || !strings.Contains(err.Error(), `format.digits is "roman": want latn, arab or arabext`) {
		t.Errorf("unknown digit system: err = %v", err)
	}
	// a month German lacks is an error naming the message
	de := c.Texts(c.Get("de")).Formatter(false)
	if _, err := de.Date(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)); err == nil || !strings.Contains(err.Error(), "format.month.5") {
		t.Errorf("missing month: err = %v", err)
	}
}

// TestShippedFormats writes 12 March 2026 (long and in digits, the latter
// quoted to show invisible marks), 9:30 and 1,250.50 euros in every
// shipped locale into a golden file, so that a change to any locale's
// format table shows in review (go test -update rewrites it).
func TestShippedFormats(t *testing.T) {
	c, ps, err := Load(testtool.Shipped(t, "locales"), "locales")
	if err != nil || len(ps) > 0 {
		t.Fatal(err, ps)
	}
	var b strings.Builder
	day := time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)
	for _, l := range c.Locales {
		tx := c.Texts(l)
		f := tx.Formatter(true)
		d, err1 := f.Date(day)
		tm, err2 := f.Time(9*60 + 30)
		a, err3 := f.Amount(125050)
		sd, err4 := f.ShortDate(day)
		for _, err := range []error{err1, err2, err3, err4} {
			if err != nil {
				t.Errorf("%s: %v", l.Tag, err)
			}
		}
		if !tx.Translated(FmtDateLong) || !tx.Translated(FmtDateShort) || !tx.Translated(FmtMonth+"3") {
			t.Errorf("%s: writes dates with the German format table", l.Tag)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", l.Tag, d, tm, a, Quote(sd))
	}
	golden := filepath.Join("..", "..", "testdata", "golden", "formats.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if b.String() != string(want) {
		t.Errorf("formats differ from %s (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", golden, b.String(), want)
	}
}
