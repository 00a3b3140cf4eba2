package locale

import (
	"slices"
	"strconv"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// PluralCategories are the CLDR plural categories, in their usual order.
var PluralCategories = []string{"zero", "one", "two", "few", "many", "other"}

var (
	pluralMu    sync.Mutex
	pluralCache = map[string]*pluralRules{}
)

// pluralRules is what go-i18n does with counts in one language.
type pluralRules struct {
	cats    []string        // categories chosen for some count, in CLDR order
	example map[string]int  // category -> the first whole number it is chosen for
	whole   map[string]int  // category -> how many whole numbers up to 1100 (2 at most)
	decimal map[string]bool // category -> chosen for a number with a fraction
}

// rules asks go-i18n, for a message that has every category, which one it
// picks for many counts: whole numbers, large ones and decimals.
func rules(tag string) *pluralRules {
	pluralMu.Lock()
	defer pluralMu.Unlock()
	if r, ok := pluralCache[tag]; ok {
		return r
	}
	r := &pluralRules{example: map[string]int{}, whole: map[string]int{}, decimal: map[string]bool{}}
	pluralCache[tag] = r
	t, err := language.Parse(tag)
	if err != nil {
		r.cats = []string{"other"}
		return r
	}
	b := i18n.NewBundle(t)
	b.MustAddMessages(t, &i18n.Message{ID: "m", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"})
	l := i18n.NewLocalizer(b, tag)
	pick := func(n any) string {
		s, _ := l.Localize(&i18n.LocalizeConfig{MessageID: "m", PluralCount: n})
		return s
	}
	seen := map[string]bool{}
	for n := 0; n <= 1100; n++ {
		c := pick(n)
		seen[c] = true
		if _, ok := r.example[c]; !ok {
			r.example[c] = n
		}
		if r.whole[c] < 2 {
			r.whole[c]++
		}
	}
	for _, n := range []int{10000, 100000, 1000000, 2000000, 1000000000} {
		seen[pick(n)] = true
		r.whole[pick(n)] = 2
	}
	for _, s := range []string{"0.0", "1.0", "2.0", "1000000.0"} {
		seen[pick(s)] = true // whole numbers written with a decimal
	}
	for _, s := range []string{"0.5", "1.5", "2.5", "3.5", "5.5", "10.1", "100.5"} {
		seen[pick(s)] = true
		r.decimal[pick(s)] = true
	}
	for _, c := range PluralCategories {
		if seen[c] || c == "other" {
			r.cats = append(r.cats, c)
		}
	}
	return r
}

// Plurals returns the plural categories go-i18n chooses from for a
// language, in CLDR order: those a translation of a plural message must
// give. They are found by asking go-i18n itself, so they are the
// categories formgen's documents can use, whatever CLDR version go-i18n
// carries.
func Plurals(tag string) []string { return slices.Clone(rules(tag).cats) }

// PluralExample returns a whole number for which go-i18n picks category
// cat in language tag, or "" when there is none: worklists, exports and
// proofs show it beside each plural form.
func PluralExample(tag, cat string) string {
	if n, ok := rules(tag).example[cat]; ok {
		return strconv.Itoa(n)
	}
	return ""
}

// PluralSingle reports whether plural category cat of language tag is
// chosen for exactly one number (Arabic zero, one and two): a translation
// may then spell the number out and leave out its placeholder.
func PluralSingle(tag, cat string) bool {
	r := rules(tag)
	return r.whole[cat] == 1 && !r.decimal[cat]
}
