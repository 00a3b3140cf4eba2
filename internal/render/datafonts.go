package render

import (
	"fmt"
	"sort"

	"formgen/internal/data"
	"formgen/internal/problem"
	"formgen/internal/text"
)

// CheckDataFonts returns the values of rec that no font of fonts prints,
// as problem.Problems by field path (members[2].name.original) and code
// point, never the value (the message may end up in a log), or nil.
// Rendering calls it before laying anything out, so a shaping error never
// quotes data.
func CheckDataFonts(fonts *text.FontSet, rec data.Record) error {
	var ps problem.Problems
	checkRecord(fonts, "", rec, &ps)
	return ps.Err()
}

func checkRecord(fonts *text.FontSet, prefix string, rec data.Record, ps *problem.Problems) {
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
				*ps = append(*ps, problem.Problem{File: "data", Field: path + p.sub, Msg: (&text.MissingGlyphError{Runes: miss}).Error()})
			}
		}
		for i, row := range v.Rows {
			checkRecord(fonts, fmt.Sprintf("%s[%d]", path, i+1), row, ps)
		}
	}
}
