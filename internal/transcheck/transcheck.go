// Package transcheck checks one translation against its German, each
// plural form, as translators know it from Weblate: plural forms,
// placeholders in every form, numbers, § signs, e-mail and web addresses
// kept, brackets paired, quotes and ending punctuation like the German's,
// the glossary's fixed terms in both directions, the same German
// translated the same way. formgen check, i18n lint, merge, import and
// mark all use it, so they agree on what an error is.
package transcheck

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"

	"formgen/internal/locale"
	"formgen/internal/problem"
	"formgen/internal/text"
)

// Error and Warning are the severities of what the checks find.
const (
	Error   = problem.Error
	Warning = problem.Warning
)

// GlossaryDir is the folder of the glossaries inside the locales folder.
const GlossaryDir = "glossary"

// Glossary is the fixed terms of one locale: locales/glossary/<tag>.toml.
type Glossary struct {
	Terms []Term `toml:"term"`
}

// Term is a German term and how a translation must say it: any of TR
// (stems or inflected forms), compared without case.
type Term struct {
	DE   string   `toml:"de"`
	TR   []string `toml:"tr"`
	Note string   `toml:"note"`
}

// Glossaries are the glossaries of a locales folder, by tag.
type Glossaries map[string]*Glossary

// LoadGlossaries reads every glossary/<tag>.toml of a locales folder; a
// folder without glossaries has none.
func LoadGlossaries(fsys fs.FS, prefix string) (Glossaries, error) {
	names, err := fs.Glob(fsys, GlossaryDir+"/*.toml")
	if err != nil {
		return nil, err
	}
	gs := Glossaries{}
	for _, name := range names {
		file := path.Join(prefix, name)
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var g Glossary
		md, err := toml.Decode(string(src), &g)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if u := md.Undecoded(); len(u) > 0 {
			return nil, fmt.Errorf("%s: unknown key %q (a term has de, tr and note)", file, u[0].String())
		}
		for i, t := range g.Terms {
			if strings.TrimSpace(t.DE) == "" || len(t.TR) == 0 || slices.Contains(t.TR, "") {
				return nil, fmt.Errorf("%s: term %d: want de and at least one non-empty tr", file, i+1)
			}
		}
		gs[locale.Canonical(strings.TrimSuffix(path.Base(name), ".toml"))] = &g
	}
	return gs, nil
}

// Unit checks one translation e of the German src in locale l (or a
// German text, with src nil), each plural form the language needs, and
// returns what it finds: errors a document would print wrong, warnings for
// a translator's eyes. fonts may be nil (no font check), gloss too.
func Unit(l *locale.Locale, src, e *locale.Entry, fonts *text.FontSet, gloss *Glossary) problem.Problems {
	var fs problem.Problems
	add := func(sev problem.Severity, format string, args ...any) {
		fs = append(fs, problem.Problem{File: l.File, Line: e.Line, ID: e.ID, Severity: sev, Msg: fmt.Sprintf(format, args...)})
	}
	textChecks(e, fonts, add)
	if l.Tag == locale.Source || src == nil {
		return fs
	}
	if want, got := locale.Placeholders(src.Forms), locale.Placeholders(e.Forms); !slices.Equal(want, got) {
		add(Error, "placeholders %s, the German has %s", List(got), List(want))
	}
	pluralChecks(l, src, e, add)
	if t := e.Forms["other"]; t == src.Forms["other"] && HasLetters(t) && !strings.HasPrefix(e.ID, "format.") && e.ID != "language.name" {
		add(Warning, "identical to the German")
	}
	cats := []string{"other"}
	if IsPlural(src) {
		cats = locale.Plurals(l.Tag)
	}
	for _, cat := range cats {
		if _, ok := e.Forms[cat]; ok {
			compareForm(l, src, e, cat, cats, gloss, add)
		}
	}
	samePlurals(e, cats, add)
	return fs
}

// samePlurals warns of two plural forms cats of e with the same text.
func samePlurals(e *locale.Entry, cats []string, add adder) {
	for i, a := range cats {
		for _, b := range cats[i+1:] {
			if e.Forms[a] != "" && e.Forms[a] == e.Forms[b] {
				add(Warning, "plural forms %s and %s are the same text: is one of them not translated for its numbers?", a, b)
			}
		}
	}
}

// adder records a finding of a check.
type adder func(sev problem.Severity, format string, args ...any)

// textChecks checks every form of e as text, German or not: its syntax,
// spaces at the ends, characters no font of fonts (nil: unchecked) prints.
func textChecks(e *locale.Entry, fonts *text.FontSet, add adder) {
	if msg := locale.CheckMessage(e.Forms); msg != "" {
		add(Error, "%s", msg)
	}
	for _, cat := range locale.PluralCategories {
		s, ok := e.Forms[cat]
		if !ok {
			continue
		}
		form := ""
		if cat != "other" {
			form = " (" + cat + ")"
		}
		if t := strings.TrimSpace(s); t != "" && t != s {
			add(Warning, "space at the start or end%s", form)
		}
		if fonts != nil {
			if miss := fonts.Uncovered(s); len(miss) > 0 {
				add(Error, "%v%s", &text.MissingGlyphError{Runes: miss}, form)
			}
		}
	}
}

