// Package i18n is the translators' side of formgen: where each locale
// stands (status), what is wrong in a translation (lint), the German
// source regenerated from forms and templates (extract), worklists of
// what is missing or stale and their merge, XLIFF 1.2 exchange with
// translation tools, and proof PDFs for reviewers. It reads a locales
// folder on disk and writes the files back in formgen's canonical form.
package i18n

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"formgen/internal/atomicfile"
	"formgen/internal/form"
	"formgen/internal/letter"
	"formgen/internal/locale"
	"formgen/internal/render"
	"formgen/internal/review"
	"formgen/internal/text"
)

// Workspace is a locales folder with the forms, templates and fonts its
// messages are for.
type Workspace struct {
	Dir       string // the locales folder on disk
	Name      string // how messages name it, e.g. "locales"
	Catalog   *locale.Catalog
	Forms     *form.Set
	Templates *letter.Set
	Fonts     *text.FontSet
	Engine    *render.Engine
	Common    []string // messages every document may print
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
	Tag        string  `json:"tag"`
	Name       string  `json:"name"`
	Messages   int     `json:"messages"` // German messages
	Translated int     `json:"translated"`
	Missing    int     `json:"missing"`
	Stale      int     `json:"stale"`
	Unreviewed int     `json:"unreviewed"` // translated, current, not reviewed by a human
	Reviewed   int     `json:"reviewed"`
	Complete   float64 `json:"complete"` // current translations / messages, percent
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
			case review.Done:
				s.Reviewed++
			}
		}
		s.Translated = s.Messages - s.Missing
		if s.Messages > 0 {
			s.Complete = 100 * float64(s.Unreviewed+s.Reviewed) / float64(s.Messages)
		}
		out = append(out, s)
	}
	return out, nil
}

// file is where a locale's file is on disk.
func (w *Workspace) file(tag string) string { return filepath.Join(w.Dir, tag+".toml") }

// germanOrder is the order of the German file's messages.
func (w *Workspace) germanOrder() []string { return locale.Order(w.Catalog.Source()) }

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

// save writes the locale file of l with entries, and its side file.
func (w *Workspace) save(l *locale.Locale, entries []*locale.Entry, rf *review.File) error {
	src, err := w.formatLocale(l, entries)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(w.file(l.Tag), src, 0o644); err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(w.Dir, review.Path(l.Tag)), rf.Bytes(), 0o644)
}

// Format rewrites every locale file in canonical form (messages in the
// German file's order, each table once) and reports the files that were
// not; with check, it only reports them.
func (w *Workspace) Format(check bool) ([]string, error) {
	var changed []string
	order := w.germanOrder()
	for _, l := range w.Catalog.Locales {
		src, err := os.ReadFile(w.file(l.Tag))
		if err != nil {
			return nil, err
		}
		out, err := w.formatLocale(l, locale.Ordered(l, order))
		if err != nil {
			return nil, err
		}
		if string(out) == string(src) {
			continue
		}
		changed = append(changed, filepath.Join(w.Name, l.Tag+".toml"))
		if !check {
			if err := atomicfile.Write(w.file(l.Tag), out, 0o644); err != nil {
				return nil, err
			}
		}
	}
	return changed, nil
}

// Mark records the state of translations of l: ids, or all it has.
// Marking a translation records it as made from the current German.
func (w *Workspace) Mark(l *locale.Locale, ids []string, state string) (int, error) {
	rf, err := w.review(l.Tag)
	if err != nil {
		return 0, err
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
	for _, id := range ids {
		if de.Entries[id] == nil {
			return 0, fmt.Errorf("%s: no German message %q", w.Name+"/de.toml", id)
		}
		if l.Entries[id] == nil {
			return 0, fmt.Errorf("%s: no translation of %q to mark", filepath.Join(w.Name, l.Tag+".toml"), id)
		}
		rf.Set(id, de.Entries[id], l.Entries[id], state)
	}
	rf.Prune(l)
	return len(ids), atomicfile.Write(filepath.Join(w.Dir, review.Path(l.Tag)), rf.Bytes(), 0o644)
}

// placeholdersOf returns the sorted placeholders of every form of e.
func placeholdersOf(e *locale.Entry) []string { return locale.Placeholders(e.Forms) }

// isPlural reports whether a German message has plural forms.
func isPlural(e *locale.Entry) bool {
	for cat := range e.Forms {
		if cat != "other" {
			return true
		}
	}
	return false
}

// hasLetters reports whether s has a letter outside its placeholders.
func hasLetters(s string) bool {
	return strings.IndexFunc(placeholderRE.ReplaceAllString(s, ""), unicode.IsLetter) >= 0
}

var placeholderRE = regexp.MustCompile(`\{\{[^}]*\}\}`)
