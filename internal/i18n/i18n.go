// Package i18n is the translators' side of formgen: where each locale
// stands (status), what is wrong in a translation (lint), the German
// source regenerated from forms and templates (extract), worklists of
// what is missing or stale and their merge, XLIFF 1.2 exchange with
// translation tools, and proof PDFs for reviewers. It reads a locales
// folder on disk (OpenDir first completes a write a crash cut short) and
// plans the files to write back in formgen's canonical form; the command
// line writes each plan whole or not at all. Problems of translations are
// problem.Problems, as everywhere in formgen.
package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"formgen/internal/atomicfile"
	"formgen/internal/form"
	"formgen/internal/letter"
	"formgen/internal/locale"
	"formgen/internal/problem"
	"formgen/internal/project"
	"formgen/internal/render"
	"formgen/internal/review"
	"formgen/internal/text"
	"formgen/internal/transcheck"
)

// Workspace is a locales folder with the forms, templates and fonts its
// messages are for.
type Workspace struct {
	Project   *project.Project // what the workspace was opened from
	Dir       string           // the locales folder on disk
	Name      string           // how messages name it, e.g. "locales"
	Catalog   *locale.Catalog
	Forms     *form.Set
	Templates *letter.Set
	Fonts     *text.FontSet
	Engine    *render.Engine
	Common    []string // messages every document may print
	// Glossaries are the fixed terms of each locale
	// (transcheck.LoadGlossaries).
	Glossaries transcheck.Glossaries
}

// Use is one message a form, template or every document prints.
type Use struct {
	ID    string
	Doc   string // form or template id; "" for common messages
	Where string // e.g. `form aufenthaltstitel, section "person", field "name": label`
}

// Uses lists every message the documents print, in the order of the
// German file formgen writes: language and common texts, then each form,
// then each template, each in reading order. An id used in several places
// is listed once, where it is first used.
func (w *Workspace) Uses() []Use {
	var uses []Use
	seen := map[string]bool{}
	add := func(u Use) {
		if !seen[u.ID] {
			seen[u.ID] = true
			uses = append(uses, u)
		}
	}
	for _, id := range w.Common {
		add(Use{ID: id, Where: "every document"})
	}
	for _, f := range w.Forms.Forms {
		for _, m := range f.Messages() {
			where := "form " + f.ID
			if m.Where != "form" {
				where += ", " + m.Where
			}
			add(Use{ID: m.ID, Doc: f.ID, Where: where + ": " + string(m.Kind)})
		}
	}
	for _, t := range w.Templates.Templates {
		for _, id := range t.Messages() {
			add(Use{ID: id, Doc: t.ID, Where: fmt.Sprintf("%s %s", t.Kind, t.ID)})
		}
	}
	return uses
}

// Plan is the files an operation would write, all or none.
type Plan []atomicfile.File

// where says, by message id, where each message is used.
func (w *Workspace) where() map[string]string {
	m := map[string]string{}
	for _, u := range w.Uses() {
		m[u.ID] = u.Where
	}
	return m
}

// translations returns the locales other than German.
func (w *Workspace) translations() []*locale.Locale {
	var out []*locale.Locale
	for _, l := range w.Catalog.Locales {
		if l.Tag != locale.Source {
			out = append(out, l)
		}
	}
	return out
}

// Locale returns the translation with tag, or an error naming those there
// are.
func (w *Workspace) Locale(tag string) (*locale.Locale, error) {
	l, err := w.Catalog.Match(tag)
	if err != nil {
		return nil, err
	}
	if l.Tag == locale.Source {
		return nil, fmt.Errorf("%s is the German source, not a translation", l.Tag)
	}
	return l, nil
}

// review reads the side file of a locale.
func (w *Workspace) review(tag string) (*review.File, error) {
	return review.Read(os.DirFS(w.Dir), w.Name, tag)
}

