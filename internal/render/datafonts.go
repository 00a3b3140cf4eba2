package render

import (
	"fmt"
	"sort"
	"strings"

	"formgen/internal/data"
	"formgen/internal/text"
)

// DataFontError is a value of a person's data with characters no font
// prints. It names the field path and the code points, never the value:
// the message may end up in a log.
type DataFontError struct {
	Path  string
	Runes []rune
}

func (e *DataFontError) Error() string {
	return fmt.Sprintf("data %s: %v", e.Path, &text.MissingGlyphError{Runes: e.Runes})
}

// DataFontErrors lists every value of a record no font can print.
type DataFontErrors []*DataFontError

func (es DataFontErrors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// CheckDataFonts returns the values of rec that no font of fonts prints,
// by field path (members[2].name.original), or nil. Rendering calls it
// before laying anything out, so a shaping error never quotes data.
func CheckDataFonts(fonts *text.FontSet, rec data.Record) error {
	var es DataFontErrors
	checkRecord(fonts, "", rec, &es)
	if len(es) == 0 {
		return nil
	}
	return es
}

func checkRecord(fonts *text.FontSet, prefix string, rec data.Record, es *DataFontErrors) {
	keys := make([]string, 0, len(rec))
	for k := range rec {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := rec[k]
		if v == nil {
			continue
		}
		path := k
		if prefix != "" {
			path = prefix + "." + k
		}
		for _, p := range []struct{ sub, s string }{{"", v.Text}, {".original", v.Original}} {
			if miss := fonts.Uncovered(p.s); len(miss) > 0 {
				*es = append(*es, &DataFontError{Path: path + p.sub, Runes: miss})
			}
		}
		for i, row := range v.Rows {
			checkRecord(fonts, fmt.Sprintf("%s[%d]", path, i+1), row, es)
		}
	}
}
