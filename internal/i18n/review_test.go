package i18n

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"formgen/internal/locale"
	"formgen/internal/review"
	"formgen/internal/testtool"
)

// TestDescriptionChange: a change to a German description alone keeps a
// translation current and reviewed, and flags it; a change to the text
// makes it stale.
func TestDescriptionChange(t *testing.T) {
	dir := fixture(t)
	edit(t, filepath.Join(dir, "locales", "uk.toml"), `[mini.count]
one =`, `[mini.count]
few = "{{.Count}} документи додано"
many = "{{.Count}} документів додано"
one =`)
	w := open(t, dir)
	uk := w.Catalog.Get("uk")
	_, p, err := w.Mark(uk, []string{"mini.count", "mini.title"}, review.Reviewed)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, p)
	edit(t, filepath.Join(dir, "locales", "de.toml"), `description = "How many documents are enclosed.`, `description = "The number of documents enclosed.`)
	w = open(t, dir)
	s := status(t, w, "uk")
	if s.Reviewed != 2 || s.Stale != 0 || s.NoteChanged != 1 {
		t.Errorf("after a description change: %+v, want 2 reviewed, 0 stale, 1 note changed", s)
	}
	x := string(export(t, w, "uk"))
	if !strings.Contains(x, "The description of the German has changed since this translation was made") {
		t.Error("the export does not flag the changed description")
	}
	edit(t, filepath.Join(dir, "locales", "de.toml"), `title = "Kurzantrag"`, `title = "Kurzer Antrag"`)
	if s := status(t, open(t, dir), "uk"); s.Reviewed != 1 || s.Stale != 1 {
		t.Errorf("after a text change: %+v, want 1 reviewed, 1 stale", s)
	}
}

// TestLegacyRecords: records written before descriptions were hashed
// apart stay current until the German changes, and formgen i18n fmt
// upgrades them.
func TestLegacyRecords(t *testing.T) {
	dir := fixture(t)
	w := open(t, dir)
	uk := w.Catalog.Get("uk")
	rf, err := w.review("uk")
	if err != nil {
		t.Fatal(err)
	}
	de := w.Catalog.Source()
	for id, e := range uk.Entries {
		if src := de.Entries[id]; src != nil {
			rf.Records[id] = review.Record{Source: locale.SourceHash(src), Text: review.TextHash(e), State: review.Reviewed}
		}
	}
	// written as formgen wrote status files then: no note
	var b strings.Builder
	for id, r := range rf.Records {
		fmt.Fprintf(&b, "%q = { source = %q, text = %q, state = %q }\n", id, r.Source, r.Text, r.State)
	}
	write(t, w, Plan{{Path: filepath.Join(w.Dir, review.Path("uk")), Data: []byte(b.String())}})
	w = open(t, dir)
	if s := status(t, w, "uk"); s.Reviewed != 29 || s.Stale != 0 {
		t.Fatalf("legacy records: %+v, want 29 reviewed", s)
	}
	changed, p, err := w.Format()
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, p)
	if !strings.Contains(strings.Join(changed, " "), "status/uk.toml") {
		t.Errorf("fmt did not upgrade status/uk.toml: %v", changed)
	}
	edit(t, filepath.Join(dir, "locales", "de.toml"), `description = "How many documents are enclosed.`, `description = "The number of documents enclosed.`)
	if s := status(t, open(t, dir), "uk"); s.Reviewed != 29 || s.NoteChanged != 1 {
		t.Errorf("upgraded records after a description change: %+v", s)
	}
}

// TestPreviousGerman: a stale translation is shown with the German it
// translates, in worklists, exports and proofs; the proof labels each
// plural form with a number it is used for.
func TestPreviousGerman(t *testing.T) {
	dir := fixture(t)
	w := open(t, dir)
	mark(t, w, w.Catalog.Get("uk"), review.Machine)
	edit(t, filepath.Join(dir, "locales", "de.toml"), `title = "Kurzantrag"`, `title = "Kurzer Antrag"`)
	edit(t, filepath.Join(dir, "locales", "de.toml"), `one = "{{.Count}} Unterlage beigefügt"`, `one = "{{.Count}} Unterlage liegt bei"`)
	w = open(t, dir)
	uk := w.Catalog.Get("uk")
	wl, _, err := w.Worklist(context.Background(), 2, uk)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"[message.previous_german]\nother = \"Kurzantrag\"", "[message.previous_german]\none = \"{{.Count}} Unterlage beigefügt\"", `few = ""  # e.g. 2`, `many = ""  # e.g. 0`} {
		if !strings.Contains(string(wl), want) {
			t.Errorf("worklist lacks %q", want)
		}
	}
	x := string(export(t, w, "uk"))
	if !regexp.MustCompile(`<alt-trans alttranstype="previous-version">\s*<source xml:lang="de">Kurzantrag</source>`).MatchString(x) {
		t.Error("export lacks the previous German of mini.title")
	}
	res, err := w.Proof(uk, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	txt := testtool.Text(t, testtool.WritePDF(t, res.PDF))
	for _, want := range []string{"previous German", "Kurzantrag", "few (2)", "many (0)"} {
		if !strings.Contains(txt, want) {
			t.Errorf("proof lacks %q", want)
		}
	}
}
