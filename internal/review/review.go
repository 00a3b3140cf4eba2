// Package review keeps, beside each locale file, what formgen knows of
// each translation: the German text it was made from, the translation as
// recorded then, and who made or checked it (machine, a human translator,
// or a second human who reviewed it). The side file
// locales/status/<tag>.toml is formgen's alone, so it survives any tool
// that rewrites the locale files (Weblate, go-i18n's goi18n); a
// translation changed by such a tool no longer matches its record and
// counts as made from the German of that moment, not yet reviewed.
// locales/status/german.toml keeps the German texts translations were
// made from, so a stale translation can be shown with the German it
// translates.
package review

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"

	"github.com/BurntSushi/toml"

	"formgen/internal/locale"
)

// Dir is the folder of the side files, inside the locales folder.
const Dir = "status"

// Who made a translation.
const (
	Machine  = "machine"  // machine-made, not yet checked by a human
	Human    = "human"    // made or checked by a human translator, not yet reviewed
	Reviewed = "reviewed" // reviewed by a second human translator
)

// States are the values a record's state may have.
var States = []string{Machine, Human, Reviewed}

// Record is what is known of one translation.
type Record struct {
	// Source is the locale.FormsHash of the German it was made from (in
	// records from before descriptions were hashed apart, its
	// locale.SourceHash, and Note is empty).
	Source string `toml:"source"`
	Note   string `toml:"note,omitempty"`  // locale.NoteHash of the German's description then
	Text   string `toml:"text"`            // TextHash of the translation recorded
	State  string `toml:"state"`           // Machine, Human or Reviewed
	Stale  string `toml:"stale,omitempty"` // why the translation was kept though out of date
}

// File is the side file of one locale.
type File struct {
	Tag     string
	Records map[string]Record // by message id
}

// Path returns the side file's path inside the locales folder.
func Path(tag string) string { return path.Join(Dir, tag+".toml") }

// Read reads the side file of tag from a locales folder; a missing file
// is an empty one.
func Read(fsys fs.FS, prefix, tag string) (*File, error) {
	f := &File{Tag: tag, Records: map[string]Record{}}
	src, err := fs.ReadFile(fsys, Path(tag))
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return nil, err
	}
	name := path.Join(prefix, Path(tag))
	md, err := toml.Decode(string(src), &f.Records)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		return nil, fmt.Errorf("%s: unknown key %q (a record has source, text and state)", name, u[0].String())
	}
	for id, r := range f.Records {
		if !slices.Contains(States, r.State) {
			return nil, fmt.Errorf("%s: message %q: state %q: want %s, %s or %s", name, id, r.State, Machine, Human, Reviewed)
		}
	}
	return f, nil
}

// Bytes writes the side file, sorted by message id.
func (f *File) Bytes() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `# Translation status of locales/%s.toml, kept by formgen i18n (do not edit
# by hand: formgen i18n mark records reviews). Per message: "source" is the
# hash of the German text the translation was made from, "note" of its
# description, "text" the hash of the translation recorded, "state" machine
# (not yet checked by a human), human (made or checked by a human
# translator) or reviewed (by a second human translator); "stale" says why
# a translation was kept though made from an older German.
`, f.Tag)
	ids := make([]string, 0, len(f.Records))
	for id := range f.Records {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		r := f.Records[id]
		fmt.Fprintf(&b, "%q = { source = %q, ", id, r.Source)
		if r.Note != "" {
			fmt.Fprintf(&b, "note = %q, ", r.Note)
		}
		fmt.Fprintf(&b, "text = %q, state = %q", r.Text, r.State)
		if r.Stale != "" {
			fmt.Fprintf(&b, ", stale = %s", locale.Quote(r.Stale))
		}
		b.WriteString(" }\n")
	}
	return b.Bytes()
}

// TextHash is the digest of a translation: every plural form.
func TextHash(e *locale.Entry) string {
	h := sha256.New()
	for _, cat := range locale.PluralCategories {
		if s, ok := e.Forms[cat]; ok {
			fmt.Fprintf(h, "%s=%d:%s;", cat, len(s), s)
		}
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16]
}

// State is where a translation stands.
type State int

// States, from worst to best.
const (
	Missing    State = iota // the locale has no translation
	Stale                   // made from a German text that has changed since
	Unreviewed              // current, machine-made or changed outside formgen
	HumanMade               // current, made by a human translator, not reviewed
	Done                    // current and reviewed
)

func (s State) String() string {
	return [...]string{"missing", "stale", "unreviewed", "human", "reviewed"}[s]
}

// Current reports whether the record was made from the German de as it
// is now (its description aside).
func (r *Record) Current(de *locale.Entry) bool {
	if r.Note == "" { // a record from before descriptions were apart
		return r.Source == locale.SourceHash(de)
	}
	return r.Source == locale.FormsHash(de)
}

// NoteChanged reports whether only the German's description changed
// since the translation was recorded: it stays current, and a translator
// should look at it again.
func (r *Record) NoteChanged(de *locale.Entry) bool {
	return r.Note != "" && r.Source == locale.FormsHash(de) && r.Note != locale.NoteHash(de)
}

// Of says where the translation tr of the German de stands, given the
// record of it (nil when there is none). A translation whose text no
// longer matches its record was changed outside formgen (or by hand): it
// counts as made from the current German, not reviewed.
func Of(de, tr *locale.Entry, rec *Record) State {
	switch {
	case tr == nil:
		return Missing
	case rec == nil || rec.Text != TextHash(tr):
		return Unreviewed
	case !rec.Current(de) || rec.Stale != "":
		return Stale
	case rec.State == Reviewed:
		return Done
	case rec.State == Human:
		return HumanMade
	}
	return Unreviewed
}

// State says where translation tr of message id, German de, stands by
// this file's record of it.
func (f *File) State(id string, de, tr *locale.Entry) State {
	if r, ok := f.Records[id]; ok {
		return Of(de, tr, &r)
	}
	return Of(de, tr, nil)
}

// Record returns the record of id, or nil.
func (f *File) Record(id string) *Record {
	if r, ok := f.Records[id]; ok {
		return &r
	}
	return nil
}

// Set records that tr was made from de as it is now, in state.
func (f *File) Set(id string, de, tr *locale.Entry, state string) {
	f.Records[id] = Record{Source: locale.FormsHash(de), Note: locale.NoteHash(de), Text: TextHash(tr), State: state}
}

// SetStale records tr as kept though made from an older German, whose
// FormsHash is source, for the reason why.
func (f *File) SetStale(id, source string, de, tr *locale.Entry, state, why string) {
	f.Records[id] = Record{Source: source, Note: locale.NoteHash(de), Text: TextHash(tr), State: state, Stale: why}
}

// Upgrade rewrites the records made before descriptions were hashed
// apart that are still current, so that a later change to a description
// alone keeps them current.
func (f *File) Upgrade(de *locale.Locale) {
	for id, r := range f.Records {
		if e := de.Entries[id]; e != nil && r.Note == "" && r.Current(e) {
			r.Source, r.Note = locale.FormsHash(e), locale.NoteHash(e)
			f.Records[id] = r
		}
	}
}

// Prune drops the records of messages the locale no longer has.
func (f *File) Prune(l *locale.Locale) {
	for id := range f.Records {
		if l.Entries[id] == nil {
			delete(f.Records, id)
		}
	}
}
