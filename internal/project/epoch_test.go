package project

import (
	"strings"
	"testing"
	"time"
)

func TestParseEpoch(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Time
		ok   bool
		err  string
	}{
		{"", time.Time{}, false, ""},
		{"0", time.Unix(0, 0).UTC(), true, ""},
		{"1767225600", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), true, ""},
		{"253402300799", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), true, ""},
		{"253402300800", time.Time{}, false, "after the year 9999"},
		{"99999999999999", time.Time{}, false, "after the year 9999"},
		{"999999999999999999999999", time.Time{}, false, "after the year 9999"},
		{"1.5", time.Time{}, false, "not a whole number"},
		{"-1", time.Time{}, false, "negative"},
		{"12abc", time.Time{}, false, "not a whole number"},
		{" 12", time.Time{}, false, "not a whole number"},
		{"+12", time.Time{}, false, "not a whole number"},
		{"1e9", time.Time{}, false, "not a whole number"},
	} {
		got, ok, err := ParseEpoch(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
				t.Errorf("ParseEpoch(%q) = %v, %v; want error with %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || ok != tc.ok || !got.Equal(tc.want) {
			t.Errorf("ParseEpoch(%q) = %v, %v, %v; want %v, %v", tc.in, got, ok, err, tc.want, tc.ok)
		}
	}
}
