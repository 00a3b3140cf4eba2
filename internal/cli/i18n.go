package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"

	"formgen/internal/atomicfile"
	"formgen/internal/i18n"
	"formgen/internal/limitfs"
	"formgen/internal/locale"
	"formgen/internal/project"
	"formgen/internal/review"
)

func i18nCommand() *command {
	return &command{
		name:     "i18n",
		synopsis: "the translators' commands: status, lint, worklist, XLIFF, proof … (i18n help)",
		usage:    "<command> [--dir DIR] [flags]",
		about:    "The translators' commands, over the locale files in DIR/locales (DIR:\nthe current folder unless --dir says otherwise):",
		sub: []*command{
			{name: "status", usage: "[--json]", flags: i18nStatus, about: `Show, per locale, how many messages are translated, missing, stale (made from
an older German), machine-made, made by a human translator and reviewed,
and how complete it is.`},
			{name: "lint", usage: "[--lang TAG,TAG] [--json]", flags: i18nLint, about: `Check every translation against its German source, each plural form:
placeholders, plural forms, template syntax, numbers, § signs, e-mail and
web addresses, brackets, quotes, ending punctuation, the glossary's fixed
terms (locales/glossary/TAG.toml) both ways, the same German translated
differently, spaces at the ends, text identical to German, characters no
font prints, and text too long for its box (laid out with the real text
layer). Errors fail; warnings are listed apart.`},
			{name: "extract", usage: "[--check]", flags: i18nExtract, about: `Regenerate locales/de.toml from the forms and templates: every message
they print, in their order, keeping texts and descriptions. New messages
are written empty (check reports them); unused ones are left out.
With --check, only say whether the file would change (exit 1 if so).`},
			{name: "worklist", usage: "--lang TAG [--out FILE]", flags: i18nWorklist, about: `Write a worklist of the messages a locale lacks or has stale: the German,
the old translation, where each appears and its room, and empty fields
for the translation. Bring it back with formgen i18n merge.`},
			{name: "merge", usage: "[--state human|machine|reviewed] FILE", nargs: 1, argument: "the worklist FILE", flags: i18nMerge, about: `Merge a finished worklist into its locale file. Every translation is
checked first; nothing is written if one has a problem. The translations
are recorded as made by a human translator (--state human, the default),
by machine, or as reviewed.`},
			{name: "export", usage: "--lang TAG [--format xliff|json] [--out FILE]", flags: i18nExport, about: `Write a locale for translation tools: XLIFF 1.2 (CAT tools such as Trados,
memoQ, OmegaT; placeholders as <ph>, plural forms as a gettext plural
group, notes with where each text is used and its room, the previous
German of stale texts) or go-i18n v2 JSON (Weblate; --out is required:
an export record goes beside it in .formgen/). Each message records the
German and the translation it was exported with.`},
			{name: "import", usage: "[--keep-stale] [--remove-empty] [--state human|machine] [--record FILE] FILE", nargs: 1, argument: "the exported FILE", flags: i18nImport, about: `Bring the translations of a file made with formgen i18n export (XLIFF, or
JSON with its export record) back into its locale file, checked like a
worklist's. A message whose German or translation changed since the export
is refused (--keep-stale imports it marked stale); an emptied translation
is reported (--remove-empty removes it); nothing is written unless all is
accepted. Units final, signed-off or approved are recorded as reviewed.`},
			{name: "proof", usage: "--lang TAG --out FILE", flags: i18nProof, about: `Write a PDF for a reviewer: every message with its id, the German source
and the translation side by side, shaped and in the locale's direction.`},
			{name: "mark", usage: "--lang TAG (--reviewed | --human | --machine) [ID…]", nargs: -1, flags: i18nMark, about: `Record translations (the ids given, or all) as reviewed by a second human
translator, as made by a human translator, or as machine-made, made from
the current German. A translation with an error cannot be marked reviewed
or human.`},
			{name: "fmt", usage: "[--check]", flags: i18nFmt, about: `Rewrite every locale file in formgen's canonical form: the German file's
order, each table before its sub-tables, invisible characters as escapes;
and every status file with the German its records were made from. With
--check, only list the files that are not (exit 1 if any).`},
		},
	}
}

// The usage of --lang for the translators' commands on one locale.
const translationUsage = "`TAG` of the locale"

