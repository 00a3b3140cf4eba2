package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"formgen/internal/data"
	"formgen/internal/form"
	"formgen/internal/letter"
	"formgen/internal/locale"
	"formgen/internal/project"
)

// Selection chooses part of a project's documents.
type Selection struct {
	IDs   []string // forms and templates; none: all
	Langs []string // locale tags; none: all
}

// Plan returns the documents of a build of p: every chosen form and
// template (with its example data) in every chosen locale, each with the
// digest of what it is made from. A chosen id or tag the project lacks is
// an error (a *project.NotFoundError when it does not exist); problems of
// inputs that were left out are in the batch.
func Plan(p *project.Project, sel Selection) (*Batch, error) {
	forms, templates, err := choose(p, sel.IDs)
	if err != nil {
		return nil, err
	}
	locs := p.Catalog.Locales
	if len(sel.Langs) > 0 {
		locs = nil
		for _, t := range sel.Langs {
			loc, err := p.Locale(t)
			if err != nil {
				return nil, err
			}
			locs = append(locs, loc)
		}
	}
	pl, err := newPlanner(p)
	if err != nil {
		return nil, err
	}
	b := &Batch{Messages: pl.messages}
	if len(sel.IDs) == 0 {
		b.Problems = p.Problems() // with a choice, only the chosen ones' matter
	}
	examples := map[string]data.Record{}
	for _, t := range templates {
		rec, err := p.Templates.Example(t)
		if err != nil {
			b.Left = append(b.Left, err)
			continue
		}
		examples[t.ID] = rec
	}
	for _, loc := range locs {
		for _, f := range forms {
			b.Docs = append(b.Docs, pl.form(f, loc))
		}
		for _, t := range templates {
			if rec, ok := examples[t.ID]; ok {
				b.Docs = append(b.Docs, pl.template(t, loc, rec))
			}
		}
	}
	b.All = allPaths(p)
	return b, nil
}

// choose returns the forms and templates of ids, all when there are none.
func choose(p *project.Project, ids []string) ([]*form.Form, []*letter.Template, error) {
	if len(ids) == 0 {
		return p.Forms.Forms, p.Templates.Templates, nil
	}
	var forms []*form.Form
	var templates []*letter.Template
	for _, id := range ids {
		if t := p.Templates.Get(id); t != nil {
			templates = append(templates, t)
			continue
		}
		f, err := p.Form(id)
		if err != nil {
			return nil, nil, err
		}
		forms = append(forms, f)
	}
	return forms, templates, nil
}

// allPaths are the paths of every document the project defines.
func allPaths(p *project.Project) []string {
	var all []string
	for _, loc := range p.Catalog.Locales {
		for _, f := range p.Forms.Forms {
			all = append(all, loc.Tag+"/"+f.ID+".pdf")
		}
		for _, t := range p.Templates.Templates {
			all = append(all, loc.Tag+"/"+t.ID+".pdf")
		}
	}
	return all
}

// planner describes the documents of a build: what each is made from.
type planner struct {
	p      *project.Project
	fonts  string // digest of the font folder
	office []byte
	epoch  string // SOURCE_DATE_EPOCH: the date in every PDF
}

func newPlanner(p *project.Project) (*planner, error) {
	pl := &planner{p: p}
	if !p.Date.IsZero() {
		pl.epoch = strconv.FormatInt(p.Date.Unix(), 10)
	}
	var err error
	if pl.fonts, err = dirDigest(p.FS(project.Fonts)); err != nil {
		return nil, fmt.Errorf("%s: %w", p.Name(project.Fonts), err)
	}
	pl.office, _ = fs.ReadFile(p.FS(project.Forms), form.OfficeFile)
	return pl, nil
}

// base is the digest of what a document is made from besides messages
// and the tool.
func (pl *planner) base(kind, id string, loc *locale.Locale, files ...[]byte) string {
	h := sha256.New()
	for _, s := range []string{kind, id, loc.Tag, pl.fonts, pl.epoch} {
		fmt.Fprintf(h, "%d:%s;", len(s), s)
	}
	for _, f := range append(files, pl.office) {
		fmt.Fprintf(h, "%d:", len(f))
		h.Write(f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (pl *planner) form(f *form.Form, loc *locale.Locale) Doc {
	src, _ := fs.ReadFile(pl.p.FS(project.Forms), f.ID+".toml")
	return Doc{Path: loc.Tag + "/" + f.ID + ".pdf", Kind: "form", ID: f.ID, Locale: loc, Base: pl.base("form", f.ID, loc, src)}
}

func (pl *planner) template(t *letter.Template, loc *locale.Locale, example data.Record) Doc {
	fsys := pl.p.FS(project.Templates)
	src, _ := fs.ReadFile(fsys, t.ID+".toml")
	ex, _ := fs.ReadFile(fsys, path.Join(letter.ExamplesDir, t.ID+".toml"))
	return Doc{Path: loc.Tag + "/" + t.ID + ".pdf", Kind: "template", ID: t.ID, Locale: loc, Record: example, Base: pl.base("template", t.ID, loc, src, ex)}
}

func (pl *planner) messages(tag string, ids []string) string {
	return pl.p.Catalog.Digest(pl.p.Catalog.Get(tag), ids)
}

// dirDigest is the digest of every file of a folder, names and contents.
func dirDigest(fsys fs.FS) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%d:%s;%d:", len(name), name, len(src))
		h.Write(src)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

// DataFiles lists the data files of a folder, the records of a batch of
// Letters: *.toml and *.json, sorted; a folder without any is an error.
func DataFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); !e.IsDir() && (ext == ".toml" || ext == ".json") {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no data files (*.toml, *.json)", dir)
	}
	return files, nil
}

// LetterBatch is Letters with the records of files read by read, all
// or none: when one has problems, it says which of all, and there is no
// batch.
func LetterBatch(t *letter.Template, loc *locale.Locale, files []string, read func(file string) (data.Record, error)) (*Batch, error) {
	recs := make([]data.Record, len(files))
	var bad []error
	for i, file := range files {
		var err error
		if recs[i], err = read(file); err != nil {
			bad = append(bad, err)
		}
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("%d of %d data files have problems; no letter written:\n%w", len(bad), len(files), errors.Join(bad...))
	}
	return Letters(t, loc, files, recs), nil
}

// Letters returns the batch of letters from template t in locale loc, one
// per record, each written under the name of its data file with .pdf
// (ahmadi.toml: "ahmadi.pdf"); RunAll makes it.
func Letters(t *letter.Template, loc *locale.Locale, files []string, recs []data.Record) *Batch {
	b := &Batch{}
	for i, rec := range recs {
		name := strings.TrimSuffix(filepath.Base(files[i]), filepath.Ext(files[i])) + ".pdf"
		b.Docs = append(b.Docs, Doc{Path: name, Kind: "letter", ID: t.ID, Locale: loc, Record: rec, Source: files[i]})
	}
	return b
}
