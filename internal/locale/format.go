package locale

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Messages that say how a locale writes dates, times and amounts: a small
// table in each locale file, so that a translator can correct it like any
// text (docs/templates.md lists the choices made per locale).
const (
	FmtDateLong  = "format.date.long"  // "{{.Day}}. {{.Month}} {{.Year}}"; Day without a leading zero
	FmtDateShort = "format.date.short" // "{{.Day}}.{{.Month}}.{{.Year}}"; Day and Month two digits
	FmtMonth     = "format.month."     // + 1…12: the month's name as used in a date
	FmtTime      = "format.time"       // "{{.Hour}}:{{.Minute}} Uhr"; both two digits
	FmtAmount    = "format.amount"     // "{{.Amount}} €"
	FmtDecimal   = "format.decimal"    // decimal separator: ","
	FmtGroup     = "format.group"      // thousands separator: "."
	FmtDigits    = "format.digits"     // latn, arab (٠١٢…) or arabext (۰۱۲…)
)

// FormatMessages lists the format message ids every locale needs.
func FormatMessages() []string {
	ids := []string{FmtTime, FmtAmount, FmtDecimal, FmtGroup, FmtDigits, FmtDateLong, FmtDateShort}
	for m := 1; m <= 12; m++ {
		ids = append(ids, FmtMonth+strconv.Itoa(m))
	}
	return ids
}

// digitSets are the digit systems a locale may write numbers in.
var digitSets = map[string][]rune{
	"latn":    []rune("0123456789"),
	"arab":    []rune("٠١٢٣٤٥٦٧٨٩"),
	"arabext": []rune("۰۱۲۳۴۵۶۷۸۹"),
}

// Formatter writes dates, times and amounts in German or in the
// translation's language.
type Formatter struct {
	t  *Texts
	tr bool
}

// Formatter returns the formatter for the translation (tr) or German.
func (t *Texts) Formatter(tr bool) Formatter { return Formatter{t, tr && t.Bilingual()} }

func (f Formatter) msg(id string, data Data) (string, error) {
	if f.tr {
		return f.t.Translation(id, data)
	}
	return f.t.German(id, data)
}

// Digits rewrites the ASCII digits of s in the locale's digit system
// (format.digits).
func (f Formatter) Digits(s string) (string, error) { return f.digits(s) }

// digits rewrites the ASCII digits of s in the locale's digit system.
func (f Formatter) digits(s string) (string, error) {
	set, err := f.msg(FmtDigits, nil)
	if err != nil {
		return "", err
	}
	d, ok := digitSets[strings.TrimSpace(set)]
	if !ok {
		return "", fmt.Errorf("%s is %q: want latn, arab or arabext", FmtDigits, set)
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return d[r-'0']
		}
		return r
	}, s), nil
}

// Date writes a day in the long form: 12. März 2026, 12 березня 2026.
func (f Formatter) Date(d time.Time) (string, error) {
	month, err := f.msg(FmtMonth+strconv.Itoa(int(d.Month())), nil)
	if err != nil {
		return "", err
	}
	day, err := f.digits(strconv.Itoa(d.Day()))
	if err != nil {
		return "", err
	}
	year, _ := f.digits(strconv.Itoa(d.Year()))
	return f.msg(FmtDateLong, Data{"Day": day, "Month": month, "Year": year})
}

// ShortDate writes a day in digits: 12.03.2026, 12/03/2026, ۲۰۲۶/۰۳/۱۲.
func (f Formatter) ShortDate(d time.Time) (string, error) {
	var parts [3]string
	for i, s := range []string{fmt.Sprintf("%02d", d.Day()), fmt.Sprintf("%02d", int(d.Month())), strconv.Itoa(d.Year())} {
		var err error
		if parts[i], err = f.digits(s); err != nil {
			return "", err
		}
	}
	return f.msg(FmtDateShort, Data{"Day": parts[0], "Month": parts[1], "Year": parts[2]})
}

// Time writes a time of day given in minutes after midnight.
func (f Formatter) Time(minutes int) (string, error) {
	h, err := f.digits(fmt.Sprintf("%02d", minutes/60))
	if err != nil {
		return "", err
	}
	m, _ := f.digits(fmt.Sprintf("%02d", minutes%60))
	return f.msg(FmtTime, Data{"Hour": h, "Minute": m})
}

// Number writes a whole number with the locale's grouping and digits.
func (f Formatter) Number(n int64) (string, error) {
	group, err := f.msg(FmtGroup, nil)
	if err != nil {
		return "", err
	}
	return f.digits(grouped(n, group))
}

// Amount writes euros given in cents: 1.250,00 €.
func (f Formatter) Amount(cents int64) (string, error) {
	group, err := f.msg(FmtGroup, nil)
	if err != nil {
		return "", err
	}
	dec, err := f.msg(FmtDecimal, nil)
	if err != nil {
		return "", err
	}
	n := fmt.Sprintf("%s%s%02d", grouped(cents/100, group), dec, cents%100)
	if n, err = f.digits(n); err != nil {
		return "", err
	}
	return f.msg(FmtAmount, Data{"Amount": n})
}

// grouped writes n with sep between groups of three digits.
func grouped(n int64, sep string) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
