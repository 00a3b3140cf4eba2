package project

import (
	"strconv"
	"testing"
)

// FuzzParseEpoch: SOURCE_DATE_EPOCH is whole decimal seconds from 0 to
// the end of the year 9999, or an error; nothing else is read as a date.
func FuzzParseEpoch(f *testing.F) {
	for _, s := range []string{"0", "1767225600", "99999999999999", "1.5", "-1", "12abc", " 1", "+1", "٣", "253402300799", "253402300800"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, ok, err := ParseEpoch(s)
		n, perr := strconv.ParseUint(s, 10, 64)
		want := s != "" && perr == nil && n <= maxEpoch
		switch {
		case s == "" && (ok || err != nil):
			t.Fatalf("empty: %v %v", ok, err)
		case want && (err != nil || !ok || tm.Unix() != int64(n)):
			t.Fatalf("%q: %v %v %v", s, tm, ok, err)
		case !want && s != "" && (err == nil || ok):
			t.Fatalf("%q accepted as %v", s, tm)
		}
	})
}
