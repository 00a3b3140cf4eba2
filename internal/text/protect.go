package text

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// RunKind is what a protected run is.
type RunKind int

// The kinds of protected runs.
const (
	RunEmail    RunKind = iota // auslaenderbehoerde@landkreis-wittenberg.example
	RunURL                     // https://…, www.…
	RunPhone                   // 03491 479-1234, +49 3491 479-0
	RunFileNo                  // AB 2-4711/2021
	RunDate                    // 20.11.2026, 2026/11/20, 9. Dezember 2026
	RunTime                    // 09:30 Uhr
	RunAmount                  // 100,00 €
	RunCitation                // § 82 Abs. 1 AufenthG, Art. 15 DSGVO, Abs. 4 S. 3
)

var runKindNames = [...]string{"e-mail", "URL", "telephone number", "file number", "date", "time", "amount", "legal citation"}

func (k RunKind) String() string { return runKindNames[k] }

// Identifier reports whether a run of this kind names something rather
// than counts or dates it: its digits are written as given, in European
// digits, in every language (docs/templates.md, "Digits").
func (k RunKind) Identifier() bool {
	switch k {
	case RunEmail, RunURL, RunPhone, RunFileNo, RunCitation:
		return true
	}
	return false
}

// ProtectedRun is a piece of text that must not be broken across lines,
// in runes of the NFC-normalised text.
type ProtectedRun struct {
	Start, End int
	Kind       RunKind
}

// A law's abbreviation: at least two capitals (AufenthG, DSGVO, VwVfG,
// StGB, FreizügG/EU).
const law = `\p{Lu}[\p{L}]*\p{Lu}[\p{L}]*(?:/EU)?`

// The parts of a German citation after the article or paragraph: Abs. 1,
// S. 3, Nr. 2, Buchstabe c.
const citePart = `(?:Abs\.|Absatz|S\.|Satz|Nr\.|Nummer|Buchst\.|Buchstabe|lit\.|Unterabs\.|UAbs\.)[\x{a0} ]?(?:\p{Nd}+[a-z]?|[a-z])`

// protectedPatterns recognise the runs, most specific first: a run found
// by an earlier pattern is not looked at again.
var protectedPatterns = []struct {
	kind RunKind
	re   *regexp.Regexp
}{
	{RunEmail, regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`)},
	{RunURL, regexp.MustCompile(`(?:https?://|www\.)[^\s<>"“”„]*[^\s<>"“”„.,;:!?)]`)},
	// § 82 Abs. 1 AufenthG; § 95 Abs. 2 Nr. 2 AufenthG; Art. 15 DSGVO;
	// Art. 6 Abs. 1 Buchstabe c
	{RunCitation, regexp.MustCompile(`(?:§§?|Art\.|Artikel)[\x{a0} ]?\p{Nd}+[a-z]?(?:[\x{a0} ]` + citePart + `)*(?:[\x{a0} ](?:des[\x{a0} ]|der[\x{a0} ])?` + law + `)?`)},
	// Abs. 4 S. 3 without the paragraph before it
	{RunCitation, regexp.MustCompile(`(?:Abs\.|Absatz)[\x{a0} ]?\p{Nd}+[a-z]?(?:[\x{a0} ]` + citePart + `)*(?:[\x{a0} ]` + law + `)?`)},
	// in any language: a number before a law's abbreviation, with a
	// short word between ("المادة 15 من DSGVO", "15 du RGPD")
	{RunCitation, regexp.MustCompile(`(?:\p{L}+[\x{a0} ])?\p{Nd}+[a-z]?[\x{a0} ](?:\p{L}{1,4}[\x{a0} ])?` + law)},
	{RunDate, regexp.MustCompile(`\p{Nd}{1,2}\.[\x{a0} ]?(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)[\x{a0} ]\p{Nd}{4}`)},
	{RunDate, regexp.MustCompile(`\p{Nd}{1,4}[./][\x{200f}\x{200e}]?\p{Nd}{1,2}[./][\x{200f}\x{200e}]?\p{Nd}{2,4}`)},
	{RunFileNo, regexp.MustCompile(`\p{Lu}{1,4}[\x{a0} ]?\p{Nd}+(?:[-/.]\p{Nd}+)+`)},
	{RunPhone, regexp.MustCompile(`(?:\+\p{Nd}{1,3}[\x{a0} ]?(?:\(0\)[\x{a0} ]?)?|\(?0)\p{Nd}{2,5}\)?(?:[\x{a0} /-]\p{Nd}{1,})+`)},
	{RunTime, regexp.MustCompile(`\p{Nd}{1,2}:\p{Nd}{2}(?:[\x{a0} ]Uhr)?`)},
	{RunAmount, regexp.MustCompile(`\p{Nd}[\p{Nd}.,٫٬]*[\x{a0} ]?(?:€|EUR|Euro)`)},
}

// Protected finds the runs of s that must stay on one line: e-mail
// addresses, URLs, telephone and file numbers, dates, times, amounts and
// legal citations. s is normalised to NFC first; the runs count runes of
// the normalised text, in the order they appear, and never overlap.
func Protected(s string) []ProtectedRun {
	s = norm.NFC.String(s)
	var runs []ProtectedRun
	taken := func(a, b int) bool {
		for _, r := range runs {
			if a < r.End && r.Start < b {
				return true
			}
		}
		return false
	}
	for _, p := range protectedPatterns {
		for _, m := range p.re.FindAllStringIndex(s, -1) {
			a, b := m[0], m[1]
			// a match must stand alone: not glued to a letter or digit
			// before or after it (a word boundary; RE2 has no \b for
			// letters beyond ASCII)
			if a > 0 {
				if r, _ := utf8.DecodeLastRuneInString(s[:a]); isWordRune(r) {
					continue
				}
			}
			if b < len(s) {
				if r, _ := utf8.DecodeRuneInString(s[b:]); isWordRune(r) {
					continue
				}
			}
			ra, rb := utf8.RuneCountInString(s[:a]), utf8.RuneCountInString(s[:b])
			if !strings.ContainsAny(s[a:b], " \u00a0/-@.") || taken(ra, rb) {
				continue // nothing in it a line could break at
			}
			runs = append(runs, ProtectedRun{Start: ra, End: rb, Kind: p.kind})
		}
	}
	slices.SortFunc(runs, func(x, y ProtectedRun) int { return x.Start - y.Start })
	return runs
}

func isWordRune(r rune) bool {
	return r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
		r > 0x7f && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// BrokenRuns returns the protected runs of str, as text, that a line
// starting at one of starts would break: starts count runes of the text
// as Layout normalised it (Line.Start).
func BrokenRuns(str string, starts []int) []string {
	var out []string
	offset := 0
	for para := range strings.SplitSeq(lineFeeds.Replace(str), "\n") {
		para = strings.ReplaceAll(norm.NFC.String(para), "\t", " ")
		runes := []rune(para)
		for _, r := range Protected(para) {
			for _, b := range starts {
				if offset+r.Start < b && b < offset+r.End {
					out = append(out, string(runes[r.Start:r.End]))
					break
				}
			}
		}
		offset += len(runes) + 1
	}
	return out
}

// Starts returns where each line of lines starts, for BrokenRuns.
func Starts(lines []Line) []int {
	out := make([]int, len(lines))
	for i, l := range lines {
		out[i] = l.Start
	}
	return out
}
