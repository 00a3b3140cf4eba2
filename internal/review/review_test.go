package review

import (
	"strings"
	"testing"
	"testing/fstest"

	"formgen/internal/locale"
)

func entry(id, other, desc string) *locale.Entry {
	return &locale.Entry{ID: id, Description: desc, Forms: map[string]string{"other": other}}
}

// TestStates: a translation goes from missing to unreviewed, human and
// reviewed as it is recorded, is stale when its German changes, and is
// unreviewed again when its text changes outside formgen.
func TestStates(t *testing.T) {
	de := entry("a", "Antrag", "")
	tr := entry("a", "Заява", "")
	f := &File{Tag: "uk", Records: map[string]Record{}}
	if s := f.State("a", de, nil); s != Missing {
		t.Errorf("no translation: %v", s)
	}
	if s := f.State("a", de, tr); s != Unreviewed {
		t.Errorf("no record: %v", s)
	}
	for state, want := range map[string]State{Machine: Unreviewed, Human: HumanMade, Reviewed: Done} {
		f.Set("a", de, tr, state)
		if s := f.State("a", de, tr); s != want {
			t.Errorf("recorded %s: %v, want %v", state, s, want)
		}
	}
	if s := f.State("a", entry("a", "Antrag neu", ""), tr); s != Stale {
		t.Errorf("German changed: %v, want stale", s)
	}
	if r := f.Record("a"); r == nil || !r.NoteChanged(entry("a", "Antrag", "a new note")) || r.NoteChanged(de) {
		t.Error("a changed description alone is not noticed")
	}
	if s := f.State("a", de, entry("a", "Заява (змінено)", "")); s != Unreviewed {
		t.Errorf("text changed outside formgen: %v, want unreviewed", s)
	}
	f.SetStale("a", "sha256:old", de, tr, Reviewed, "kept: the change was a typo")
	if s := f.State("a", de, tr); s != Stale {
		t.Errorf("kept stale: %v", s)
	}
	f.Prune(&locale.Locale{Entries: map[string]*locale.Entry{}})
	if f.Record("a") != nil {
		t.Error("Prune kept the record of a message the locale lacks")
	}
}

// TestReadWrite: a side file reads back what it wrote; a broken one is an
// error naming the file.
func TestReadWrite(t *testing.T) {
	de, tr := entry("x.title", "Antrag", "d"), entry("x.title", "Заява", "")
	f := &File{Tag: "uk", Records: map[string]Record{}}
	f.Set("x.title", de, tr, Reviewed)
	f.SetStale("y", "sha256:1", de, tr, Machine, "why \"quoted\"")
	fsys := fstest.MapFS{Path("uk"): {Data: f.Bytes()}}
	g, err := Read(fsys, "locales", "uk")
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Records) != 2 || g.Records["x.title"] != f.Records["x.title"] || g.Records["y"] != f.Records["y"] {
		t.Errorf("read back %+v, want %+v", g.Records, f.Records)
	}
	if e, err := Read(fsys, "locales", "ar"); err != nil || len(e.Records) != 0 {
		t.Errorf("a missing side file: %v, %v", e, err)
	}
	for src, want := range map[string]string{
		`"a" = { source = "s", text = "t", state = "done" }`:               `state "done"`,
		`"a" = { source = "s", text = "t", state = "machine", who = "x" }`: `unknown key "a.who"`,
		`"a" = {`: `locales/status/uk.toml`,
	} {
		_, err := Read(fstest.MapFS{Path("uk"): {Data: []byte(src)}}, "locales", "uk")
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "locales/status/uk.toml") {
			t.Errorf("%s: err = %v, want one naming the file and %q", src, err, want)
		}
	}
}
