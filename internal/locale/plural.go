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
	pluralCache = map[string][]string{}
)

// Plurals returns the plural categories go-i18n chooses from for a
// language, in CLDR order: those a translation of a plural message must
// give. They are found by asking go-i18n itself, for a message that has
// every category, which one it picks for many counts: so they are the
// categories formgen's documents can use, whatever CLDR version go-i18n
// carries.
func Plurals(tag string) []string {
	pluralMu.Lock()
	defer pluralMu.Unlock()
	if c, ok := pluralCache[tag]; ok {
		return c
	}
	t, err := language.Parse(tag)
	if err != nil {
		return []string{"other"}
	}
	b := i18n.NewBundle(t)
	b.MustAddMessages(t, &i18n.Message{ID: "m", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"})
	l := i18n.NewLocalizer(b, tag)
	seen := map[string]bool{}
	var counts []any
	for n := 0; n <= 1100; n++ {
		counts = append(counts, n)
	}
	for _, n := range []int{10000, 100000, 1000000, 2000000, 1000000000} {
		counts = append(counts, n)
	}
	for _, s := range []string{"0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.5", "5.5", "10.1", "100.5", "1000000.0"} {
		counts = append(counts, s)
	}
	for _, n := range counts {
		if s, err := l.Localize(&i18n.LocalizeConfig{MessageID: "m", PluralCount: n}); err == nil {
			seen[s] = true
		}
	}
	var cats []string
	for _, c := range PluralCategories {
		if seen[c] {
			cats = append(cats, c)
		}
	}
	if !slices.Contains(cats, "other") {
		cats = append(cats, "other")
	}
	pluralCache[tag] = cats
	return cats
}

// PluralExample returns a count for which go-i18n picks category cat in
// language tag, or "" when there is none: worklists, exports and proofs
// show it beside each plural form.
func PluralExample(tag, cat string) string {
	key := tag + "\x00" + cat
	pluralMu.Lock()
	if s, ok := exampleCache[key]; ok {
		pluralMu.Unlock()
		return s
	}
	pluralMu.Unlock()
	s := pluralExample(tag, cat)
	pluralMu.Lock()
	exampleCache[key] = s
	pluralMu.Unlock()
	return s
}

var exampleCache = map[string]string{}

func pluralExample(tag, cat string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	b := i18n.NewBundle(t)
	b.MustAddMessages(t, &i18n.Message{ID: "m", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"})
	l := i18n.NewLocalizer(b, tag)
	for n := 0; n <= 1100; n++ {
		if s, _ := l.Localize(&i18n.LocalizeConfig{MessageID: "m", PluralCount: n}); s == cat {
			return strconv.Itoa(n)
		}
	}
	return ""
}

var singleCache = map[string]bool{}

// PluralSingle reports whether plural category cat of language tag is
// chosen for exactly one whole number (Arabic zero, one and two; German
// one is chosen for 1 only too): a translation may then spell the number
// out and leave out its placeholder.
func PluralSingle(tag, cat string) bool {
	key := tag + "\x00" + cat
	pluralMu.Lock()
	if v, ok := singleCache[key]; ok {
		pluralMu.Unlock()
		return v
	}
	pluralMu.Unlock()
	n := 0
	t, err := language.Parse(tag)
	if err == nil {
		b := i18n.NewBundle(t)
		b.MustAddMessages(t, &i18n.Message{ID: "m", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"})
		l := i18n.NewLocalizer(b, tag)
		for i := 0; i <= 1100 && n < 2; i++ {
			if s, _ := l.Localize(&i18n.LocalizeConfig{MessageID: "m", PluralCount: i}); s == cat {
				n++
			}
		}
		for _, f := range []string{"0.5", "1.5", "2.5"} {
			if s, _ := l.Localize(&i18n.LocalizeConfig{MessageID: "m", PluralCount: f}); s == cat {
				n += 2
			}
		}
	}
	pluralMu.Lock()
	singleCache[key] = n == 1
	pluralMu.Unlock()
	return n == 1
}
