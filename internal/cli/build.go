package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"formgen/internal/build"
	"formgen/internal/form"
	"formgen/internal/letter"
	"formgen/internal/locale"
	"formgen/internal/project"
	"formgen/internal/render"
)

func runBuild(ctx context.Context, env *Env, args []string) error {
	flagSet, dir := flags(env, "build", "[--out DIR] [--forms ID,ID] [--langs TAG,TAG] [--jobs N] [--force] [--prune] [--shard K/N]",
		`Write every form and every template (with its example data) in every locale
to DIR/<tag>/<id>.pdf. Only PDFs whose inputs changed since the last build
are made again: DIR/`+build.ManifestFile+` records what each PDF was made from.`)
	out := flagSet.String("out", "out", "`DIR` to write the PDFs to")
	only := flagSet.String("forms", "", "comma-separated form and template `IDs` (default: all)")
	langsFlag := flagSet.String("langs", "", "comma-separated locale `TAGS` (default: all)")
	strict := flagSet.Bool("strict", false, "fail a PDF whose locale lacks a message instead of printing German")
	jobs := flagSet.Int("jobs", runtime.NumCPU(), "PDFs made at once (`N`)")
	quiet := flagSet.Bool("quiet", false, "print nothing but warnings and errors")
	force := flagSet.Bool("force", false, "make every PDF again, changed or not")
	prune := flagSet.Bool("prune", false, "remove the PDFs of forms, templates and locales that no longer exist")
	shardFlag := flagSet.String("shard", "", "build only part `K/N` of the PDFs (for several machines; join their manifests with formgen manifest merge)")
	if err := parse(flagSet, args); err != nil {
		return err
	}
	if *jobs < 1 {
		return usagef("build: --jobs must be at least 1")
	}
	var shard build.Shard
	if *shardFlag != "" {
		var err error
		if shard, err = build.ParseShard(*shardFlag); err != nil {
			return usagef("build: %v", err)
		}
	}
	if *prune && (*only != "" || *langsFlag != "") {
		return usagef("build: --prune needs the whole build (no --forms or --langs): it removes what is not part of it")
	}
	l, err := openProject(env, *dir, splitList(*langsFlag)...)
	if err != nil {
		return err
	}
	var failures []string
	for _, p := range l.Problems() {
		failures = append(failures, p.Error())
	}
	forms, templates := l.Forms.Forms, l.Templates.Templates
	if ids := splitList(*only); len(ids) > 0 {
		forms, templates, failures = nil, nil, nil // only the chosen ones' problems matter
		for _, id := range ids {
			if t := l.Templates.Get(id); t != nil {
				templates = append(templates, t)
				continue
			}
			f, err := l.Form(id)
			if err != nil {
				return err
			}
			forms = append(forms, f)
		}
	}
	locs := l.Catalog.Locales
	if tags := splitList(*langsFlag); len(tags) > 0 {
		locs = nil
		for _, t := range tags {
			loc, err := l.Locale(t)
			if err != nil {
				return err
			}
			locs = append(locs, loc)
		}
	}
	eng, err := engine(l)
	if err != nil {
		return err
	}
	p := &planner{l: l, eng: eng}
	if !l.Date.IsZero() {
		p.epoch = strconv.FormatInt(l.Date.Unix(), 10)
	}
	if p.fonts, err = dirDigest(l.FS(project.Fonts)); err != nil {
		return fmt.Errorf("%s: %w", l.Name(project.Fonts), err)
	}
	p.office, _ = fs.ReadFile(l.FS(project.Forms), form.OfficeFile)
	var docs []build.Doc
	var bad []string
	for _, t := range templates {
		if _, err := l.Templates.Example(t); err != nil {
			bad = append(bad, t.ID)
			failures = append(failures, err.Error())
		}
	}
	for _, loc := range locs {
		for _, f := range forms {
			docs = append(docs, p.form(f, loc))
		}
		for _, t := range templates {
			if !slices.Contains(bad, t.ID) {
				docs = append(docs, p.template(t, loc))
			}
		}
	}
	// every document that exists, for --prune
	var all []build.Doc
	for _, loc := range l.Catalog.Locales {
		for _, f := range l.Forms.Forms {
			all = append(all, build.Doc{Path: loc.Tag + "/" + f.ID + ".pdf"})
		}
		for _, t := range l.Templates.Templates {
			all = append(all, build.Doc{Path: loc.Tag + "/" + t.ID + ".pdf"})
		}
	}
	prog := newProgress(env, *quiet)
	sum, err := build.Run(ctx, docs, all, build.Options{
		Out:      env.path(*out),
		Jobs:     *jobs,
		Force:    *force,
		Prune:    *prune,
		Strict:   *strict,
		Shard:    shard,
		Tool:     Version,
		Messages: p.messages,
		Progress: prog.report,
	})
	prog.end()
	if err != nil {
		return err
	}
	keys := make([]string, 0, len(sum.Missing))
	for k := range sum.Missing {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		tag, id, _ := strings.Cut(strings.TrimSuffix(k, ".pdf"), "/")
		warnMissing(env.Stderr, tag, id, sum.Missing[k])
	}
	for _, e := range sum.Failed {
		failures = append(failures, e.Error())
	}
	if !*quiet {
		done := sum.Written + sum.Unchanged + len(sum.Failed)
		if done < sum.Total {
			fmt.Fprintf(env.Stdout, "formgen: %d of %d PDFs", done, sum.Total)
		} else {
			fmt.Fprintf(env.Stdout, "formgen: %d PDFs", done)
		}
		fmt.Fprintf(env.Stdout, " in %s: %d written, %d unchanged, %d failed", *out, sum.Written, sum.Unchanged, len(failures))
		if len(sum.Pruned) > 0 {
			fmt.Fprintf(env.Stdout, ", %d removed", len(sum.Pruned))
		}
		fmt.Fprintf(env.Stdout, " (%s)\n", sum.Elapsed.Round(time.Millisecond))
		if len(sum.Kept) > 0 {
			fmt.Fprintf(env.Stdout, "formgen: %d PDFs of forms, templates or locales that no longer exist are still in %s (--prune removes them)\n", len(sum.Kept), *out)
		}
	}
	if sum.Interrupted {
		fmt.Fprintf(env.Stderr, "formgen: build interrupted; the PDFs written so far and %s are consistent: run the build again to finish\n", build.ManifestFile)
		return errQuiet
	}
	if len(failures) > 0 {
		for _, f := range failures {
			for _, line := range strings.Split(f, "\n") {
				fmt.Fprintf(env.Stderr, "formgen: %s\n", line)
			}
		}
		return errQuiet
	}
	return nil
}

