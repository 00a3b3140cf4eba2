package locale

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// tablesInOrder reports the first table written after one of its
// sub-tables: what a TOML reader that keeps tables in order (Weblate's)
// cannot read.
func tablesInOrder(src string) string {
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\[([^\]]+)\]$`).FindAllStringSubmatch(src, -1) {
		name := m[1]
		for s := range seen {
			if strings.HasPrefix(s, name+".") {
				return name + " after " + s
			}
		}
		seen[name] = true
	}
	return ""
}

// TestTableBeforeSubTables: a table is written before its sub-tables,
// whatever the order of the messages, and in every shipped locale file.
func TestTableBeforeSubTables(t *testing.T) {
	src := string(Format(&File{Entries: []*Entry{
		{ID: "common.when.is", Description: "d", Forms: map[string]string{"other": "a"}},
		{ID: "common.when.is_not", Forms: map[string]string{"other": "b", "one": "c"}},
		{ID: "common.when.or", Forms: map[string]string{"other": "oder"}},
	}}))
	if bad := tablesInOrder(src); bad != "" || !strings.Contains(src, "[common.when]\nor = \"oder\"\n\n[common.when.is]") {
		t.Errorf("%s:\n%s", bad, src)
	}
	seq := Sequence(&File{Entries: []*Entry{
		{ID: "common.when.is", Forms: map[string]string{"other": "a", "one": "b"}},
		{ID: "common.when.or", Forms: map[string]string{"other": "oder"}},
	}})
	if strings.Join(seq, " ") != "common.when.or common.when.is" {
		t.Errorf("sequence %v", seq)
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "locales", "*.toml"))
	if len(files) < 16 {
		t.Fatalf("%d locale files", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bad := tablesInOrder(string(b)); bad != "" {
			t.Errorf("%s: [%s]", f, bad)
		}
	}
}
