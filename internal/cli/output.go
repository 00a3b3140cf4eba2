package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"formgen/internal/atomicfile"
	"formgen/internal/build"
	"formgen/internal/problem"
	"formgen/internal/project"
)

// write writes data to the file name, or standard output for "" and "-".
func write(env *Env, name string, data []byte) error {
	if name == "" || name == "-" {
		_, err := env.Stdout.Write(data)
		return err
	}
	return atomicfile.Write(env.path(name), data, 0o644)
}

// checkOut refuses, before anything is made, an --out the run must not
// write (project.CheckOutput says which); standard output is always fine.
func checkOut(env *Env, p *project.Project, out string, inputs ...string) error {
	if out == "" || out == "-" {
		return nil
	}
	if err := p.CheckOutput(env.Dir, out, inputs...); err != nil {
		return fmt.Errorf("--out %w", err)
	}
	return nil
}

// checkOutDir refuses a batch's --out DIR inside an input folder.
func checkOutDir(env *Env, p *project.Project, out string) error {
	if err := p.CheckOutputFolder(env.Dir, out); err != nil {
		return fmt.Errorf("--out %w", err)
	}
	return nil
}

// writeJSON writes v as indented JSON to standard output.
func writeJSON(env *Env, v any) error {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// count writes n and a noun, with an s when n is not one.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// printErrors prints each line of each error after formgen's name.
func printErrors(w io.Writer, errs ...error) {
	for _, err := range errs {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(w, "formgen: %s\n", line)
		}
	}
}

// warnMissing prints one greppable warning per message a locale lacked.
func warnMissing(w io.Writer, tag, doc string, ids []string) {
	for _, id := range slices.Sorted(slices.Values(ids)) {
		fmt.Fprintf(w, "formgen: warning: %s: locale %s has no %q, German used\n", doc, tag, id)
	}
}

// problems reports the problems of check or i18n lint one way: the
// warnings, then the errors, each on a line of its own after its
// severity, and a count after what (or, with asJSON, every problem and
// the counts as JSON, for editors and CI). It fails when there is an
// error.
func problems(env *Env, ps problem.Problems, asJSON bool, what string) error {
	errs, warns := ps.Split()
	if asJSON {
		err := writeJSON(env, struct {
			Problems problem.Problems `json:"problems"`
			Errors   int              `json:"errors"`
			Warnings int              `json:"warnings"`
		}{slices.Concat(problem.Problems{}, errs, warns), len(errs), len(warns)})
		if err != nil {
			return err
		}
	} else {
		for _, p := range slices.Concat(warns, errs) {
			fmt.Fprintf(env.Stderr, "%s: %s\n", p.Severity, p.Error())
		}
		fmt.Fprintf(env.Stdout, "formgen: %s: %d errors, %d warnings\n", what, len(errs), len(warns))
	}
	if len(errs) > 0 {
		return errQuiet
	}
	return nil
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
	for _, l := range sum.Lacking() {
		warnMissing(env.Stderr, l.Lang, l.ID, l.Messages)
	}
	if !quiet {
		sum.WriteSummary(env.Stdout, bt.out, bt.what, len(failures))
	}
	if sum.Interrupted {
		fmt.Fprintf(env.Stderr, "formgen: %s\n", bt.interrupted)
		return errQuiet
	}
	if len(failures) > 0 {
		printErrors(env.Stderr, failures...)
		return errQuiet
	}
	return nil
}