// workspace opens the project (--dir, or the working directory) for the
// translators' commands (i18n.OpenDir says what it must hold).
func (o *options) workspace(env *Env) (*i18n.Workspace, error) {
	return i18n.OpenDir(projectOptions(env, o.dir), false, Version)
}

// translation opens the workspace and the translation of --lang for the
// command cmd.
func (o *options) translation(env *Env, cmd string) (*i18n.Workspace, *locale.Locale, error) {
	w, err := o.workspace(env)
	if err != nil {
		return nil, nil, err
	}
	l, err := w.Locale(o.lang)
	if err != nil {
		return nil, nil, usagef("i18n "+cmd, "--lang: %v", err)
	}
	return w, l, nil
}

func i18nStatus(fs *flag.FlagSet, o *options) runner {
	o.jsonFlag(fs, "print JSON")
	return func(_ context.Context, env *Env) error {
		w, err := o.workspace(env)
		if err != nil {
			return err
		}
		st, err := w.Status()
		if err != nil {
			return err
		}
		if o.json {
			return writeJSON(env, st)
		}
		// at most 80 columns: fits any terminal
		fmt.Fprintf(env.Stdout, "%-6s %8s %10s %7s %5s %7s %5s %8s %8s\n", "LOCALE", "MESSAGES", "TRANSLATED", "MISSING", "STALE", "MACHINE", "HUMAN", "REVIEWED", "COMPLETE")
		notes := 0
		for _, s := range st {
			fmt.Fprintf(env.Stdout, "%-6s %8d %10d %7d %5d %7d %5d %8d %7.1f%%\n", s.Tag, s.Messages, s.Translated, s.Missing, s.Stale, s.Unreviewed, s.Human, s.Reviewed, s.Complete)
			notes += s.NoteChanged
		}
		if notes > 0 {
			fmt.Fprintf(env.Stdout, "\n%s whose German description changed since: still current, worth a look (formgen i18n export shows them)\n", count(notes, "translation"))
		}
		return nil
	}
}

func i18nLint(fs *flag.FlagSet, o *options) runner {
	o.langFlag(fs, "comma-separated locale `TAGS` (default: all)")
	o.jsonFlag(fs, "print the problems as JSON, for editors and CI")
	return func(ctx context.Context, env *Env) error {
		w, err := o.workspace(env)
		if err != nil {
			return err
		}
		var tags []string
		for _, t := range splitList(o.lang) {
			l, err := w.Locale(t)
			if err != nil {
				return usagef("i18n lint", "%v", err)
			}
			tags = append(tags, l.Tag)
		}
		ps, err := w.Lint(ctx, runtime.NumCPU(), tags...)
		if err != nil {
			return err
		}
		return problems(env, ps, o.json, "lint")
	}
}

func i18nExtract(fs *flag.FlagSet, o *options) runner {
	o.checkFlag(fs, "only say whether the file would change")
	return func(_ context.Context, env *Env) error {
		w, err := i18n.OpenDir(projectOptions(env, o.dir), true, Version)
		if err != nil {
			return err
		}
		x, plan, err := w.Extract()
		if err != nil {
			return err
		}
		if !o.check {
			if err := atomicfile.WriteSet(w.Dir, plan); err != nil {
				return err
			}
		}
		for _, id := range x.Added {
			fmt.Fprintf(env.Stderr, "%s: new message %q: write its German text\n", x.File, id)
		}
		for _, id := range x.Dropped {
			fmt.Fprintf(env.Stderr, "%s: message %q is used by no form or template: left out\n", x.File, id)
		}
		switch {
		case !x.Changed:
			fmt.Fprintf(env.Stdout, "formgen: %s is up to date\n", x.File)
		case o.check:
			fmt.Fprintf(env.Stdout, "formgen: %s is not up to date (%d new, %d unused messages): run formgen i18n extract\n", x.File, len(x.Added), len(x.Dropped))
			return errQuiet
		default:
			fmt.Fprintf(env.Stdout, "formgen: wrote %s (%d new, %d unused messages left out)\n", x.File, len(x.Added), len(x.Dropped))
		}
		return nil
	}
}

