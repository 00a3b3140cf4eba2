// Package cli is formgen's command line: it parses arguments, runs one
// command and decides the exit code, in one place: 0 when all went well,
// 1 when the work failed, 2 when the command line was wrong.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"formgen/internal/problem"
	"formgen/internal/project"
)

// Version is formgen's version, set at build time or left as is.
var Version = "0.1.0"

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// Env is what a command sees of its process.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Dir is the folder relative paths are resolved against; "" is the
	// process's working directory.
	Dir string
}

// path resolves a path given on the command line.
func (env *Env) path(p string) string {
	if p == "" || p == "-" || filepath.IsAbs(p) || env.Dir == "" {
		return p
	}
	return filepath.Join(env.Dir, p)
}

// usageError is a wrong command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// errQuiet is a failure already reported in full.
var errQuiet = errors.New("failed")

type command struct {
	name     string
	synopsis string
	run      func(ctx context.Context, env *Env, args []string) error
}

func commands() []command {
	return []command{
		{"build", "write every form and template in every locale to a folder, incrementally", runBuild},
		{"render", "write one form in one locale", runRender},
		{"letter", "write one letter or information sheet in one locale", runLetter},
		{"read", "read a filled-in form back as data", runRead},
		{"i18n", "the translators' commands: status, lint, worklist, XLIFF, proof … (i18n help)", runI18n},
		{"manifest", "join the manifests of a sharded build (manifest merge)", runManifest},
		{"list", "list the forms, templates and locales", runList},
		{"check", "validate every form, template and locale file", runCheck},
		{"version", "print formgen's version", runVersion},
	}
}

// Main runs formgen with args (without the program name) and returns the
// exit code.
func Main(ctx context.Context, args []string, env *Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	err := dispatch(ctx, args, env)
	var ue *usageError
	var nf *project.NotFoundError
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "formgen: %s\nRun 'formgen help' for usage.\n", ue.msg)
		return ExitUsage
	case errors.As(err, &nf):
		fmt.Fprintf(env.Stderr, "formgen: %s\nRun 'formgen help' for usage.\n", nf.Msg)
		return ExitUsage
	case errors.Is(err, errQuiet):
		return ExitFailure
	default:
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(env.Stderr, "formgen: %s\n", line)
		}
		return ExitFailure
	}
}

func dispatch(ctx context.Context, args []string, env *Env) error {
	if len(args) == 0 {
		usage(env.Stderr)
		return usagef("no command given")
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		if len(args) > 1 {
			return dispatch(ctx, []string{args[1], "--help"}, env)
		}
		usage(env.Stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, env, args[1:])
		}
	}
	return usagef("unknown command %q", name)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `formgen makes the bilingual forms, letters and information sheets of a
foreigners' office as PDF: German, which is binding, and the reader's
language beside it.

Usage:
  formgen <command> [flags]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.synopsis)
	}
	fmt.Fprint(w, `
Every command reads forms/, locales/, templates/ and fonts/ of the current
folder, each where present, instead of the shipped ones; --dir DIR reads
those of DIR instead.
Run 'formgen <command> --help' for a command's flags.
`)
}

// flags returns a flag set for a command with the shared --dir flag.
func flags(env *Env, name, args, about string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	dir := fs.String("dir", "", "read forms, locales, templates and fonts from `DIR` where it has them (default: the current folder)")
	fs.Usage = func() {
		fmt.Fprintf(env.Stdout, "Usage: formgen %s %s\n\n%s\n\nFlags:\n", name, args, about)
		fs.SetOutput(env.Stdout)
		fs.PrintDefaults()
		fs.SetOutput(env.Stderr)
	}
	return fs, dir
}

// parse parses flags; a bad flag is a usage error.
func parse(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args) // on -h the flag package has called fs.Usage
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	if err != nil {
		return usagef("%s: %v", fs.Name(), err)
	}
	if fs.NArg() > 0 {
		return usagef("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return nil
}

// splitList splits a comma-separated flag value.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func runVersion(_ context.Context, env *Env, args []string) error {
	fs, _ := flags(env, "version", "", "Print formgen's version.")
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "formgen %s\n", Version)
	return nil
}

// warnMissing prints one greppable warning per message a locale lacked.
func warnMissing(w io.Writer, tag, form string, ids []string) {
	ids = append([]string(nil), ids...)
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(w, "formgen: warning: %s: locale %s has no %q, German used\n", form, tag, id)
	}
}

// problems reports the problems of check or i18n lint one way: the
// warnings, then the errors, each on a line of its own after its
// severity, and a count after what (or, with asJSON, all as JSON). It
// fails when there is an error.
func problems(env *Env, ps problem.Problems, asJSON bool, what string) error {
	errs, warns := ps.Split()
	if asJSON {
		if err := writeJSON(env, ps); err != nil {
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

// writeJSON writes problems for editors and CI: every problem, and how
// many errors and warnings there are.
func writeJSON(env *Env, ps problem.Problems) error {
	errs, warns := ps.Split()
	out := struct {
		Problems problem.Problems `json:"problems"`
		Errors   int              `json:"errors"`
		Warnings int              `json:"warnings"`
	}{slices.Concat(problem.Problems{}, errs, warns), len(errs), len(warns)}
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
