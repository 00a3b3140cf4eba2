package locale

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// File is the content of a locale file as formgen writes it.
type File struct {
	Header  string   // comment lines at the top, "# " included
	Entries []*Entry // in the order to write them
	// Sections names the top-level groups of messages (a form's or a
	// template's id) for a comment line before each; those not named get
	// none.
	Sections map[string]string
}

// Format writes a locale file in formgen's canonical form: the header,
// then each table once, in the order of its first message. A message with
// only "other" and no description is a key of its parent's table
// (`title = "…"`); any other is a table of its own with description and
// plural forms. The result is a go-i18n v2 TOML message file.
func Format(f *File) []byte {
	b, _ := format(f)
	return b
}

// Sequence returns the ids of f's entries in the order Format writes them.
func Sequence(f *File) []string {
	_, ids := format(f)
	return ids
}

func format(f *File) ([]byte, []string) {
	tables, byName := fileTables(f)
	var b bytes.Buffer
	if h := strings.TrimRight(f.Header, "\n"); h != "" {
		b.WriteString(h)
		b.WriteString("\n")
	}
	var seq []string
	section := ""
	for _, t := range parentsFirst(tables, byName) {
		seq = append(seq, t.ids...)
		top, _, _ := strings.Cut(t.name, ".")
		if top != section {
			section = top
			if title, ok := f.Sections[top]; ok {
				b.WriteString("\n# " + strings.Repeat("-", 75) + "\n# " + title + "\n")
			}
		}
		b.WriteString("\n[" + tableName(t.name) + "]\n")
		for _, l := range t.lines {
			b.WriteString(l + "\n")
		}
	}
	return b.Bytes(), seq
}

// table is a TOML table of a locale file as Format writes it.
type table struct {
	name  string
	lines []string
	ids   []string
}

// fileTables returns the tables of f's entries in the order of their
// first message, and by name.
func fileTables(f *File) ([]*table, map[string]*table) {
	ids := map[string]bool{}
	for _, e := range f.Entries {
		ids[e.ID] = true
	}
	// a message that is also the parent of another must be a table
	parent := map[string]bool{}
	for id := range ids {
		for i := strings.LastIndexByte(id, '.'); i > 0; i = strings.LastIndexByte(id[:i], '.') {
			parent[id[:i]] = true
		}
	}
	var tables []*table
	byName := map[string]*table{}
	add := func(name, line, id string) {
		t := byName[name]
		if t == nil {
			t = &table{name: name}
			byName[name] = t
			tables = append(tables, t)
		}
		t.lines = append(t.lines, line)
		if !slices.Contains(t.ids, id) {
			t.ids = append(t.ids, id)
		}
	}
	for _, e := range f.Entries {
		simple := e.Description == "" && len(e.Forms) == 1 && e.Forms["other"] != "" && !parent[e.ID]
		if i := strings.LastIndexByte(e.ID, '.'); simple && i > 0 {
			add(e.ID[:i], key(e.ID[i+1:])+" = "+Quote(e.Forms["other"]), e.ID)
			continue
		}
		if e.Description != "" {
			add(e.ID, "description = "+Quote(e.Description), e.ID)
		}
		for _, cat := range PluralCategories {
			if s, ok := e.Forms[cat]; ok {
				add(e.ID, cat+" = "+Quote(s), e.ID)
			}
		}
	}
	return tables, byName
}

// parentsFirst orders tables so that a table comes before its sub-tables:
// readers that keep tables in order (Weblate's) cannot go back to a
// parent once a child is open.
func parentsFirst(tables []*table, byName map[string]*table) []*table {
	var ordered []*table
	done := map[string]bool{}
	var emit func(t *table)
	emit = func(t *table) {
		if done[t.name] {
			return
		}
		done[t.name] = true
		for i := strings.IndexByte(t.name, '.'); i > 0; i = next(t.name, i) {
			if p := byName[t.name[:i]]; p != nil {
				emit(p)
			}
		}
		ordered = append(ordered, t)
	}
	for _, t := range tables {
		emit(t)
	}
	return ordered
}

// next returns the index of the next dot in name after i, or -1.
func next(name string, i int) int {
	if j := strings.IndexByte(name[i+1:], '.'); j >= 0 {
		return i + 1 + j
	}
	return -1
}

// Header returns the comment lines at the top of a file.
func Header(src []byte) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(string(src), "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		b.WriteString(line)
	}
	return b.String()
}

func tableName(id string) string {
	parts := strings.Split(id, ".")
	for i, p := range parts {
		parts[i] = key(p)
	}
	return strings.Join(parts, ".")
}

// key writes a TOML key: bare when it can be.
func key(k string) string {
	if k != "" && strings.IndexFunc(k, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) < 0 {
		return k
	}
	return Quote(k)
}

// Quote writes s as a TOML basic string; invisible characters (controls,
// format characters, no-break spaces) as escapes, so a reviewer sees them.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u00a0' || r == '\u202f' || r == '\u2028' || r == '\u2029':
			if r > 0xffff {
				fmt.Fprintf(&b, `\U%08X`, r)
			} else {
				fmt.Fprintf(&b, `\u%04X`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Ordered returns the entries of l in the order of the ids in order (the
// German file's), then those order lacks, sorted.
func Ordered(l *Locale, order []string) []*Entry {
	var out []*Entry
	seen := map[string]bool{}
	for _, id := range order {
		if e := l.Entries[id]; e != nil && !seen[id] {
			out = append(out, e)
			seen[id] = true
		}
	}
	var rest []string
	for id := range l.Entries {
		if !seen[id] {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	for _, id := range rest {
		out = append(out, l.Entries[id])
	}
	return out
}

// Order returns the ids of l in the order they stand in its file.
func Order(l *Locale) []string {
	ids := make([]string, 0, len(l.Entries))
	for id := range l.Entries {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		if d := l.Entries[a].Line - l.Entries[b].Line; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return ids
}
