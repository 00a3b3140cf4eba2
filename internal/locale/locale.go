// Package locale loads the go-i18n message files of locales/ and gives each
// document its two languages: German, the binding source, and exactly one
// translation. It is the only package that imports go-i18n.
//
// Fallback chain, and nothing else: the requested locale (matched exactly
// against the shipped files, or through the alias table), then German for a
// message the locale lacks. go-i18n's own matcher would hand a request for
// one language to a neighbour (ru to uk, ckb to ar); formgen never asks it
// to choose.
package locale

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"formgen/internal/problem"
	"formgen/internal/tomlpos"
)

// Source is the tag of the source language.
const Source = "de"

// Aliases maps tags people use to the tags formgen ships under: go-i18n has
// no plural rules for prs and kmr.
var Aliases = map[string]string{
	"prs": "fa-AF", // Dari
	"kmr": "ku",    // Kurmanji
}

// rtlScripts are the scripts written right to left.
var rtlScripts = []string{"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr", "Yezi"}

// Locale is one shipped locale file.
type Locale struct {
	Tag    string // canonical BCP 47 tag, as in the file name
	Name   string // the language's own name
	Script string // ISO 15924 code of its usual script
	RTL    bool
	File   string // e.g. "locales/ar.toml"

	Entries map[string]*Entry // by message id
	lang    language.Tag
}

// Entry is one message of a locale file.
type Entry struct {
	ID          string
	Description string
	Forms       map[string]string // plural category ("other", "one" …) -> text
	Hash        string
	Line        int
}

// Text returns the "other" form, the text of a message without plurals.
func (e *Entry) Text() string { return e.Forms["other"] }

// Catalog is the locales of a folder, German first.
type Catalog struct {
	Locales []*Locale // the locales read
	bundle  *i18n.Bundle
	byTag   map[string]*Locale
	files   []string // tags of every file in the folder, read or not
}

// Load reads every *.toml file of fsys as a locale; prefix (e.g. "locales")
// goes before file names in problems. German must be there. A file with
// problems is left out and its problems returned.
func Load(fsys fs.FS, prefix string) (*Catalog, problem.Problems, error) {
	return LoadSome(fsys, prefix, nil)
}

// LoadSome is Load for the locales only some of which are needed (one
// document's): it reads German and the files whose tag want accepts, and
// only lists the others, which keeps a one-PDF run quick.
func LoadSome(fsys fs.FS, prefix string, want func(tag string) bool) (*Catalog, problem.Problems, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(names)
	c := &Catalog{bundle: i18n.NewBundle(language.German), byTag: map[string]*Locale{}}
	var probs problem.Problems
	parsed := map[*Locale][]*i18n.Message{}
	for _, name := range names {
		tag := strings.TrimSuffix(name, ".toml")
		c.files = append(c.files, tag)
		if want != nil && tag != Source && !want(tag) {
			continue
		}
		file := path.Join(prefix, name)
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, nil, err
		}
		loc, msgs, ps := c.parse(file, name, src)
		probs = append(probs, ps...)
		if loc != nil {
			c.Locales = append(c.Locales, loc)
			c.byTag[loc.Tag] = loc
			parsed[loc] = msgs
		}
	}
	probs = append(probs, c.addChecked(parsed)...)
	if c.byTag[Source] == nil && len(probs) == 0 {
		return nil, nil, fmt.Errorf("%s: no %s.toml: German is the source of every text", prefix, Source)
	}
	slices.SortStableFunc(c.Locales, func(a, b *Locale) int {
		switch {
		case a.Tag == Source:
			return -1
		case b.Tag == Source:
			return 1
		}
		return strings.Compare(a.Tag, b.Tag)
	})
	probs.Sort()
	return c, probs, nil
}

// addChecked gives go-i18n the messages of each locale (parsed) that
// passed every check, and returns the problems of their placeholders:
// a template go-i18n would run unbounded, or one naming a value the
// German does not give (printed as "<no value>"), is never executed.
func (c *Catalog) addChecked(parsed map[*Locale][]*i18n.Message) problem.Problems {
	var probs problem.Problems
	for _, loc := range c.Locales {
		probs = append(probs, c.checkPlaceholders(loc)...)
		var ok []*i18n.Message
		for _, m := range parsed[loc] {
			if loc.Entries[m.ID] != nil {
				ok = append(ok, m)
			}
		}
		if err := c.bundle.AddMessages(loc.lang, ok...); err != nil {
			probs = append(probs, problem.Problem{File: loc.File, Msg: "go-i18n: " + err.Error()})
		}
	}
	return probs
}

