package locale

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
)

// writeForms writes the texts of e, every plural form in a fixed order,
// length-prefixed; a missing entry writes a mark of its own.
func writeForms(h hash.Hash, e *Entry) {
	if e == nil {
		h.Write([]byte("-;"))
		return
	}
	for _, cat := range PluralCategories {
		if s, ok := e.Forms[cat]; ok {
			fmt.Fprintf(h, "%s=%d:%s;", cat, len(s), s)
		}
	}
}

// Digest returns a digest of what messages ids say in German and in
// locale l, as far as a document shows it: every plural form of each
// (descriptions are left out). Two calls give the same digest exactly
// when no text of these messages changed, appeared or went.
func (c *Catalog) Digest(l *Locale, ids []string) string {
	h := sha256.New()
	de := c.Source()
	for _, id := range ids {
		fmt.Fprintf(h, "%d:%s|", len(id), id)
		writeForms(h, de.Entries[id])
		if l != nil && l != de {
			writeForms(h, l.Entries[id])
		}
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// FormsHash is the digest of what a message says: every plural form, no
// description. A translation records the FormsHash of the German it was
// made from; when it changes, the translation is stale. (go-i18n's own
// hash covers only description and "other", so a changed "one" would go
// unnoticed.)
func FormsHash(e *Entry) string {
	h := sha256.New()
	h.Write([]byte("forms;"))
	writeForms(h, e)
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16]
}

// NoteHash is the digest of a message's description: a change to it alone
// keeps a translation current but asks a translator to look again.
func NoteHash(e *Entry) string {
	h := sha256.New()
	fmt.Fprintf(h, "note;%d:%s", len(e.Description), e.Description)
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16]
}

// SourceHash is the digest of a German message with its description, as
// status files recorded it before FormsHash and NoteHash: a record made
// then is current while the German's SourceHash is unchanged.
func SourceHash(e *Entry) string {
	h := sha256.New()
	fmt.Fprintf(h, "d=%d:%s;", len(e.Description), e.Description)
	writeForms(h, e)
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16]
}