// planner describes the documents of a build: what each is made from.
type planner struct {
	l      *project.Project
	eng    *render.Engine
	fonts  string // digest of the font folder
	office []byte
	epoch  string // SOURCE_DATE_EPOCH: the date in every PDF
}

// base is the digest of what a document is made from besides messages.
func (p *planner) base(kind, id string, loc *locale.Locale, files ...[]byte) string {
	h := sha256.New()
	for _, s := range []string{"formgen " + Version, kind, id, loc.Tag, p.fonts, p.epoch} {
		fmt.Fprintf(h, "%d:%s;", len(s), s)
	}
	for _, f := range append(files, p.office) {
		fmt.Fprintf(h, "%d:", len(f))
		h.Write(f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (p *planner) form(f *form.Form, loc *locale.Locale) build.Doc {
	src, _ := fs.ReadFile(p.l.FS(project.Forms), f.ID+".toml")
	return build.Doc{
		Path: loc.Tag + "/" + f.ID + ".pdf", Kind: "form", ID: f.ID, Lang: loc.Tag,
		Base: p.base("form", f.ID, loc, src),
		Make: func() (*render.Result, error) { return p.eng.Form(f.ID, loc, nil) },
	}
}

func (p *planner) template(t *letter.Template, loc *locale.Locale) build.Doc {
	fsys := p.l.FS(project.Templates)
	src, _ := fs.ReadFile(fsys, t.ID+".toml")
	example, _ := fs.ReadFile(fsys, path.Join(letter.ExamplesDir, t.ID+".toml"))
	return build.Doc{
		Path: loc.Tag + "/" + t.ID + ".pdf", Kind: "template", ID: t.ID, Lang: loc.Tag,
		Base: p.base("template", t.ID, loc, src, example),
		Make: func() (*render.Result, error) {
			rec, err := p.l.Templates.Example(t)
			if err != nil {
				return nil, err
			}
			return p.eng.Letter(t.ID, loc, rec)
		},
	}
}

func (p *planner) messages(tag string, ids []string) string {
	return p.l.Catalog.Digest(p.l.Catalog.Get(tag), ids)
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

// progress shows how far a build is: a bar redrawn in place on a
// terminal, a line every few seconds otherwise, nothing with --quiet.
type progress struct {
	w     io.Writer
	tty   bool
	quiet bool
	mu    sync.Mutex
	last  time.Time
	shown bool
}

func newProgress(env *Env, quiet bool) *progress {
	p := &progress{w: env.Stderr, quiet: quiet, last: time.Now()}
	if f, ok := env.Stderr.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) report(r build.Progress) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	final := r.Done == r.Total
	rate := float64(r.Done) / max(r.Elapsed.Seconds(), 1e-3)
	if p.tty {
		if !final && now.Sub(p.last) < 100*time.Millisecond {
			return
		}
		const width = 24
		n := r.Done * width / max(r.Total, 1)
		item := r.Path
		if len(item) > 30 {
			item = "…" + item[len(item)-29:]
		}
		fmt.Fprintf(p.w, "\r\033[K[%s%s] %d/%d  %.0f PDF/s  %s", strings.Repeat("=", n), strings.Repeat(" ", width-n), r.Done, r.Total, rate, item)
		p.shown = true
	} else {
		if !final && now.Sub(p.last) < 5*time.Second {
			return
		}
		fmt.Fprintf(p.w, "formgen: %d/%d PDFs, %.0f PDF/s, last %s\n", r.Done, r.Total, rate, r.Path)
	}
	p.last = now
}

// end clears the bar so that the summary starts on a line of its own.
func (p *progress) end() {
	if p.tty && p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func runManifest(_ context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] != "merge" {
		return usagef("manifest: want formgen manifest merge --out FILE MANIFEST…")
	}
	fs, _ := flags(env, "manifest merge", "--out FILE MANIFEST…", `Join the manifests of the shards of one build (formgen build --shard K/N)
into one, for the output folder that holds all their PDFs.`)
	out := fs.String("out", "", "`FILE` to write the joined manifest to")
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args[1:]); errors.Is(err, flag.ErrHelp) {
		return err
	} else if err != nil {
		return usagef("manifest merge: %v", err)
	}
	if *out == "" || fs.NArg() == 0 {
		return usagef("manifest merge: want --out FILE and at least one manifest")
	}
	var paths []string
	for _, a := range fs.Args() {
		paths = append(paths, env.path(a))
	}
	m, err := build.Merge(paths)
	if err != nil {
		return err
	}
	if err := m.Write(env.path(*out)); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "formgen: %d PDFs in %s\n", len(m.PDFs), filepath.ToSlash(*out))
	return nil
}