func (c *Catalog) parse(file, name string, src []byte) (*Locale, []*i18n.Message, problem.Problems) {
	base := strings.TrimSuffix(name, ".toml")
	tag, err := language.Parse(base)
	if err != nil {
		return nil, nil, problem.Problems{{File: file, Msg: fmt.Sprintf("file name %q is not a BCP 47 language tag", base)}}
	}
	if tag.String() != base {
		return nil, nil, problem.Problems{{File: file, Msg: fmt.Sprintf("file name %q is not in canonical form: name it %s.toml", base, tag)}}
	}
	mf, err := i18n.ParseMessageFileBytes(src, name, map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, nil, problem.Problems{{File: file, Line: pe.Position.Line, Col: pe.Position.Col, Msg: "toml: " + pe.Message}}
		}
		return nil, nil, problem.Problems{{File: file, Msg: "go-i18n: " + err.Error()}}
	}
	ix := tomlpos.Scan(string(src))
	loc := &Locale{Tag: base, File: file, Entries: map[string]*Entry{}, lang: tag}
	var probs problem.Problems
	for _, m := range mf.Messages {
		e := &Entry{ID: m.ID, Description: m.Description, Hash: m.Hash, Forms: map[string]string{}, Line: ix.Lookup(m.ID).Line}
		for cat, s := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
			if s != "" {
				e.Forms[cat] = s
			}
		}
		if e.Forms["other"] == "" {
			probs = append(probs, problem.Problem{File: file, Line: e.Line, Msg: fmt.Sprintf("message %q has no text (other)", m.ID)})
			continue
		}
		if msg := CheckMessage(e.Forms); msg != "" {
			probs = append(probs, problem.Problem{File: file, Line: e.Line, Msg: fmt.Sprintf("message %q: %s", m.ID, msg)})
			continue
		}
		loc.Entries[m.ID] = e
	}
	script, conf := tag.Script()
	if conf == language.No {
		script = language.MustParseScript("Latn")
	}
	loc.Script = script.String()
	loc.RTL = slices.Contains(rtlScripts, loc.Script)
	if e := loc.Entries[MsgLanguageName]; e != nil {
		loc.Name = e.Text()
	} else {
		loc.Name = display.Self.Name(tag)
	}
	return loc, mf.Messages, probs
}

// Get returns the locale with exactly this tag (after the alias table), or
// nil.
func (c *Catalog) Get(tag string) *Locale {
	return c.byTag[Canonical(tag)]
}

// Canonical returns the tag formgen files a locale under: aliases
// resolved, BCP 47 case. It does not say whether the locale exists.
func Canonical(tag string) string {
	if a, ok := Aliases[strings.ToLower(tag)]; ok {
		return a
	}
	if t, err := language.Parse(tag); err == nil {
		return t.String()
	}
	return tag
}

// Tags returns the tags of every locale file, read or not, German first.
func (c *Catalog) Tags() []string {
	tags := []string{Source}
	for _, t := range c.files {
		if t != Source {
			tags = append(tags, t)
		}
	}
	return tags
}

// UnknownLocaleError is returned for a tag that is not shipped.
type UnknownLocaleError struct {
	Tag       string
	Available []string
}

func (e *UnknownLocaleError) Error() string {
	var aliases []string
	for _, a := range slices.Sorted(maps.Keys(Aliases)) {
		aliases = append(aliases, a+" = "+Aliases[a])
	}
	return fmt.Sprintf("unknown locale %q (available: %s; aliases: %s)", e.Tag, strings.Join(e.Available, ", "), strings.Join(aliases, ", "))
}

// Match returns the locale for tag or an *UnknownLocaleError.
func (c *Catalog) Match(tag string) (*Locale, error) {
	if l := c.Get(tag); l != nil {
		return l, nil
	}
	return nil, &UnknownLocaleError{Tag: tag, Available: c.Tags()}
}

// Source returns the German locale.
func (c *Catalog) Source() *Locale { return c.byTag[Source] }

// Complete returns the share, from 0 to 1, of German messages that l
// translates.
func (c *Catalog) Complete(l *Locale) float64 {
	src := c.Source()
	if src == nil || len(src.Entries) == 0 {
		return 0
	}
	n := 0
	for id := range src.Entries {
		if l.Entries[id] != nil {
			n++
		}
	}
	return float64(n) / float64(len(src.Entries))
}
