package project

import (
	"fmt"
	"time"
)

// maxEpoch is the last second of the year 9999: a PDF date has four
// digits for the year.
const maxEpoch = 253402300799

// ParseEpoch reads SOURCE_DATE_EPOCH (reproducible-builds.org): a whole,
// non-negative number of seconds since 1970-01-01 UTC, in decimal digits
// only. "" is not set (ok false). This is formgen's only reader of it.
func ParseEpoch(s string) (t time.Time, ok bool, err error) {
	if s == "" {
		return time.Time{}, false, nil
	}
	bad := func(why string) error {
		return fmt.Errorf("SOURCE_DATE_EPOCH=%q: %s (want whole seconds since 1970-01-01 UTC, such as 1767225600)", s, why)
	}
	var sec int64
	for _, c := range s {
		switch {
		case c == '-' && sec == 0:
			return time.Time{}, false, bad("negative or not a number")
		case c < '0' || c > '9':
			return time.Time{}, false, bad("not a whole number of seconds")
		}
		sec = sec*10 + int64(c-'0')
		if sec > maxEpoch {
			return time.Time{}, false, bad("after the year 9999")
		}
	}
	return time.Unix(sec, 0).UTC(), true, nil
}