// pluralChecks checks that translation e has the plural forms locale l
// needs for the German src, and no others.
func pluralChecks(l *locale.Locale, src, e *locale.Entry, add adder) {
	if !IsPlural(src) {
		if len(e.Forms) > 1 {
			add(Warning, "plural forms, but the German has none: only other is used")
		}
		return
	}
	need := locale.Plurals(l.Tag)
	var missing, extra []string
	for _, c := range need {
		if e.Forms[c] == "" {
			missing = append(missing, c)
		}
	}
	for c := range e.Forms {
		if !slices.Contains(need, c) {
			extra = append(extra, c)
		}
	}
	sort.Strings(extra)
	if len(missing) > 0 {
		add(Error, "plural forms missing: %s (%s needs %s)", strings.Join(missing, ", "), l.Tag, strings.Join(need, ", "))
	}
	if len(extra) > 0 {
		add(Warning, "plural forms %s are not used in %s (it has %s)", strings.Join(extra, ", "), l.Tag, strings.Join(need, ", "))
	}
}

// compareForm compares the plural form cat of translation e with its
// German src; cats are the forms the locale l uses.
func compareForm(l *locale.Locale, src, e *locale.Entry, cat string, cats []string, gloss *Glossary, add adder) {
	s := e.Forms[cat]
	german := src.Forms[cat]
	if german == "" {
		german = src.Forms["other"]
	}
	form := ""
	if len(cats) > 1 {
		form = " (" + cat + ")"
		want, got := locale.Placeholders(map[string]string{"": german}), locale.Placeholders(map[string]string{"": s})
		sev := Error
		if locale.PluralSingle(l.Tag, cat) && len(missing(got, want)) == 0 {
			sev = Warning // "one" for 1 alone may spell the number out
		}
		if !slices.Equal(want, got) {
			add(sev, "placeholders %s in this form, the German has %s%s", List(got), List(want), form)
		}
	}
	for _, f := range formChecks(german, s, gloss) {
		if strings.HasPrefix(e.ID, "format.") && f.sev == Warning {
			continue // patterns of dates and numbers, not sentences
		}
		add(f.sev, "%s%s", f.msg, form)
	}
}

type formFinding struct {
	sev problem.Severity
	msg string
}

