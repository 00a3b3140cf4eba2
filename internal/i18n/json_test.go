package i18n

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"formgen/internal/atomicfile"
	"formgen/internal/locale"
	"formgen/internal/review"
)

// exportJSON writes the go-i18n v2 JSON of tag (and its record) into out.
func exportJSON(t *testing.T, w *Workspace, tag, out string) string {
	t.Helper()
	file := filepath.Join(out, tag+".json")
	p, err := w.ExportJSON(w.Catalog.Get(tag), file)
	if err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.WriteSet(out, p); err != nil {
		t.Fatal(err)
	}
	return file
}

func importJSON(t *testing.T, w *Workspace, file string, opt ImportOptions) (*Imported, Plan, error) {
	t.Helper()
	rec, err := os.ReadFile(RecordPath(file))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	return w.ImportJSON(file, f, rec, opt)
}

// TestJSONRoundTrip: for every shipped locale, the go-i18n v2 JSON export
// is read by go-i18n itself with exactly the messages of the locale file
// (descriptions in the German one), and imported unchanged it changes
// nothing: the round trip loses nothing.
func TestJSONRoundTrip(t *testing.T) {
	w := open(t, filepath.Join("..", ".."))
	out := t.TempDir()
	for _, l := range w.Catalog.Locales {
		file := exportJSON(t, w, l.Tag, out)
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		b := i18n.NewBundle(language.German)
		mf, err := b.ParseMessageFileBytes(src, file)
		if err != nil {
			t.Fatalf("%s: go-i18n cannot read it: %v", l.Tag, err)
		}
		if len(mf.Messages) != len(l.Entries) {
			t.Errorf("%s: %d messages, the locale has %d", l.Tag, len(mf.Messages), len(l.Entries))
		}
		for _, m := range mf.Messages {
			e := l.Entries[m.ID]
			if e == nil {
				t.Errorf("%s: %s not in the locale", l.Tag, m.ID)
				continue
			}
			got := map[string]string{}
			for cat, s := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
				if s != "" {
					got[cat] = s
				}
			}
			if !mapsEqual(got, e.Forms) {
				t.Errorf("%s %s: %q, the locale has %q", l.Tag, m.ID, got, e.Forms)
			}
			if want := map[bool]string{true: e.Description}[l.Tag == locale.Source]; m.Description != want {
				t.Errorf("%s %s: description %q, want %q", l.Tag, m.ID, m.Description, want)
			}
		}
		if l.Tag == locale.Source {
			continue
		}
		res, plan, err := importJSON(t, w, file, ImportOptions{})
		if err != nil || len(plan) != 0 || len(res.Updated)+len(res.Reviewed)+len(res.Removed) != 0 {
			t.Errorf("%s: unchanged import: %+v, %d files, %v", l.Tag, res, len(plan), err)
		}
	}
}

