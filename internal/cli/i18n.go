package cli

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"formgen/internal/atomicfile"
	"formgen/internal/i18n"
	"formgen/internal/limitfs"
	"formgen/internal/locale"
	"formgen/internal/project"
	"formgen/internal/review"
)

type i18nCommand struct {
	name, args, about string
	run               func(ctx context.Context, env *Env, c i18nCommand, args []string) error
}

func i18nCommands() []i18nCommand {
	return []i18nCommand{
		{"status", "[--json]", "Show, per locale, how many messages are translated, missing, stale (made from\nan older German), machine-made, made by a human translator and reviewed,\nand how complete it is.", i18nStatus},
		{"lint", "[--lang TAG,TAG] [--json]", "Check every translation against its German source, each plural form:\nplaceholders, plural forms, template syntax, numbers, § signs, e-mail and\nweb addresses, brackets, quotes, ending punctuation, the glossary's fixed\nterms (locales/glossary/TAG.toml) both ways, the same German translated\ndifferently, spaces at the ends, text identical to German, characters no\nfont prints, and text too long for its box (laid out with the real text\nlayer). Errors fail; warnings are listed apart.", i18nLint},
		{"extract", "[--check]", "Regenerate locales/de.toml from the forms and templates: every message\nthey print, in their order, keeping texts and descriptions. New messages\nare written empty (check reports them); unused ones are left out.\nWith --check, only say whether the file would change (exit 1 if so).", i18nExtract},
		{"worklist", "--lang TAG [--out FILE]", "Write a worklist of the messages a locale lacks or has stale: the German,\nthe old translation, where each appears and its room, and empty fields\nfor the translation. Bring it back with formgen i18n merge.", i18nWorklist},
		{"merge", "[--state human|machine|reviewed] FILE", "Merge a finished worklist into its locale file. Every translation is\nchecked first; nothing is written if one has a problem. The translations\nare recorded as made by a human translator (--state human, the default),\nby machine, or as reviewed.", i18nMerge},
		{"export", "--lang TAG [--format xliff|json] [--out FILE]", "Write a locale for translation tools: XLIFF 1.2 (CAT tools such as Trados,\nmemoQ, OmegaT; placeholders as <ph>, plural forms as a gettext plural\ngroup, notes with where each text is used and its room, the previous\nGerman of stale texts) or go-i18n v2 JSON (Weblate; --out is required:\nan export record goes beside it in .formgen/). Each message records the\nGerman and the translation it was exported with.", i18nExport},
		{"import", "[--keep-stale] [--remove-empty] [--state human|machine] [--record FILE] FILE", "Bring the translations of a file made with formgen i18n export (XLIFF, or\nJSON with its export record) back into its locale file, checked like a\nworklist's. A message whose German or translation changed since the export\nis refused (--keep-stale imports it marked stale); an emptied translation\nis reported (--remove-empty removes it); nothing is written unless all is\naccepted. Units final, signed-off or approved are recorded as reviewed.", i18nImport},
		{"proof", "--lang TAG --out FILE", "Write a PDF for a reviewer: every message with its id, the German source\nand the translation side by side, shaped and in the locale's direction.", i18nProof},
		{"mark", "--lang TAG (--reviewed | --human | --machine) [ID…]", "Record translations (the ids given, or all) as reviewed by a second human\ntranslator, as made by a human translator, or as machine-made, made from\nthe current German. A translation with an error cannot be marked reviewed\nor human.", i18nMark},
		{"fmt", "[--check]", "Rewrite every locale file in formgen's canonical form: the German file's\norder, each table before its sub-tables, invisible characters as escapes;\nand every status file with the German its records were made from. With\n--check, only list the files that are not (exit 1 if any).", i18nFmt},
	}
}

func runI18n(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(env.Stdout, "Usage: formgen i18n <command> [--dir DIR] [flags]\n\nThe translators' commands, over the locale files in DIR/locales (DIR:\nthe current folder unless --dir says otherwise):")
		for _, c := range i18nCommands() {
			fmt.Fprintf(env.Stdout, "\n  %s %s\n", c.name, c.args)
			for _, line := range strings.Split(c.about, "\n") {
				fmt.Fprintf(env.Stdout, "      %s\n", line)
			}
		}
		fmt.Fprintln(env.Stdout, "\nRun 'formgen i18n <command> --help' for a command's flags.")
		if len(args) == 0 {
			return usagef("i18n: no command given")
		}
		return nil
	}
	for _, c := range i18nCommands() {
		if c.name == args[0] {
			return c.run(ctx, env, c, args[1:])
		}
	}
	return usagef("i18n: unknown command %q (run formgen i18n help)", args[0])
}

