// Package review keeps, beside each locale file, what formgen knows of
// each translation: the German text it was made from, the translation as
// recorded then, and whether a human translator has reviewed it. The side
// file locales/status/<tag>.toml is formgen's alone, so it survives any
// tool that rewrites the locale files (Weblate, go-i18n's goi18n); a
// translation changed by such a tool no longer matches its record and
// counts as made from the German of that moment, not yet reviewed.
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
	Machine  = "machine"  // machine-made or not yet reviewed by a human translator
	Reviewed = "reviewed" // reviewed by a human translator
)

// Record is what is known of one translation.
type Record struct {
	Source string `toml:"source"` // locale.SourceHash of the German it was made from
	Text   string `toml:"text"`   // TextHash of the translation recorded
	State  string `toml:"state"`  // Machine or Reviewed
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
		if r.State != Machine && r.State != Reviewed {
			return nil, fmt.Errorf("%s: message %q: state %q: want %s or %s", name, id, r.State, Machine, Reviewed)
		}
	}
	return f, nil
}

// Bytes writes the side file, sorted by message id.
func (f *File) Bytes() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `# Translation status of locales/%s.toml, kept by formgen i18n (do not edit
# by hand: formgen i18n mark records reviews). Per message: "source" is the
# hash of the German text the translation was made from, "text" the hash of
# the translation recorded, "state" machine (not yet reviewed by a human
# translator) or reviewed.
`, f.Tag)
	ids := make([]string, 0, len(f.Records))
	for id := range f.Records {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		r := f.Records[id]
		fmt.Fprintf(&b, "%q = { source = %q, text = %q, state = %q }\n", id, r.Source, r.Text, r.State)
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
	Unreviewed              // current, not yet reviewed by a human translator
	Done                    // current and reviewed
)

func (s State) String() string {
	return [...]string{"missing", "stale", "unreviewed", "reviewed"}[s]
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
	case rec.Source != locale.SourceHash(de):
		return Stale
	case rec.State == Reviewed:
		return Done
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

// Set records that tr was made from de, by machine or reviewed.
func (f *File) Set(id string, de, tr *locale.Entry, state string) {
	f.Records[id] = Record{Source: locale.SourceHash(de), Text: TextHash(tr), State: state}
}

// SetFrom records tr as made from the German whose hash is source.
func (f *File) SetFrom(id, source string, tr *locale.Entry, state string) {
	f.Records[id] = Record{Source: source, Text: TextHash(tr), State: state}
}

// Prune drops the records of messages the locale no longer has.
func (f *File) Prune(l *locale.Locale) {
	for id := range f.Records {
		if l.Entries[id] == nil {
			delete(f.Records, id)
		}
	}
}
