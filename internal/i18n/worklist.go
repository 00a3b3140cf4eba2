package i18n

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"formgen/internal/locale"
	"formgen/internal/problem"
	"formgen/internal/render"
	"formgen/internal/review"
)

// Worklist writes a file of the messages locale l lacks or has stale, each
// with its German source, the old translation if stale, where it appears
// and the room it has, and empty places for the translation in every
// plural form the language needs. Nothing is filled in with German. It
// returns the file and how many messages it lists.
func (w *Workspace) Worklist(ctx context.Context, jobs int, l *locale.Locale) ([]byte, int, error) {
	rf, err := w.review(l.Tag)
	if err != nil {
		return nil, 0, err
	}
	german, err := w.german()
	if err != nil {
		return nil, 0, err
	}
	de := w.Catalog.Source()
	rooms, err := w.rooms(ctx, jobs, l)
	if err != nil {
		return nil, 0, err
	}
	where := w.where()
	var b bytes.Buffer
	n := 0
	for _, id := range w.germanOrder() {
		src := de.Entries[id]
		st := rf.State(id, src, l.Entries[id])
		if st != review.Missing && st != review.Stale {
			continue
		}
		n++
		fmt.Fprintf(&b, "\n[[message]]\nid = %s\nstatus = %q\n", locale.Quote(id), st)
		if wh := where[id]; wh != "" {
			fmt.Fprintf(&b, "where = %s\n", locale.Quote(wh))
		}
		if r, ok := rooms[id]; ok {
			fmt.Fprintf(&b, "room = %s\n", locale.Quote(room(r)))
		}
		if src.Description != "" {
			fmt.Fprintf(&b, "note = %s\n", locale.Quote(src.Description))
		}
		fmt.Fprintf(&b, "source_hash = %q\n", locale.FormsHash(src))
		writeForms(&b, "message.german", src.Forms, nil, "")
		if st == review.Stale {
			if prev := german.Previous(rf.Record(id)); prev != nil {
				writeForms(&b, "message.previous_german", prev, nil, "")
			}
			writeForms(&b, "message.old", l.Entries[id].Forms, nil, "")
		}
		cats := []string{"other"}
		if isPlural(src) {
			cats = locale.Plurals(l.Tag)
		}
		writeForms(&b, "message.translation", nil, cats, l.Tag)
	}
	return append(w.worklistHead(l, n), b.Bytes()...), n, nil
}

// worklistHead is the head of a worklist of n messages of locale l: how
// to fill it in and bring it back.
func (w *Workspace) worklistHead(l *locale.Locale, n int) []byte {
	var head bytes.Buffer
	fmt.Fprintf(&head, `# formgen worklist for %s/%s.toml (%s): %d message(s) to translate.
# For each message, write the translation of the German text into the
# empty translation fields, one per plural form listed (the number it is
# used for decides which, as in the language's grammar). Keep every
# {{.placeholder}} exactly as in the German. Where there is an old
# translation, the German has changed since it was made (previous_german
# is the German it translates, where known): say what the German says now.
# Each plural form is used for numbers like the one in its comment.
# Leave a field empty to do it later.
# Then: formgen i18n merge THIS-FILE  (add --state machine for machine
# translations, --state reviewed for reviewed ones)
lang = %q
`, w.Name, l.Tag, l.Name, n, l.Tag)
	return head.Bytes()
}

// rooms lays out every document in locale l and returns, by message id,
// the narrowest box its translation is set in.
func (w *Workspace) rooms(ctx context.Context, jobs int, l *locale.Locale) (map[string]render.Box, error) {
	rooms := map[string]render.Box{}
	err := w.renderAll(ctx, jobs, []*locale.Locale{l}, func(_ *locale.Locale, res *render.Result) {
		for _, b := range res.Boxes {
			if old, ok := rooms[b.ID]; b.TR && (!ok || b.Width < old.Width) {
				rooms[b.ID] = b
			}
		}
	})
	return rooms, err
}

// writeForms writes a subtable of plural forms: those of forms, or, when
// forms is nil, empty ones for cats, with an example number of language
// tag for each when there are several.
func writeForms(b *bytes.Buffer, table string, forms map[string]string, cats []string, tag string) {
	fmt.Fprintf(b, "[%s]\n", table)
	for _, c := range locale.PluralCategories {
		if forms != nil {
			if s, ok := forms[c]; ok {
				fmt.Fprintf(b, "%s = %s\n", c, locale.Quote(s))
			}
		} else if slices.Contains(cats, c) {
			fmt.Fprintf(b, "%s = \"\"", c)
			if n := locale.PluralExample(tag, c); len(cats) > 1 && n != "" {
				fmt.Fprintf(b, "  # e.g. %s", n)
			}
			b.WriteString("\n")
		}
	}
}

type worklistFile struct {
	Lang    string        `toml:"lang"`
	Message []worklistMsg `toml:"message"`
}