// i18nFlags returns the flag set of an i18n command, with --dir.
func i18nFlags(env *Env, c i18nCommand) (*flag.FlagSet, *string) {
	return flags(env, "i18n "+c.name, c.args, c.about)
}

// parseArgs parses flags and returns the arguments after them; n is how
// many there must be (-1: any number).
func parseArgs(fs *flag.FlagSet, args []string, n int) ([]string, error) {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return nil, err
	}
	if err != nil {
		return nil, usagef("%s: %v", fs.Name(), err)
	}
	if n >= 0 && fs.NArg() != n {
		if n == 0 {
			return nil, usagef("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
		}
		return nil, usagef("%s: want %d file argument, got %d", fs.Name(), n, fs.NArg())
	}
	return fs.Args(), nil
}

// workspace opens the project (--dir, or the working directory) for the
// translators' commands (i18n.Open says what it must hold).
func workspace(env *Env, dir string, forExtract bool) (*i18n.Workspace, error) {
	if err := recoverLocales(env, dir); err != nil {
		return nil, err
	}
	p, err := openProject(env, dir)
	if err != nil {
		return nil, err
	}
	if p.Disk(project.Locales) == "" {
		return nil, fmt.Errorf("no locales folder in %s: run formgen i18n in the formgen repository, or give --dir", cmp.Or(dir, "the current folder"))
	}
	return i18n.Open(p, forExtract, Version)
}

// recoverLocales completes a write of translations that a crash
// interrupted (see atomicfile.WriteSet) before the locales are read.
func recoverLocales(env *Env, dir string) error {
	loc := filepath.Join(env.path(cmp.Or(dir, ".")), project.Locales)
	if st, err := os.Stat(loc); err != nil || !st.IsDir() {
		return nil
	}
	if err := atomicfile.Recover(loc); err != nil {
		return fmt.Errorf("%s: %w", loc, err)
	}
	return nil
}

// i18nOpen parses flags and opens the workspace.
func i18nOpen(env *Env, c i18nCommand, fs *flag.FlagSet, dir *string, args []string, n int) (*i18n.Workspace, []string, error) {
	rest, err := parseArgs(fs, args, n)
	if err != nil {
		return nil, nil, err
	}
	w, err := workspace(env, *dir, false)
	return w, rest, err
}

// count writes n and a noun, with an s when n is not one.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// i18nLocale is i18nOpen for a command on one locale, given by --lang.
func i18nLocale(env *Env, c i18nCommand, fs *flag.FlagSet, dir, lang *string, args []string, n int) (*i18n.Workspace, *locale.Locale, []string, error) {
	w, rest, err := i18nOpen(env, c, fs, dir, args, n)
	if err != nil {
		return nil, nil, nil, err
	}
	l, err := w.Locale(*lang)
	if err != nil {
		return nil, nil, nil, usagef("i18n %s: --lang: %v", c.name, err)
	}
	return w, l, rest, nil
}

// write writes data to the file name, or standard output for "" and "-".
func write(env *Env, name string, data []byte) error {
	if name == "" || name == "-" {
		_, err := env.Stdout.Write(data)
		return err
	}
	return atomicfile.Write(env.path(name), data, 0o644)
}