// LocaleStatus is where one locale stands.
type LocaleStatus struct {
	Tag        string `json:"tag"`
	Name       string `json:"name"`
	Messages   int    `json:"messages"` // German messages
	Translated int    `json:"translated"`
	Missing    int    `json:"missing"`
	Stale      int    `json:"stale"`
	Unreviewed int    `json:"unreviewed"` // translated, current, machine-made or changed outside formgen
	Human      int    `json:"human"`      // current, made by a human translator, not reviewed
	Reviewed   int    `json:"reviewed"`
	// NoteChanged counts current translations whose German description
	// changed since: they keep their state, a translator should look.
	NoteChanged int     `json:"note_changed"`
	Complete    float64 `json:"complete"` // current translations / messages, percent
}

// Status counts, for every translation, its messages by state.
func (w *Workspace) Status() ([]LocaleStatus, error) {
	de := w.Catalog.Source()
	var out []LocaleStatus
	for _, l := range w.translations() {
		rf, err := w.review(l.Tag)
		if err != nil {
			return nil, err
		}
		s := LocaleStatus{Tag: l.Tag, Name: l.Name, Messages: len(de.Entries)}
		for id, e := range de.Entries {
			switch rf.State(id, e, l.Entries[id]) {
			case review.Missing:
				s.Missing++
			case review.Stale:
				s.Stale++
			case review.Unreviewed:
				s.Unreviewed++
			case review.HumanMade:
				s.Human++
			case review.Done:
				s.Reviewed++
			}
			if r := rf.Record(id); r != nil && l.Entries[id] != nil && r.NoteChanged(e) {
				s.NoteChanged++
			}
		}
		s.Translated = s.Messages - s.Missing
		if s.Messages > 0 {
			s.Complete = 100 * float64(s.Unreviewed+s.Human+s.Reviewed) / float64(s.Messages)
		}
		out = append(out, s)
	}
	return out, nil
}

// file is where a locale's file is on disk.
func (w *Workspace) file(tag string) string { return filepath.Join(w.Dir, tag+".toml") }

// germanOrder is the order of the German file's messages, as formgen
// writes it.
func (w *Workspace) germanOrder() []string {
	de := w.Catalog.Source()
	return locale.Sequence(&locale.File{Entries: locale.Ordered(de, locale.Order(de))})
}

// sections names the groups of the files: each form's and template's
// German title, and the shared texts.
func (w *Workspace) sections() map[string]string {
	de := w.Catalog.Source()
	s := map[string]string{"common": "Texte aller Dokumente", "format": "Datum, Uhrzeit und Beträge"}
	for _, f := range w.Forms.Forms {
		if e := de.Entries[form.TitleID(f.ID)]; e != nil {
			s[f.ID] = e.Text()
		}
	}
	for _, t := range w.Templates.Templates {
		if e := de.Entries[letter.TitleID(t.ID)]; e != nil {
			s[t.ID] = e.Text()
		}
	}
	return s
}

// formatLocale returns the canonical file of l with entries.
func (w *Workspace) formatLocale(l *locale.Locale, entries []*locale.Entry) ([]byte, error) {
	src, err := os.ReadFile(w.file(l.Tag))
	if err != nil {
		return nil, err
	}
	return locale.Format(&locale.File{Header: locale.Header(src), Entries: entries, Sections: w.sections()}), nil
}

// german reads the German texts translations were made from.
func (w *Workspace) german() (review.German, error) {
	return review.ReadGerman(os.DirFS(w.Dir), w.Name)
}

// plan returns the files that replace locale l's with entries and its
// status file with rf, and the German texts the status files refer to.
func (w *Workspace) plan(l *locale.Locale, entries []*locale.Entry, rf *review.File) (Plan, error) {
	var p Plan
	if entries != nil {
		src, err := w.formatLocale(l, entries)
		if err != nil {
			return nil, err
		}
		p = append(p, atomicfile.File{Path: w.file(l.Tag), Data: src})
	}
	rf.Upgrade(w.Catalog.Source())
	files := []*review.File{rf}
	for _, o := range w.translations() {
		if o.Tag != l.Tag {
			f, err := w.review(o.Tag)
			if err != nil {
				return nil, err
			}
			files = append(files, f)
		}
	}
	g, err := w.german()
	if err != nil {
		return nil, err
	}
	g.Keep(w.Catalog.Source(), files...)
	p = append(p,
		atomicfile.File{Path: filepath.Join(w.Dir, review.Path(l.Tag)), Data: rf.Bytes()},
		atomicfile.File{Path: filepath.Join(w.Dir, review.GermanPath), Data: g.Bytes()})
	return p, nil
}

