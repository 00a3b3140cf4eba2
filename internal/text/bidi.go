package text

import "golang.org/x/text/unicode/bidi"

// HasRTL reports whether s holds a letter or digit of a right-to-left
// script (bidi classes R, AL and AN): a text without one reads the same
// laid out left to right.
func HasRTL(s string) bool {
	for _, r := range s {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.R, bidi.AL, bidi.AN:
			return true
		}
	}
	return false
}