func i18nStatus(_ context.Context, env *Env, c i18nCommand, args []string) error {
	fs, dir := i18nFlags(env, c)
	asJSON := fs.Bool("json", false, "print JSON")
	w, _, err := i18nOpen(env, c, fs, dir, args, 0)
	if err != nil {
		return err
	}
	st, err := w.Status()
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
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

func i18nLint(ctx context.Context, env *Env, c i18nCommand, args []string) error {
	fs, dir := i18nFlags(env, c)
	langs := fs.String("lang", "", "comma-separated locale `TAGS` (default: all)")
	asJSON := fs.Bool("json", false, "print the findings as JSON, for editors and CI")
	w, _, err := i18nOpen(env, c, fs, dir, args, 0)
	if err != nil {
		return err
	}
	var tags []string
	for _, t := range splitList(*langs) {
		l, err := w.Locale(t)
		if err != nil {
			return usagef("i18n lint: %v", err)
		}
		tags = append(tags, l.Tag)
	}
	found, err := w.Lint(ctx, runtime.NumCPU(), tags...)
	if err != nil {
		return err
	}
	return problems(env, found, *asJSON, "lint")
}

func i18nExtract(_ context.Context, env *Env, c i18nCommand, args []string) error {
	fs, dir := i18nFlags(env, c)
	check := fs.Bool("check", false, "only say whether the file would change")
	if _, err := parseArgs(fs, args, 0); err != nil {
		return err
	}
	w, err := workspace(env, *dir, true)
	if err != nil {
		return err
	}
	x, plan, err := w.Extract()
	if err != nil {
		return err
	}
	if !*check {
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
	case *check:
		fmt.Fprintf(env.Stdout, "formgen: %s is not up to date (%d new, %d unused messages): run formgen i18n extract\n", x.File, len(x.Added), len(x.Dropped))
		return errQuiet
	default:
		fmt.Fprintf(env.Stdout, "formgen: wrote %s (%d new, %d unused messages left out)\n", x.File, len(x.Added), len(x.Dropped))
	}
	return nil
}

func i18nWorklist(ctx context.Context, env *Env, c i18nCommand, args []string) error {
	fs, dir := i18nFlags(env, c)
	lang := fs.String("lang", "", "`TAG` of the locale")
	out := fs.String("out", "", "`FILE` to write (default: standard output)")
	w, l, _, err := i18nLocale(env, c, fs, dir, lang, args, 0)
	if err != nil {
		return err
	}
	if err := checkOut(env, *out, w.Project); err != nil {
		return err
	}
	src, n, err := w.Worklist(ctx, runtime.NumCPU(), l)
	if err != nil {
		return err
	}
	if err := write(env, *out, src); err != nil {
		return err
	}
	if *out != "" && *out != "-" {
		fmt.Fprintf(env.Stdout, "formgen: %s of %s to translate in %s\n", count(n, "message"), l.Tag, *out)
	}
	return nil
}

func i18nMerge(_ context.Context, env *Env, c i18nCommand, args []string) error {
	fs, dir := i18nFlags(env, c)
	state := fs.String("state", review.Human, "record the translations as `STATE`: human, machine or reviewed")
	reviewed := fs.Bool("reviewed", false, "the same as --state reviewed")
	w, rest, err := i18nOpen(env, c, fs, dir, args, 1)
	if err != nil {
		return err
	}
	if *reviewed {
		*state = review.Reviewed
	}
	if !slices.Contains(review.States, *state) {
		return usagef("i18n merge: --state %q: want human, machine or reviewed", *state)
	}
	src, err := limitfs.ReadFile(env.path(rest[0]), limitfs.MaxFile)
	if err != nil {
		return err
	}
	m, plan, err := w.Merge(rest[0], src, *state)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteSet(w.Dir, plan); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "formgen: merged %s into %s; %d left empty\n", count(len(m.Updated), "translation"), filepath.Join(w.Name, m.Lang+".toml"), len(m.Empty))
	return nil
}

func i18nExport(ctx context.Context, env *Env, c i18nCommand, args []string) error {
	fs, dir := i18nFlags(env, c)
	lang := fs.String("lang", "", "`TAG` of the locale")
	format := fs.String("format", "xliff", "`FORMAT`: xliff or json (go-i18n v2, for Weblate)")
	out := fs.String("out", "", "`FILE` to write (default: standard output, xliff only)")
	w, _, err := i18nOpen(env, c, fs, dir, args, 0)
	if err != nil {
		return err
	}
	var l *locale.Locale
	switch *format {
	case "xliff":
		if l, err = w.Locale(*lang); err != nil {
			return usagef("i18n export: --lang: %v", err)
		}
		if err := checkOut(env, *out, w.Project); err != nil {
			return err
		}
		src, err := w.Export(ctx, runtime.NumCPU(), l, Version)
		if err != nil {
			return err
		}
		return write(env, *out, src)
	case "json":
		if l = w.Catalog.Get(*lang); l == nil {
			_, err := w.Catalog.Match(*lang)
			return usagef("i18n export: --lang: %v", err)
		}
		if *out == "" || *out == "-" {
			return usagef("i18n export: --format json needs --out FILE (its export record goes beside it)")
		}
		for _, f := range []string{*out, i18n.RecordPath(*out)} {
			if err := checkOut(env, f, w.Project); err != nil {
				return err
			}
		}
		plan, err := w.ExportJSON(l, env.path(*out))
		if err != nil {
			return err
		}
		if err := atomicfile.WriteSet(filepath.Dir(env.path(*out)), plan); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "formgen: %s: go-i18n v2 JSON of %s\n", *out, l.Tag)
		return nil
	}
	return usagef("i18n export: --format %q: want xliff or json", *format)
}

