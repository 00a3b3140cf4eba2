package data

import "unicode"

// notLatin returns the first character of s that a German register would
// not accept (DIN 91379, String.Latin+, roughly: Latin letters with their
// diacritics, digits 0–9, spaces and common punctuation), and false; or
// true when there is none.
func notLatin(s string) (rune, bool) {
	for _, r := range s {
		if !latin(r) {
			return r, false
		}
	}
	return 0, true
}

// latin reports whether a German register accepts the character r.
func latin(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 0x20 || r == '\n' || r == '\t'
	case unicode.In(r, unicode.Latin):
	case unicode.Is(unicode.Mn, r) && r < 0x0370: // combining diacritical marks
	case unicode.IsSpace(r):
	case (unicode.IsPunct(r) || unicode.IsSymbol(r)) && (r < 0x0250 || r >= 0x2000 && r < 0x2070 || r == 0x20AC):
	default:
		return false
	}
	return true
}