func i18nWorklist(fs *flag.FlagSet, o *options) runner {
	o.langFlag(fs, translationUsage)
	o.outFlag(fs, "", "`FILE` to write (default: standard output)")
	return func(ctx context.Context, env *Env) error {
		w, l, err := o.translation(env, "worklist")
		if err != nil {
			return err
		}
		if err := checkOut(env, w.Project, o.out); err != nil {
			return err
		}
		src, n, err := w.Worklist(ctx, runtime.NumCPU(), l)
		if err != nil {
			return err
		}
		if err := write(env, o.out, src); err != nil {
			return err
		}
		if o.out != "" && o.out != "-" {
			fmt.Fprintf(env.Stdout, "formgen: %s of %s to translate in %s\n", count(n, "message"), l.Tag, o.out)
		}
		return nil
	}
}

func i18nMerge(fs *flag.FlagSet, o *options) runner {
	state := fs.String("state", review.Human, "record the translations as `STATE`: human, machine or reviewed")
	reviewed := fs.Bool("reviewed", false, "the same as --state reviewed")
	return func(_ context.Context, env *Env) error {
		if *reviewed {
			*state = review.Reviewed
		}
		if !slices.Contains(review.States, *state) {
			return usagef("i18n merge", "--state %q: want human, machine or reviewed", *state)
		}
		w, err := o.workspace(env)
		if err != nil {
			return err
		}
		src, err := limitfs.ReadFile(env.path(o.args[0]), limitfs.MaxFile)
		if err != nil {
			return err
		}
		m, plan, err := w.Merge(o.args[0], src, *state)
		if err == nil {
			err = atomicfile.WriteSet(w.Dir, plan)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "formgen: merged %s into %s; %d left empty\n", count(len(m.Updated), "translation"), filepath.Join(w.Name, m.Lang+".toml"), len(m.Empty))
		return nil
	}
}

func i18nExport(fs *flag.FlagSet, o *options) runner {
	o.langFlag(fs, translationUsage)
	o.outFlag(fs, "", "`FILE` to write (default: standard output, xliff only)")
	format := fs.String("format", "xliff", "`FORMAT`: xliff or json (go-i18n v2, for Weblate)")
	return func(ctx context.Context, env *Env) error {
		switch *format {
		case "xliff":
			return exportXLIFF(ctx, env, o)
		case "json":
			return exportJSON(env, o)
		}
		return usagef("i18n export", "--format %q: want xliff or json", *format)
	}
}

// exportXLIFF writes the XLIFF file of formgen i18n export.
func exportXLIFF(ctx context.Context, env *Env, o *options) error {
	w, l, err := o.translation(env, "export")
	if err != nil {
		return err
	}
	if err := checkOut(env, w.Project, o.out); err != nil {
		return err
	}
	src, err := w.Export(ctx, runtime.NumCPU(), l, Version)
	if err != nil {
		return err
	}
	return write(env, o.out, src)
}

// exportJSON writes the go-i18n JSON file of formgen i18n export, and its
// export record beside it.
func exportJSON(env *Env, o *options) error {
	if o.out == "" || o.out == "-" {
		return usagef("i18n export", "--format json needs --out FILE (its export record goes beside it)")
	}
	w, err := o.workspace(env)
	if err != nil {
		return err
	}
	l := w.Catalog.Get(o.lang) // German too: Weblate's source file
	if l == nil {
		_, err := w.Catalog.Match(o.lang)
		return usagef("i18n export", "--lang: %v", err)
	}
	for _, f := range []string{o.out, i18n.RecordPath(o.out)} {
		if err := checkOut(env, w.Project, f); err != nil {
			return err
		}
	}
	plan, err := w.ExportJSON(l, env.path(o.out))
	if err == nil {
		err = atomicfile.WriteSet(filepath.Dir(env.path(o.out)), plan)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "formgen: %s: go-i18n v2 JSON of %s\n", o.out, l.Tag)
	return nil
}