func i18nImport(_ context.Context, env *Env, c i18nCommand, args []string) error {
	fs, dir := i18nFlags(env, c)
	var opt i18n.ImportOptions
	fs.BoolVar(&opt.KeepStale, "keep-stale", false, "import messages whose German or translation changed since the export, marked stale")
	fs.BoolVar(&opt.RemoveEmpty, "remove-empty", false, "remove translations emptied in the file")
	fs.StringVar(&opt.State, "state", review.Human, "record changed translations not approved in the file as `STATE`: human or machine")
	format := fs.String("format", "", "`FORMAT` of the file: xliff or json (default: by its extension)")
	record := fs.String("record", "", "the export `RECORD` of a JSON file (default: .formgen/NAME.toml beside it)")
	w, rest, err := i18nOpen(env, c, fs, dir, args, 1)
	if err != nil {
		return err
	}
	if opt.State != review.Human && opt.State != review.Machine {
		return usagef("i18n import: --state %q: want human or machine (approved units are recorded as reviewed)", opt.State)
	}
	name := rest[0]
	src, err := limitfs.ReadFile(env.path(name), limitfs.MaxFile)
	if err != nil {
		return err
	}
	if *format != "" && *format != "xliff" && *format != "json" {
		return usagef("i18n import: --format %q: want xliff or json", *format)
	}
	readRecord := func(rec string) ([]byte, error) { return limitfs.ReadFile(env.path(rec), limitfs.MaxFile) }
	res, plan, err := w.ImportFile(name, src, *format, *record, readRecord, opt)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteSet(w.Dir, plan); err != nil {
		return err
	}
	for _, s := range res.KeptStale {
		fmt.Fprintf(env.Stderr, "%s: kept as stale: %s\n", name, s)
	}
	fmt.Fprintf(env.Stdout, "formgen: %s: %s new or changed, %d recorded as reviewed, %d removed, %d kept as stale\n", filepath.Join(w.Name, res.Lang+".toml"), count(len(res.Updated), "translation"), len(res.Reviewed), len(res.Removed), len(res.KeptStale))
	return nil
}

func i18nProof(_ context.Context, env *Env, c i18nCommand, args []string) error {
	fs, dir := i18nFlags(env, c)
	lang := fs.String("lang", "", "`TAG` of the locale")
	out := fs.String("out", "", "`FILE` to write, - for standard output")
	w, l, _, err := i18nLocale(env, c, fs, dir, lang, args, 0)
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef("i18n proof: --out is required (- for standard output)")
	}
	if err := checkOut(env, *out, w.Project); err != nil {
		return err
	}
	res, err := w.Proof(l, project.Today(w.Engine.Date))
	if err != nil {
		return err
	}
	if err := write(env, *out, res.PDF); err != nil {
		return err
	}
	if *out != "-" {
		fmt.Fprintf(env.Stdout, "formgen: proof of %s, %d pages, in %s\n", l.Tag, res.Pages, *out)
	}
	return nil
}

func i18nMark(_ context.Context, env *Env, c i18nCommand, args []string) error {
	fs, dir := i18nFlags(env, c)
	lang := fs.String("lang", "", "`TAG` of the locale")
	rev := fs.Bool("reviewed", false, "reviewed by a second human translator")
	human := fs.Bool("human", false, "made or checked by a human translator")
	machine := fs.Bool("machine", false, "machine-made, not yet checked by a human")
	w, l, ids, err := i18nLocale(env, c, fs, dir, lang, args, -1)
	if err != nil {
		return err
	}
	var state string
	for _, o := range []struct {
		set   bool
		state string
	}{{*rev, review.Reviewed}, {*human, review.Human}, {*machine, review.Machine}} {
		if o.set {
			if state != "" {
				return usagef("i18n mark: give one of --reviewed, --human and --machine")
			}
			state = o.state
		}
	}
	if state == "" {
		return usagef("i18n mark: give one of --reviewed, --human and --machine")
	}
	n, plan, err := w.Mark(l, ids, state)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteSet(w.Dir, plan); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "formgen: %s of %s marked %s\n", count(n, "translation"), l.Tag, state)
	return nil
}

func i18nFmt(_ context.Context, env *Env, c i18nCommand, args []string) error {
	fs, dir := i18nFlags(env, c)
	check := fs.Bool("check", false, "only list the files that are not in canonical form")
	w, _, err := i18nOpen(env, c, fs, dir, args, 0)
	if err != nil {
		return err
	}
	changed, plan, err := w.Format()
	if err != nil {
		return err
	}
	if !*check {
		if err := atomicfile.WriteSet(w.Dir, plan); err != nil {
			return err
		}
	}
	for _, f := range changed {
		fmt.Fprintln(env.Stdout, f)
	}
	if *check && len(changed) > 0 {
		return errQuiet
	}
	return nil
}
