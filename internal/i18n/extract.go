package i18n

import (
	"os"
	"path/filepath"
	"slices"

	"formgen/internal/locale"
)

// Extracted is what extract found.
type Extracted struct {
	File    string   // the German file
	Added   []string // messages the documents use that German lacked (written empty)
	Dropped []string // messages no document uses (left out)
	Changed bool     // the file differs from what is on disk
}

// Extract regenerates the German file from the forms and templates: every
// message they print, in their order, with the German texts and
// descriptions the file has. A message new to it is written with an empty
// text, which check reports until someone writes the German; one no
// document uses is left out. It returns the file to write when it
// changed.
func (w *Workspace) Extract() (*Extracted, Plan, error) {
	de := w.Catalog.Source()
	x := &Extracted{File: filepath.Join(w.Name, locale.Source+".toml")}
	var entries []*locale.Entry
	used := map[string]bool{}
	for _, u := range w.Uses() {
		used[u.ID] = true
		if e := de.Entries[u.ID]; e != nil {
			entries = append(entries, e)
			continue
		}
		x.Added = append(x.Added, u.ID)
		entries = append(entries, &locale.Entry{ID: u.ID, Forms: map[string]string{"other": ""}})
	}
	for id := range de.Entries {
		if !used[id] {
			x.Dropped = append(x.Dropped, id)
		}
	}
	slices.Sort(x.Dropped)
	path := w.file(locale.Source)
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	out := locale.Format(&locale.File{Header: locale.Header(src), Entries: entries, Sections: w.sections()})
	x.Changed = string(out) != string(src)
	if !x.Changed {
		return x, nil, nil
	}
	return x, Plan{{Path: path, Data: out}}, nil
}