var (
	emailRE  = regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+`)
	urlRE    = regexp.MustCompile(`(https?://|www\.)[^\s"“”„<>]+[^\s"“”„<>.,;:!?)]`)
	numberRE = regexp.MustCompile(`\p{Nd}+`)
)

// endings are the marks a sentence may end with, by the German mark, in
// the scripts of formgen's locales.
var endings = map[rune][]rune{
	'.': {'.', '。', '।', '۔', '።'},
	'?': {'?', '؟', '፧', ';'},
	'!': {'!', '！'},
	':': {':', '：', '፦', '፥'},
	'…': {'…'},
}

// formChecks compares one plural form of a translation with its German.
func formChecks(german, tr string, gloss *Glossary) []formFinding {
	var out []formFinding
	add := func(sev problem.Severity, format string, args ...any) {
		out = append(out, formFinding{sev, fmt.Sprintf(format, args...)})
	}
	g, t := placeholderRE.ReplaceAllString(german, " "), placeholderRE.ReplaceAllString(tr, " ")
	for _, n := range missing(numbers(g), numbers(t)) {
		add(Error, "number %s of the German is missing", n)
	}
	if strings.Contains(g, "§") && !strings.Contains(t, "§") {
		add(Warning, "the German cites a section (§): keep the § sign, or say \"section\" the way the language's law texts do")
	}
	for _, re := range []*regexp.Regexp{emailRE, urlRE} {
		for _, tok := range re.FindAllString(g, -1) {
			if !strings.Contains(t, tok) {
				add(Error, "%s of the German is missing: keep it exactly", tok)
			}
		}
	}
	for _, p := range [][2]rune{{'(', ')'}, {'[', ']'}} {
		// translations add brackets (the German term, glosses): only
		// pairs matter
		if strings.Count(g, string(p[0])) == strings.Count(g, string(p[1])) && strings.Count(t, string(p[0])) != strings.Count(t, string(p[1])) {
			add(Warning, "brackets %c%c do not pair up", p[0], p[1])
		}
	}
	if quotes(g) > 0 && quotes(t) == 0 {
		add(Warning, "the German quotes a text („…“), the translation has no quotation marks")
	}
	endingCheck(g, t, add)
	if gloss != nil {
		glossaryChecks(g, t, gloss, add)
	}
	return out
}

// endingCheck compares the closing punctuation of translation t with
// that of its German g.
func endingCheck(g, t string, add adder) {
	ge, te := ending(g), ending(t)
	switch {
	case ge == te:
	case ge == 0:
		add(Warning, "ends with %q, the German has no closing punctuation", te)
	case te == 0:
		add(Warning, "no closing punctuation, the German ends with %q", ge)
	default:
		add(Warning, "ends with %q, the German with %q", te, ge)
	}
}

// glossaryChecks checks the glossary's fixed terms both ways: each term
// of the German g translated as the glossary says in t, and no term in t
// the German does not say.
func glossaryChecks(g, t string, gloss *Glossary, add adder) {
	lg, lt := strings.ToLower(g), strings.ToLower(t)
	for _, term := range gloss.Terms {
		inDE := strings.Contains(lg, strings.ToLower(term.DE))
		inTR := slices.ContainsFunc(term.TR, func(s string) bool { return strings.Contains(lt, strings.ToLower(s)) })
		switch {
		case inDE && !inTR:
			add(Error, "glossary: the German says %q, which is %q here", term.DE, term.TR[0])
		case inTR && !inDE:
			add(Warning, "glossary: %q stands for %q, which the German does not say", term.TR[0], term.DE)
		}
	}
}

// numbers returns the numbers of s, in Western digits, without leading
// zeros (01.11. and 1.11. are the same date).
func numbers(s string) []string {
	var out []string
	for _, m := range numberRE.FindAllString(s, -1) {
		var b strings.Builder
		for _, r := range m {
			b.WriteByte(byte('0' + digitValue(r)))
		}
		n := strings.TrimLeft(b.String(), "0")
		if n == "" {
			n = "0"
		}
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// digitValue returns the value of a decimal digit of any script: every
// script's digits are a run of ten code points, zero first.
func digitValue(r rune) int {
	z := r
	for unicode.IsDigit(z-1) && r-(z-1) < 100 {
		z--
	}
	return int(r-z) % 10
}

// missing returns the items of want (sorted) that got (sorted) lacks,
// counting repeats.
func missing(want, got []string) []string {
	var out []string
	left := slices.Clone(got)
	for _, w := range want {
		if i := slices.Index(left, w); i >= 0 {
			left = slices.Delete(left, i, i+1)
		} else {
			out = append(out, w)
		}
	}
	return out
}

// quotes counts the quotation marks of s.
func quotes(s string) int {
	n := 0
	for _, r := range s {
		if strings.ContainsRune(`"„“”‚‘’«»‹›「」『』`, r) {
			n++
		}
	}
	return n
}

// ending returns the closing punctuation of s, as the German mark it
// corresponds to, or 0.
func ending(s string) rune {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"“”„»«'’)]", r) || unicode.Is(unicode.Cf, r)
	})
	if s == "" {
		return 0
	}
	last := []rune(s)[len([]rune(s))-1]
	for de, marks := range endings {
		if slices.Contains(marks, last) {
			return de
		}
	}
	return 0
}

// Consistency warns of German texts translated in different ways within
// one locale: the same German (every form) with different translations.
func Consistency(l *locale.Locale, de *locale.Locale) problem.Problems {
	byGerman := map[string][]*locale.Entry{}
	for id, e := range l.Entries {
		if src := de.Entries[id]; src != nil && src.Description == "" && HasLetters(src.Text()) {
			k := fmt.Sprint(src.Forms)
			byGerman[k] = append(byGerman[k], e)
		}
	}
	var fs problem.Problems
	for _, es := range byGerman {
		texts := map[string]bool{}
		for _, e := range es {
			texts[fmt.Sprint(e.Forms)] = true
		}
		if len(texts) < 2 {
			continue
		}
		sort.Slice(es, func(i, j int) bool { return es[i].ID < es[j].ID })
		for _, e := range es {
			var others []string
			for _, o := range es {
				if fmt.Sprint(o.Forms) != fmt.Sprint(e.Forms) {
					others = append(others, o.ID)
				}
			}
			fs = append(fs, problem.Problem{File: l.File, Line: e.Line, ID: e.ID, Severity: Warning,
				Msg: fmt.Sprintf("the same German is translated differently in %s", strings.Join(others, ", "))})
		}
	}
	return fs
}

// IsPlural reports whether a German message has plural forms.
func IsPlural(e *locale.Entry) bool {
	for cat := range e.Forms {
		if cat != "other" {
			return true
		}
	}
	return false
}

// HasLetters reports whether s has a letter outside its placeholders.
func HasLetters(s string) bool {
	return strings.IndexFunc(placeholderRE.ReplaceAllString(s, ""), unicode.IsLetter) >= 0
}

var placeholderRE = regexp.MustCompile(`\{\{[^}]*\}\}`)

// List writes placeholders as {{.A}}, {{.B}}, or "none".
func List(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	var b []string
	for _, n := range names {
		b = append(b, "{{."+n+"}}")
	}
	return strings.Join(b, ", ")
}