type worklistMsg struct {
	ID          string            `toml:"id"`
	Status      string            `toml:"status"`
	Where       string            `toml:"where"`
	Room        string            `toml:"room"`
	Note        string            `toml:"note"`
	SourceHash  string            `toml:"source_hash"`
	German      map[string]string `toml:"german"`
	Previous    map[string]string `toml:"previous_german"`
	Old         map[string]string `toml:"old"`
	Translation map[string]string `toml:"translation"`
}

// Merged is what a merge did.
type Merged struct {
	Lang    string
	Updated []string // ids translated or updated
	Empty   []string // ids left empty, for later
}

// refused is the error of a file given to formgen that has problems: all
// of them at once, and nothing written.
func refused(ps problem.Problems) error {
	return fmt.Errorf("%d problems; nothing written:\n%w", len(ps), ps)
}

// messageProblem is a problem with message id in file name, at line
// (0: unknown).
func messageProblem(name string, line int, id, format string, args ...any) problem.Problem {
	return problem.Problem{File: name, Line: line, Where: id, ID: id, Msg: fmt.Sprintf(format, args...)}
}

// Merge plans bringing the translations of a finished worklist into its
// locale file, all or nothing: each must pass every error-level check
// (plural forms, placeholders in every form, template syntax, fonts,
// numbers, glossary, …), and the German must not have changed since the
// worklist was made. Each is recorded as made from that German, in state
// (review.Machine, Human or Reviewed).
func (w *Workspace) Merge(name string, src []byte, state string) (*Merged, Plan, error) {
	var wl worklistFile
	md, err := toml.Decode(string(src), &wl)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		return nil, nil, fmt.Errorf("%s: unknown key %q: not a formgen worklist", name, u[0].String())
	}
	l, err := w.Locale(wl.Lang)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: lang: %w", name, err)
	}
	de := w.Catalog.Source()
	m := &Merged{Lang: l.Tag}
	var probs problem.Problems
	changes := map[string]change{}
	for _, msg := range wl.Message {
		fail := func(format string, args ...any) {
			probs = append(probs, messageProblem(name, worklistLine(src, msg.ID), msg.ID, format, args...))
		}
		if !slices.ContainsFunc(slices.Collect(maps.Values(msg.Translation)), func(s string) bool { return strings.TrimSpace(s) != "" }) {
			m.Empty = append(m.Empty, msg.ID)
			continue
		}
		src := de.Entries[msg.ID]
		switch {
		case src == nil:
			fail("no such German message")
			continue
		case msg.SourceHash != locale.FormsHash(src) && msg.SourceHash != locale.SourceHash(src):
			fail("the German has changed since the worklist was made: make a new worklist")
			continue
		}
		e := &locale.Entry{ID: msg.ID, Forms: worklistForms(msg.Translation, fail)}
		for _, p := range w.checkTranslation(l, src, e) {
			fail("%s", p)
		}
		changes[msg.ID] = change{entry: e, state: state}
	}
	if len(probs) > 0 {
		return nil, nil, refused(probs)
	}
	if len(changes) == 0 {
		return m, nil, nil
	}
	m.Updated = slices.Sorted(maps.Keys(changes))
	p, err := w.apply(l, changes)
	return m, p, err
}

// change is what an operation does to one translation.
type change struct {
	entry  *locale.Entry // the translation; nil removes it
	state  string        // review.Machine, Human or Reviewed
	source string        // FormsHash of the German it was made from, when not the current
	stale  string        // why it is kept though made from an older German
}

// apply plans the changes to locale l: its file and its status file.
func (w *Workspace) apply(l *locale.Locale, changes map[string]change) (Plan, error) {
	rf, err := w.review(l.Tag)
	if err != nil {
		return nil, err
	}
	de := w.Catalog.Source()
	entries := maps.Clone(l.Entries)
	for id, c := range changes {
		if c.entry == nil {
			delete(entries, id)
			delete(rf.Records, id)
			continue
		}
		entries[id] = c.entry
		if c.source != "" && c.source != locale.FormsHash(de.Entries[id]) || c.stale != "" {
			why := c.stale
			if why == "" {
				why = "made from an older German"
			}
			rf.SetStale(id, c.source, de.Entries[id], c.entry, c.state, why)
		} else {
			rf.Set(id, de.Entries[id], c.entry, c.state)
		}
	}
	next := &locale.Locale{Tag: l.Tag, Entries: entries}
	rf.Prune(next)
	return w.plan(l, locale.Ordered(next, w.germanOrder()), rf)
}

// worklistLine returns where in the worklist name (read as src) the
// message id is: name:line, or name.
func worklistLine(src []byte, id string) int {
	needle := "id = " + locale.Quote(id)
	for i, ln := range strings.Split(string(src), "\n") {
		if strings.TrimSpace(ln) == needle {
			return i + 1
		}
	}
	return 0
}

// worklistForms returns the plural forms of a worklist's translation that
// have a text, telling fail of a key that is no plural category.
func worklistForms(tr map[string]string, fail func(format string, args ...any)) map[string]string {
	forms := map[string]string{}
	for cat, s := range tr {
		if !slices.Contains(locale.PluralCategories, cat) {
			fail("translation.%s: not a plural category", cat)
		} else if s != "" {
			forms[cat] = s
		}
	}
	return forms
}