func i18nImport(fs *flag.FlagSet, o *options) runner {
	var opt i18n.ImportOptions
	fs.BoolVar(&opt.KeepStale, "keep-stale", false, "import messages whose German or translation changed since the export, marked stale")
	fs.BoolVar(&opt.RemoveEmpty, "remove-empty", false, "remove translations emptied in the file")
	fs.StringVar(&opt.State, "state", review.Human, "record changed translations not approved in the file as `STATE`: human or machine")
	format := fs.String("format", "", "`FORMAT` of the file: xliff or json (default: by its extension)")
	record := fs.String("record", "", "the export `RECORD` of a JSON file (default: .formgen/NAME.toml beside it)")
	return func(_ context.Context, env *Env) error {
		switch {
		case opt.State != review.Human && opt.State != review.Machine:
			return usagef("i18n import", "--state %q: want human or machine (approved units are recorded as reviewed)", opt.State)
		case *format != "" && *format != "xliff" && *format != "json":
			return usagef("i18n import", "--format %q: want xliff or json", *format)
		}
		w, err := o.workspace(env)
		if err != nil {
			return err
		}
		name := o.args[0]
		src, err := limitfs.ReadFile(env.path(name), limitfs.MaxFile)
		if err != nil {
			return err
		}
		readRecord := func(rec string) ([]byte, error) { return limitfs.ReadFile(env.path(rec), limitfs.MaxFile) }
		res, plan, err := w.ImportFile(name, src, *format, *record, readRecord, opt)
		if err == nil {
			err = atomicfile.WriteSet(w.Dir, plan)
		}
		if err != nil {
			return err
		}
		for _, s := range res.KeptStale {
			fmt.Fprintf(env.Stderr, "%s: kept as stale: %s\n", name, s)
		}
		fmt.Fprintf(env.Stdout, "formgen: %s: %s new or changed, %d recorded as reviewed, %d removed, %d kept as stale\n", filepath.Join(w.Name, res.Lang+".toml"), count(len(res.Updated), "translation"), len(res.Reviewed), len(res.Removed), len(res.KeptStale))
		return nil
	}
}

func i18nProof(fs *flag.FlagSet, o *options) runner {
	o.langFlag(fs, translationUsage)
	o.outFlag(fs, "", "`FILE` to write, - for standard output")
	return func(_ context.Context, env *Env) error {
		if o.out == "" {
			return usagef("i18n proof", "--out is required (- for standard output)")
		}
		w, l, err := o.translation(env, "proof")
		if err != nil {
			return err
		}
		if err := checkOut(env, w.Project, o.out); err != nil {
			return err
		}
		res, err := w.Proof(l, project.Today(w.Engine.Date))
		if err == nil {
			err = write(env, o.out, res.PDF)
		}
		if err != nil {
			return err
		}
		if o.out != "-" {
			fmt.Fprintf(env.Stdout, "formgen: proof of %s, %d pages, in %s\n", l.Tag, res.Pages, o.out)
		}
		return nil
	}
}

func i18nMark(fs *flag.FlagSet, o *options) runner {
	o.langFlag(fs, translationUsage)
	states := map[string]*bool{
		review.Reviewed: fs.Bool("reviewed", false, "reviewed by a second human translator"),
		review.Human:    fs.Bool("human", false, "made or checked by a human translator"),
		review.Machine:  fs.Bool("machine", false, "machine-made, not yet checked by a human"),
	}
	return func(_ context.Context, env *Env) error {
		var given []string
		for state, set := range states {
			if *set {
				given = append(given, state)
			}
		}
		if len(given) != 1 {
			return usagef("i18n mark", "give one of --reviewed, --human and --machine")
		}
		w, l, err := o.translation(env, "mark")
		if err != nil {
			return err
		}
		n, plan, err := w.Mark(l, o.args, given[0])
		if err == nil {
			err = atomicfile.WriteSet(w.Dir, plan)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "formgen: %s of %s marked %s\n", count(n, "translation"), l.Tag, given[0])
		return nil
	}
}

func i18nFmt(fs *flag.FlagSet, o *options) runner {
	o.checkFlag(fs, "only list the files that are not in canonical form")
	return func(_ context.Context, env *Env) error {
		w, err := o.workspace(env)
		if err != nil {
			return err
		}
		changed, plan, err := w.Format()
		if err != nil {
			return err
		}
		if !o.check {
			if err := atomicfile.WriteSet(w.Dir, plan); err != nil {
				return err
			}
		}
		for _, f := range changed {
			fmt.Fprintln(env.Stdout, f)
		}
		if o.check && len(changed) > 0 {
			return errQuiet
		}
		return nil
	}
}
