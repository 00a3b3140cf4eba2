package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"formgen/internal/build"
	"formgen/internal/problem"
)

func runBuild(ctx context.Context, env *Env, args []string) error {
	flagSet, dir := flags(env, "build", "[--out DIR] [--forms ID,ID] [--langs TAG,TAG] [--jobs N] [--force] [--prune] [--shard K/N]",
		`Write every form and every template (with its example data) in every locale
to DIR/<tag>/<id>.pdf. Only PDFs whose inputs changed since the last build
are made again: DIR/`+build.ManifestFile+` records what each PDF was made from.`)
	out := flagSet.String("out", "out", "`DIR` to write the PDFs to")
	only := flagSet.String("forms", "", "comma-separated form and template `IDs` (default: all)")
	langsFlag := flagSet.String("langs", "", "comma-separated locale `TAGS` (default: all)")
	opt := build.Options{Tool: Version}
	flagSet.BoolVar(&opt.Strict, "strict", false, "fail a PDF whose locale lacks a message instead of printing German")
	flagSet.IntVar(&opt.Jobs, "jobs", runtime.NumCPU(), "PDFs made at once (`N`)")
	quiet := flagSet.Bool("quiet", false, "print nothing but warnings and errors")
	flagSet.BoolVar(&opt.Force, "force", false, "make every PDF again, changed or not")
	flagSet.BoolVar(&opt.Prune, "prune", false, "remove the PDFs of forms, templates and locales that no longer exist")
	shardFlag := flagSet.String("shard", "", "build only part `K/N` of the PDFs (for several machines; join their manifests with formgen manifest merge)")
	if err := parse(flagSet, args); err != nil {
		return err
	}
	sel := build.Selection{IDs: splitList(*only), Langs: splitList(*langsFlag)}
	if err := buildUsage(&opt, *shardFlag, sel); err != nil {
		return err
	}
	p, err := openProject(env, *dir, sel.Langs...)
	if err != nil {
		return err
	}
	b, err := build.Plan(p, sel)
	if err != nil {
		return err
	}
	eng, err := engine(p)
	if err != nil {
		return err
	}
	prog := newProgress(env, *quiet)
	opt.Out, opt.Progress = env.path(*out), prog.report
	sum, err := build.Run(ctx, b, eng.Make, opt)
	prog.end()
	if err != nil && sum == nil {
		return err
	}
	failures := slices.Concat(problemErrors(b.Problems), b.Left, sum.Failed)
	if err != nil {
		failures = append(failures, err) // the manifest, after every PDF's own failure
	}
	interrupted := "build interrupted; the PDFs written so far and " + build.ManifestFile + " are consistent: run the build again to finish"
	return report(env, sum, batchText{*out, "PDFs", interrupted}, failures, *quiet)
}

// buildUsage checks the flags of build that depend on each other.
func buildUsage(opt *build.Options, shard string, sel build.Selection) error {
	if opt.Jobs < 1 {
		return usagef("build: --jobs must be at least 1")
	}
	if shard != "" {
		var err error
		if opt.Shard, err = build.ParseShard(shard); err != nil {
			return usagef("build: %v", err)
		}
	}
	if opt.Prune && (len(sel.IDs) > 0 || len(sel.Langs) > 0) {
		return usagef("build: --prune needs the whole build (no --forms or --langs): it removes what is not part of it")
	}
	return nil
}

// problemErrors returns each problem as an error of its own.
func problemErrors(ps problem.Problems) []error {
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errs
}

// batchText is how a batch's report names it.
type batchText struct {
	out, what   string // the output folder, what the documents are
	interrupted string // what an interruption left
}

// report prints what a batch did: the messages its locales lacked, a
// summary line (but with quiet), and the failures; it fails when the run
// was interrupted or something failed.
func report(env *Env, sum *build.Summary, bt batchText, failures []error, quiet bool) error {
	keys := slices.Sorted(maps.Keys(sum.Missing))
	for _, k := range keys {
		tag, id, _ := strings.Cut(strings.TrimSuffix(k, ".pdf"), "/")
		warnMissing(env.Stderr, tag, id, sum.Missing[k])
	}
	if !quiet {
		summary(env.Stdout, sum, bt.out, bt.what, len(failures))
	}
	if sum.Interrupted {
		fmt.Fprintf(env.Stderr, "formgen: %s\n", bt.interrupted)
		return errQuiet
	}
	if len(failures) > 0 {
		for _, f := range failures {
			for _, line := range strings.Split(f.Error(), "\n") {
				fmt.Fprintf(env.Stderr, "formgen: %s\n", line)
			}
		}
		return errQuiet
	}
	return nil
}

// summary prints the summary line of a batch.
func summary(w io.Writer, sum *build.Summary, out, what string, failed int) {
	done := sum.Written + sum.Remade + sum.Unchanged + len(sum.Failed)
	if done < sum.Total {
		fmt.Fprintf(w, "formgen: %d of %d %s", done, sum.Total, what)
	} else {
		fmt.Fprintf(w, "formgen: %d %s", done, what)
	}
	fmt.Fprintf(w, " in %s: %d written, ", out, sum.Written)
	if sum.Remade > 0 {
		fmt.Fprintf(w, "%d remade with the same bytes, ", sum.Remade)
	}
	fmt.Fprintf(w, "%d unchanged, %d failed", sum.Unchanged, failed)
	if len(sum.Pruned) > 0 {
		fmt.Fprintf(w, ", %d removed", len(sum.Pruned))
	}
	fmt.Fprintf(w, " (%s)\n", sum.Elapsed.Round(time.Millisecond))
	if len(sum.Kept) > 0 {
		fmt.Fprintf(w, "formgen: %d PDFs of forms, templates or locales that no longer exist are still in %s (--prune removes them)\n", len(sum.Kept), out)
	}
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
