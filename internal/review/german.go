package review

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"

	"github.com/BurntSushi/toml"

	"formgen/internal/locale"
)

// GermanPath is the file of German texts translations were made from,
// inside the locales folder.
var GermanPath = path.Join(Dir, "german.toml")

// German keeps the German texts that translations were made from, by
// locale.FormsHash: what a stale translation translates.
type German map[string]map[string]string // hash -> plural category -> text

// ReadGerman reads the German texts of a locales folder; a missing file
// is an empty one.
func ReadGerman(fsys fs.FS, prefix string) (German, error) {
	g := German{}
	src, err := fs.ReadFile(fsys, GermanPath)
	if errors.Is(err, fs.ErrNotExist) {
		return g, nil
	}
	if err != nil {
		return nil, err
	}
	if _, err := toml.Decode(string(src), &g); err != nil {
		return nil, fmt.Errorf("%s: %w", path.Join(prefix, GermanPath), err)
	}
	for h, forms := range g {
		for cat := range forms {
			if !slices.Contains(locale.PluralCategories, cat) {
				return nil, fmt.Errorf("%s: %q: %q is not a plural category", path.Join(prefix, GermanPath), h, cat)
			}
		}
	}
	return g, nil
}

// Keep makes g hold exactly the German texts the records of files were
// made from: those of the current German de it can find, and those it
// already had.
func (g German) Keep(de *locale.Locale, files ...*File) {
	current := map[string]map[string]string{}
	for _, e := range de.Entries {
		current[locale.FormsHash(e)] = e.Forms
	}
	used := map[string]bool{}
	for _, f := range files {
		for _, r := range f.Records {
			if r.Note == "" {
				continue // an old record's hash covers the description too
			}
			used[r.Source] = true
			if forms, ok := current[r.Source]; ok {
				g[r.Source] = forms
			}
		}
	}
	for h := range g {
		if !used[h] {
			delete(g, h)
		}
	}
}

// Bytes writes the file, sorted by hash.
func (g German) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString(`# German texts the translations were made from, by hash (kept by formgen
# i18n; do not edit): worklists, exports and proofs show a stale
# translation with the German it translates.
`)
	hashes := make([]string, 0, len(g))
	for h := range g {
		hashes = append(hashes, h)
	}
	slices.Sort(hashes)
	for _, h := range hashes {
		fmt.Fprintf(&b, "\n[%q]\n", h)
		for _, cat := range locale.PluralCategories {
			if s, ok := g[h][cat]; ok {
				fmt.Fprintf(&b, "%s = %s\n", cat, locale.Quote(s))
			}
		}
	}
	return b.Bytes()
}

// Previous returns the German text a stale record was made from, or nil
// when it is not known.
func (g German) Previous(r *Record) map[string]string {
	if r == nil {
		return nil
	}
	return g[r.Source]
}