// TestJSONImport: Weblate's edits come back with the safety of an XLIFF
// import: a changed and a new translation are taken; an old file after a
// newer import, an emptied translation, a plural form without its
// placeholder and a file renamed to another locale are refused.
func TestJSONImport(t *testing.T) {
	dir := fixture(t)
	w := open(t, dir)
	mark(t, w, w.Catalog.Get("uk"), review.Machine)
	w = open(t, dir)
	out := t.TempDir()
	file := exportJSON(t, w, "uk", out)
	orig, _ := os.ReadFile(file)
	origRec, _ := os.ReadFile(RecordPath(file))
	set := func(s string) {
		if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Weblate writes the translation back, one new, one changed, the
	// plural forms complete
	ed := strings.Replace(string(orig), `"mini.title": "Коротка заява"`, `"mini.title": "Коротка заява (Weblate)",
  "mini.person.name.hint": "як у паспорті"`, 1)
	ed = strings.Replace(ed, `"one": "{{.Count}} документ додано",`, `"one": "{{.Count}} документ додано",
    "few": "{{.Count}} документи додано",
    "many": "{{.Count}} документів додано",`, 1)
	set(ed)
	res, plan, err := importJSON(t, w, file, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, plan)
	if want := []string{"mini.count", "mini.person.name.hint", "mini.title"}; !slices.Equal(res.Updated, want) {
		t.Errorf("updated %v, want %v", res.Updated, want)
	}
	w = open(t, dir)
	if s := status(t, w, "uk"); s.Missing != 0 || s.Human != 3 {
		t.Errorf("after the import: %+v", s)
	}
	file = exportJSON(t, w, "uk", out) // the file Weblate has after the sync
	synced, _ := os.ReadFile(file)
	syncedRec, _ := os.ReadFile(RecordPath(file))
	checkJSONRefusals(t, dir, file, jsonExport{orig, origRec}, jsonExport{synced, syncedRec})
	checkOtherJSONFiles(t, dir, out, synced, syncedRec)
}

// jsonExport is a JSON file as exported, and its export record.
type jsonExport struct{ file, record []byte }

// checkJSONRefusals checks that an import of the JSON file of
// TestJSONImport is refused, nothing written, for the first export
// edited after a newer import (old) and for a translation emptied or a
// placeholder dropped in the export after that import (synced).
func checkJSONRefusals(t *testing.T, dir, file string, old, synced jsonExport) {
	t.Helper()
	orig, origRec, ed2, rec2 := old.file, old.record, synced.file, synced.record
	before := filesOf(t, dir)
	for _, c := range []struct {
		name, file, err string
		rec             []byte
	}{
		{"the old file again", strings.Replace(string(orig), `"mini.title": "Коротка заява"`, `"mini.title": "Коротка заява (стара)"`, 1), "mini.title: the translation in locales/uk.toml has changed since the export", origRec},
		{"an emptied translation", strings.Replace(string(ed2), `"mini.title": "Коротка заява (Weblate)"`, `"mini.title": ""`, 1), "mini.title: the translation was emptied: it stays", rec2},
		{"a placeholder dropped from a plural form", strings.Replace(string(ed2), `"many": "{{.Count}} документів додано"`, `"many": "багато документів додано"`, 1), "placeholders none in this form, the German has {{.Count}} (many)", rec2},
	} {
		if err := os.WriteFile(file, []byte(c.file), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(RecordPath(file), c.rec, 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, err := importJSON(t, open(t, dir), file, ImportOptions{})
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.err)
		}
		if filesOf(t, dir) != before {
			t.Errorf("%s: a refused import changed the files", c.name)
		}
	}
}

// checkOtherJSONFiles checks JSON files of other names: goi18n merge's
// active.uk.json, with go-i18n's hashes, is read with the record of the
// file it was made from (ed2, rec2); the file renamed for another locale
// is refused.
func checkOtherJSONFiles(t *testing.T, dir, out string, ed2, rec2 []byte) {
	t.Helper()
	active := filepath.Join(out, "active.uk.json")
	goi18n := strings.Replace(string(ed2), `"mini.title": "Коротка заява (Weblate)"`, `"mini.title": {
    "hash": "sha1-0123456789abcdef0123456789abcdef01234567",
    "other": "Коротка заява (goi18n)"
  }`, 1)
	if err := os.WriteFile(active, []byte(goi18n), 0o644); err != nil {
		t.Fatal(err)
	}
	fa, _ := os.Open(active)
	defer func() { _ = fa.Close() }()
	w := open(t, dir)
	res, plan, err := w.ImportJSON(active, fa, rec2, ImportOptions{})
	if err != nil || !slices.Equal(res.Updated, []string{"mini.title"}) {
		t.Errorf("goi18n's active.uk.json: %+v, %v", res, err)
	}
	write(t, w, plan)
	// renamed to another locale's file: its record says uk
	ar := filepath.Join(out, "ar.json")
	if err := os.WriteFile(ar, ed2, 0o644); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(ar)
	defer func() { _ = f.Close() }()
	if _, _, err := open(t, dir).ImportJSON(ar, f, rec2, ImportOptions{}); err == nil || !strings.Contains(err.Error(), `named for "ar", its export record is for uk`) {
		t.Errorf("renamed file: err = %v", err)
	}
}
