package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"formgen/internal/atomicfile"
	"formgen/internal/batch"
	"formgen/internal/data"
	"formgen/internal/form"
	"formgen/internal/letter"
	"formgen/internal/locale"
	"formgen/internal/problem"
	"formgen/internal/render"
	"formgen/internal/text"
)

// readData reads a data file, or standard input for "-".
func readData(env *Env, name string) (map[string]any, error) {
	if name == "-" {
		return data.Decode("-", env.Stdin)
	}
	f, err := os.Open(env.path(name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return data.Decode(name, f)
}

// today is the day data is checked on: SOURCE_DATE_EPOCH's when set, so
// that a run can be repeated, else the day in Germany.
func today(getenv func(string) string) time.Time {
	t := time.Now()
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			t = time.Unix(sec, 0)
		}
	}
	if berlin, err := time.LoadLocation("Europe/Berlin"); err == nil {
		t = t.In(berlin)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// problemsOf returns the problems that concern file.
func problemsOf(ps problem.Problems, file string) problem.Problems {
	var out problem.Problems
	for _, p := range ps {
		if p.File == file {
			out = append(out, p)
		}
	}
	return out
}

// pickLocale matches tag, telling apart a locale that is not shipped
// (usage error) from one whose file has problems (failure).
func (l *loaded) pickLocale(tag string) (*locale.Locale, error) {
	loc, err := l.catalog.Match(tag)
	if err == nil {
		return loc, nil
	}
	file := filepath.Join(l.in.name["locales"], locale.Canonical(tag)+".toml")
	if ps := problemsOf(l.problems, file); len(ps) > 0 {
		return nil, fmt.Errorf("%s cannot be used:\n%w", file, ps)
	}
	return nil, usagef("%v", err)
}

// pickForm finds form id, telling apart an unknown form (usage error) from
// one whose definition has problems (failure).
func (l *loaded) pickForm(id string) (*form.Form, error) {
	f := l.forms.Get(id)
	return f, l.pickErr(f != nil, "form", "forms", id, l.forms.IDs())
}

// pickErr is the error of looking for a form or template: none when found,
// the problems of its file when it has some, else an unknown id.
func (l *loaded) pickErr(found bool, kind, folder, id string, ids []string) error {
	if found {
		return nil
	}
	file := filepath.Join(l.in.name[folder], id+".toml")
	if ps := problemsOf(l.problems, file); len(ps) > 0 {
		return fmt.Errorf("%s %s cannot be used:\n%w", kind, id, ps)
	}
	return usagef("unknown %s %q (available: %s)", kind, id, strings.Join(ids, ", "))
}

func runRender(ctx context.Context, env *Env, args []string) error {
	fs, dir := flags(env, "render", "--form ID --lang TAG --out FILE", "Write one form in one locale as PDF; --lang de gives the German-only form.")
	formID := fs.String("form", "", "`ID` of the form")
	lang := fs.String("lang", "", "`TAG` of the locale (prs and kmr are accepted for fa-AF and ku)")
	out := fs.String("out", "", "`FILE` to write, - for standard output")
	dataFile := fs.String("data", "", "pre-fill the form with the values of `FILE` (TOML, or JSON by its .json extension; - reads TOML from standard input)")
	strict := fs.Bool("strict", false, "fail when the locale lacks a message instead of printing German")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *formID == "":
		return usagef("render: --form is required")
	case *lang == "":
		return usagef("render: --lang is required")
	case *out == "":
		return usagef("render: --out is required (- for standard output)")
	}
	l, loc, eng, err := prepare(env, *dir, *lang)
	if err != nil {
		return err
	}
	f, err := l.pickForm(*formID)
	if err != nil {
		return err
	}
	var rec data.Record
	if *dataFile != "" {
		raw, err := readData(env, *dataFile)
		if err != nil {
			return err
		}
		if rec, err = f.Prefill(*dataFile, raw, today(env.Getenv)); err != nil {
			return err
		}
	}
	res, err := eng.Form(f.ID, loc, rec)
	if err != nil {
		return err
	}
	return deliver(env, f.ID, loc.Tag, res, *out, *strict)
}

// deliver writes one document to out (- for standard output), after
// warning of the messages its locale lacks, or failing with strict.
func deliver(env *Env, id, tag string, res *render.Result, out string, strict bool) error {
	if err := missing(env, id, tag, res.Missing, strict); err != nil {
		return err
	}
	return write(env, out, res.PDF)
}

func runLetter(ctx context.Context, env *Env, args []string) error {
	fs, dir := flags(env, "letter", "--template ID --lang TAG [--data FILE|DIR | --example] --out FILE|DIR", `Write a letter or information sheet from templates/ in one locale as PDF,
filled with the values of the data file. With --data DIR, write one letter
per data file of DIR (*.toml, *.json) to --out DIR, under the data file's
name; every file is checked before the first letter is written.`)
	id := fs.String("template", "", "`ID` of the template")
	lang := fs.String("lang", "", "`TAG` of the locale (prs and kmr are accepted for fa-AF and ku)")
	out := fs.String("out", "", "`FILE` to write, - for standard output; a folder with --data DIR")
	dataFile := fs.String("data", "", "the letter's values: `FILE` (TOML, or JSON by its .json extension; - reads TOML from standard input), or a folder of such files")
	useExample := fs.Bool("example", false, "fill the letter with the template's example data (templates/examples/ID.toml)")
	strict := fs.Bool("strict", false, "fail when the locale lacks a message instead of printing German")
	jobs := fs.Int("jobs", runtime.NumCPU(), "letters made at once with --data DIR (`N`)")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *id == "":
		return usagef("letter: --template is required")
	case *useExample && *dataFile != "":
		return usagef("letter: --data and --example exclude each other")
	case *lang == "":
		return usagef("letter: --lang is required")
	case *out == "":
		return usagef("letter: --out is required (- for standard output)")
	case *jobs < 1:
		return usagef("letter: --jobs must be at least 1")
	}
	var many []string // data files of a folder
	if *dataFile != "" && *dataFile != "-" {
		if st, err := os.Stat(env.path(*dataFile)); err == nil && st.IsDir() {
			if many, err = dataFiles(env.path(*dataFile)); err != nil {
				return err
			}
			if *out == "-" {
				return usagef("letter: --data DIR writes to a folder, not to standard output")
			}
		}
	}
	l, loc, eng, err := prepare(env, *dir, *lang)
	if err != nil {
		return err
	}
	t, err := l.pickTemplate(*id)
	if err != nil {
		return err
	}
	// one letter: to a file or standard output
	if many == nil {
		var rec data.Record
		if *useExample {
			if rec, err = l.templates.Example(t); err != nil {
				return err
			}
		} else if rec, err = readRecord(env, *dataFile, t); err != nil {
			return err
		}
		res, err := eng.Letter(t.ID, loc, rec)
		if err != nil {
			return err
		}
		return deliver(env, t.ID, loc.Tag, res, *out, *strict)
	}
	// a letter per data file: check them all before writing any
	recs := make([]data.Record, len(many))
	var bad []error
	for i, f := range many {
		if recs[i], err = readRecord(env, f, t); err != nil {
			bad = append(bad, err)
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("%d of %d data files have problems; no letter written:\n%w", len(bad), len(many), errors.Join(bad...))
	}
	errs := make([]error, len(many))
	miss := make([][]string, len(many))
	err = batch.Run(ctx, len(many), *jobs, func(i int) {
		res, err := eng.Letter(t.ID, loc, recs[i])
		if err != nil {
			errs[i] = fmt.Errorf("%s: %w", many[i], err)
			return
		}
		miss[i] = res.Missing
		if len(res.Missing) > 0 && *strict {
			errs[i] = fmt.Errorf("%s: locale %s lacks %d messages (--strict)", t.ID, loc.Tag, len(res.Missing))
			return
		}
		name := strings.TrimSuffix(filepath.Base(many[i]), filepath.Ext(many[i])) + ".pdf"
		errs[i] = atomicfile.Write(filepath.Join(env.path(*out), name), res.PDF, 0o644)
	})
	if !*strict {
		var all []string
		for _, m := range miss {
			for _, id := range m {
				if !slices.Contains(all, id) {
					all = append(all, id)
				}
			}
		}
		warnMissing(env.Stderr, loc.Tag, t.ID, all)
	}
	if err := errors.Join(append(errs, err)...); err != nil {
		return err
	}
	return nil
}

// dataFiles lists the data files of a folder: *.toml and *.json, sorted.
func dataFiles(dir string) ([]string, error) {
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

// readRecord reads and checks the data of one letter (none for "").
func readRecord(env *Env, name string, t *letter.Template) (data.Record, error) {
	raw := map[string]any{}
	if name != "" {
		var err error
		if raw, err = readData(env, name); err != nil {
			return nil, err
		}
	}
	rec, probs := data.Check(name, raw, t.DataFields())
	if probs == nil {
		return rec, nil
	}
	probs.Sort()
	if name == "" {
		probs.File = "data"
		return nil, fmt.Errorf("template %s needs data: give --data FILE, or --example for its example data\n%w", t.ID, probs)
	}
	return nil, probs
}

// missing warns about messages a locale lacks, or fails with --strict.
func missing(env *Env, id, tag string, ids []string, strict bool) error {
	if len(ids) == 0 {
		return nil
	}
	if strict {
		return fmt.Errorf("%s: locale %s lacks %d messages (--strict): %s", id, tag, len(ids), strings.Join(ids, ", "))
	}
	warnMissing(env.Stderr, tag, id, ids)
	return nil
}

// prepare loads what one document in locale lang needs: the inputs of
// dir (German and that locale only), the locale, and an engine.
func prepare(env *Env, dir, lang string) (*loaded, *locale.Locale, *render.Engine, error) {
	l, err := loadDir(env, dir, lang)
	if err != nil {
		return nil, nil, nil, err
	}
	loc, err := l.pickLocale(lang)
	if err != nil {
		return nil, nil, nil, err
	}
	eng, err := l.engine(env.Getenv)
	return l, loc, eng, err
}

// pickTemplate finds template id, as pickForm a form.
func (l *loaded) pickTemplate(id string) (*letter.Template, error) {
	t := l.templates.Get(id)
	return t, l.pickErr(t != nil, "template", "templates", id, l.templates.IDs())
}

func runList(ctx context.Context, env *Env, args []string) error {
	fs, dir := flags(env, "list", "[--json]", "List the forms and templates (id, version, title) and the locales (tag, own name,\ndirection, share translated).")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	l, err := loadDir(env, *dir)
	if err != nil {
		return err
	}
	type formInfo struct {
		ID      string `json:"id"`
		Version string `json:"version"`
		Date    string `json:"date"`
		Title   string `json:"title"`
	}
	type localeInfo struct {
		Tag       string  `json:"tag"`
		Name      string  `json:"name"`
		Direction string  `json:"direction"`
		Script    string  `json:"script"`
		Complete  float64 `json:"complete"`
	}
	var info struct {
		Forms     []formInfo   `json:"forms"`
		Templates []formInfo   `json:"templates"`
		Locales   []localeInfo `json:"locales"`
	}
	de := l.catalog.Texts(l.catalog.Source())
	for _, f := range l.forms.Forms {
		title, _ := de.German(form.TitleID(f.ID), nil)
		info.Forms = append(info.Forms, formInfo{f.ID, f.Version, f.Date.Format("2006-01-02"), title})
	}
	for _, t := range l.templates.Templates {
		title, _ := de.German(letter.TitleID(t.ID), nil)
		info.Templates = append(info.Templates, formInfo{t.ID, t.Version, t.Date.Format("2006-01-02"), title})
	}
	for _, loc := range l.catalog.Locales {
		dirn := "ltr"
		if loc.RTL {
			dirn = "rtl"
		}
		info.Locales = append(info.Locales, localeInfo{loc.Tag, loc.Name, dirn, loc.Script, l.catalog.Complete(loc)})
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(info)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FORM\tVERSION\tDATE\tTITLE")
	for _, f := range info.Forms {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.ID, f.Version, f.Date, f.Title)
	}
	if len(info.Templates) > 0 {
		fmt.Fprintln(tw)
		fmt.Fprintln(tw, "TEMPLATE\tVERSION\tDATE\tTITLE")
		for _, t := range info.Templates {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.ID, t.Version, t.Date, t.Title)
		}
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "LOCALE\tNAME\tDIRECTION\tSCRIPT\tTRANSLATED")
	for _, loc := range info.Locales {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.0f%%\n", loc.Tag, loc.Name, loc.Direction, loc.Script, 100*loc.Complete)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(l.problems) > 0 {
		fmt.Fprintf(env.Stderr, "formgen: %d problems in the inputs; run formgen check\n", len(l.problems))
	}
	return nil
}

func runCheck(ctx context.Context, env *Env, args []string) error {
	fs, dir := flags(env, "check", "[--strict]", "Validate every form and locale file and list every problem.\nMissing translations are warnings; --strict makes them errors.")
	strict := fs.Bool("strict", false, "count missing translations and unused messages as errors")
	if err := parse(fs, args); err != nil {
		return err
	}
	l, err := loadDir(env, *dir)
	if err != nil {
		return err
	}
	errs := slices.Clone(l.problems)
	lerrs, warns := l.checkLocales()
	errs = append(errs, lerrs...)
	if *strict {
		errs = append(errs, warns...)
		warns = nil
	}
	errs.Sort()
	warns.Sort()
	for _, p := range warns {
		fmt.Fprintf(env.Stderr, "warning: %s\n", p.Error())
	}
	for _, p := range errs {
		fmt.Fprintf(env.Stderr, "error: %s\n", p.Error())
	}
	fmt.Fprintf(env.Stdout, "formgen: checked %d forms and %d locales: %d errors, %d warnings\n", len(l.forms.Forms), len(l.catalog.Locales), len(errs), len(warns))
	if len(errs) > 0 {
		return errQuiet
	}
	return nil
}

// checkLocales returns errors (characters no font prints) and warnings
// (messages a locale lacks, messages nothing uses) of the locale files.
func (l *loaded) checkLocales() (errs, ps problem.Problems) {
	used := map[string]bool{}
	for _, id := range l.common {
		used[id] = true
	}
	for _, f := range l.forms.Forms {
		for _, r := range f.Messages() {
			used[r.ID] = true
		}
	}
	for _, t := range l.templates.Templates {
		for _, id := range t.Messages() {
			used[id] = true
		}
	}
	de := l.catalog.Source()
	for _, loc := range l.catalog.Locales {
		for id, e := range loc.Entries {
			for _, cat := range []string{"zero", "one", "two", "few", "many", "other"} {
				if miss := l.fonts.Uncovered(e.Forms[cat]); len(miss) > 0 {
					errs = append(errs, problem.Problem{File: loc.File, Line: e.Line, Msg: fmt.Sprintf("locale %s, message %q: %v", loc.Tag, id, &text.MissingGlyphError{Runes: miss})})
				}
			}
			if !used[id] {
				ps = append(ps, problem.Problem{File: loc.File, Line: e.Line, Msg: fmt.Sprintf("message %q is not used by any form or template", id)})
			} else if loc != de && de.Entries[id] == nil {
				ps = append(ps, problem.Problem{File: loc.File, Line: e.Line, Msg: fmt.Sprintf("message %q has no German source", id)})
			}
		}
		if loc == de {
			continue
		}
		var missing []string
		for id := range de.Entries {
			if used[id] && loc.Entries[id] == nil {
				missing = append(missing, id)
			}
		}
		slices.Sort(missing)
		for _, id := range missing {
			ps = append(ps, problem.Problem{File: loc.File, Msg: fmt.Sprintf("missing translation of %q", id)})
		}
	}
	return errs, ps
}