// Format returns the files to rewrite so that every locale file is in
// canonical form (messages in the German file's order, each table before
// its sub-tables) and every status file records the German it was made
// from (records from before descriptions were hashed apart upgraded, the
// German texts kept), and the names of the locale files that were not.
func (w *Workspace) Format() ([]string, Plan, error) {
	var changed []string
	var p Plan
	order := w.germanOrder()
	add := func(path string, data []byte) error {
		src, err := os.ReadFile(path)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if string(src) != string(data) {
			rel, _ := filepath.Rel(w.Dir, path)
			changed = append(changed, filepath.Join(w.Name, rel))
			p = append(p, atomicfile.File{Path: path, Data: data})
		}
		return nil
	}
	var files []*review.File
	for _, l := range w.Catalog.Locales {
		out, err := w.formatLocale(l, locale.Ordered(l, order))
		if err != nil {
			return nil, nil, err
		}
		if err := add(w.file(l.Tag), out); err != nil {
			return nil, nil, err
		}
		if l.Tag == locale.Source {
			continue
		}
		rf, err := w.review(l.Tag)
		if err != nil {
			return nil, nil, err
		}
		if len(rf.Records) == 0 {
			continue
		}
		rf.Upgrade(w.Catalog.Source())
		files = append(files, rf)
		if err := add(filepath.Join(w.Dir, review.Path(l.Tag)), rf.Bytes()); err != nil {
			return nil, nil, err
		}
	}
	g, err := w.german()
	if err != nil {
		return nil, nil, err
	}
	g.Keep(w.Catalog.Source(), files...)
	if err := add(filepath.Join(w.Dir, review.GermanPath), g.Bytes()); err != nil {
		return nil, nil, err
	}
	return changed, p, nil
}

// Mark records the state of translations of l: ids, or all it has.
// Marking a translation records it as made from the current German. A
// translation with an error (placeholders, plural forms, template, fonts,
// glossary, numbers, …) cannot be marked reviewed or human: the errors are
// returned and nothing is planned.
func (w *Workspace) Mark(l *locale.Locale, ids []string, state string) (int, Plan, error) {
	rf, err := w.review(l.Tag)
	if err != nil {
		return 0, nil, err
	}
	de := w.Catalog.Source()
	if len(ids) == 0 {
		for id := range l.Entries {
			if de.Entries[id] != nil {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
	}
	var probs problem.Problems
	for _, id := range ids {
		if de.Entries[id] == nil {
			return 0, nil, fmt.Errorf("%s: no German message %q", w.Name+"/de.toml", id)
		}
		if l.Entries[id] == nil {
			return 0, nil, fmt.Errorf("%s: no translation of %q to mark", filepath.Join(w.Name, l.Tag+".toml"), id)
		}
		if state != review.Machine {
			errs, _ := w.unitProblems(l, de.Entries[id], l.Entries[id]).Split()
			probs = append(probs, errs...)
		}
		rf.Set(id, de.Entries[id], l.Entries[id], state)
	}
	if len(probs) > 0 {
		return 0, nil, &MarkError{State: state, Problems: probs}
	}
	rf.Prune(l)
	p, err := w.plan(l, nil, rf)
	return len(ids), p, err
}

// MarkError is a mark refused because translations have errors.
type MarkError struct {
	State    string
	Problems problem.Problems
}

func (e *MarkError) Error() string {
	return fmt.Sprintf("%d errors; nothing marked %s (fix them first):\n%v", len(e.Problems), e.State, e.Problems)
}

// isPlural reports whether a German message has plural forms.
func isPlural(e *locale.Entry) bool { return transcheck.IsPlural(e) }
