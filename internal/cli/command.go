package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"

	"formgen/internal/project"
)

// command is one of formgen's commands, or a group of them (formgen
// itself, formgen i18n, formgen manifest): its name and help, the flags
// it takes and what it does. Help, flag parsing and usage errors come
// from here, the same for every command.
type command struct {
	name     string
	synopsis string // one line, for formgen help
	usage    string // its flags and arguments, after its name
	about    string // what it does, for --help; a group's introduction
	outro    string // a group's last words in its help
	// nargs is how many arguments it takes after its flags (-1: any
	// number); argument says what the one it takes is.
	nargs    int
	argument string
	// flags declares the command's own flags on fs, and the shared ones
	// through o; it returns what runs the command once they are parsed.
	flags func(fs *flag.FlagSet, o *options) runner
	// sub are the commands of a group.
	sub []*command
}

// runner runs a command whose flags are parsed.
type runner func(ctx context.Context, env *Env) error

// usagef returns a usage error of the command named path.
func usagef(path, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if path != "" {
		msg = path + ": " + msg
	}
	return &usageError{msg, path}
}

// run runs c, named path on the command line, with args.
func (c *command) run(ctx context.Context, env *Env, path string, args []string) error {
	if c.sub != nil {
		return c.runGroup(ctx, env, path, args)
	}
	var o options
	fs := flag.NewFlagSet(path, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.StringVar(&o.dir, "dir", "", "read forms, locales, templates and fonts from `DIR` where it has them (default: the current folder)")
	run := c.flags(fs, &o)
	if err := c.parse(fs, &o, path, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.help(env.Stdout, fs, path)
		}
		return err
	}
	err := run(ctx, env)
	var nf *project.NotFoundError
	if errors.As(err, &nf) {
		return &usageError{nf.Msg, path} // an id or tag not in the project
	}
	return err
}

// parse parses args, flags and arguments in any order ("--" ends the
// flags): a bad flag, --jobs below one or a wrong number of arguments is
// a usage error.
func (c *command) parse(fs *flag.FlagSet, o *options, path string, args []string) error {
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		if err != nil {
			return usagef(path, "%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			o.args = append(o.args, rest...)
			break
		}
		o.args, args = append(o.args, rest[0]), rest[1:]
	}
	if fs.Lookup("jobs") != nil && o.jobs < 1 { // declared by jobsFlag
		return usagef(path, "--jobs must be at least 1")
	}
	switch n := len(o.args); {
	case c.nargs < 0 || n == c.nargs:
		return nil
	case n > c.nargs:
		return usagef(path, "unexpected argument %q", o.args[c.nargs])
	default:
		return usagef(path, "give %s", c.argument)
	}
}

// runGroup runs the command of the group c that args name.
func (c *command) runGroup(ctx context.Context, env *Env, path string, args []string) error {
	if len(args) == 0 {
		c.groupHelp(env.Stderr, path)
		return usagef(path, "no command given")
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			return c.runGroup(ctx, env, path, slices.Concat(args[1:], []string{"--help"}))
		}
		c.groupHelp(env.Stdout, path)
		return nil
	}
	for _, s := range c.sub {
		if s.name == args[0] {
			return s.run(ctx, env, strings.TrimSpace(path+" "+s.name), args[1:])
		}
	}
	return usagef(path, "unknown command %q", args[0])
}

// help writes a command's help: how to call it, what it does, its flags.
func (c *command) help(w io.Writer, fs *flag.FlagSet, path string) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n\nFlags:\n", strings.TrimSpace("formgen "+path+" "+c.usage), c.about)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// groupHelp writes a group's help: formgen's lists its commands, one a
// line; the others say what each of theirs does.
func (c *command) groupHelp(w io.Writer, path string) {
	if path == "" {
		fmt.Fprintf(w, "%s\n\nUsage:\n  formgen <command> [flags]\n\nCommands:\n", c.about)
		for _, s := range c.sub {
			fmt.Fprintf(w, "  %-9s %s\n", s.name, s.synopsis)
		}
	} else {
		fmt.Fprintf(w, "Usage: formgen %s %s\n\n%s\n", path, c.usage, c.about)
		for _, s := range c.sub {
			fmt.Fprintf(w, "\n  %s %s\n", s.name, s.usage)
			for _, line := range strings.Split(s.about, "\n") {
				fmt.Fprintf(w, "      %s\n", line)
			}
		}
	}
	if c.outro != "" {
		fmt.Fprintf(w, "\n%s", c.outro)
	}
	fmt.Fprintf(w, "\nRun '%s --help' for a command's flags.\n", strings.Join(strings.Fields("formgen "+path+" <command>"), " "))
}

// options are the values of the flags several commands take, each
// declared once by a method below, and the arguments after the flags.
type options struct {
	dir, out, lang      string
	jobs                int
	json, strict, check bool
	args                []string
}

// The usage of --lang where it takes one locale to make documents in.
const langUsage = "`TAG` of the locale (prs and kmr are accepted for fa-AF and ku)"

// outFlag declares --out, the file or folder to write, value unless
// given.
func (o *options) outFlag(fs *flag.FlagSet, value, usage string) {
	fs.StringVar(&o.out, "out", value, usage)
}

// langFlag declares --lang, a locale or locales.
func (o *options) langFlag(fs *flag.FlagSet, usage string) { fs.StringVar(&o.lang, "lang", "", usage) }

// jobsFlag declares --jobs, how many documents are made at once: one per
// processor unless given, at least one.
func (o *options) jobsFlag(fs *flag.FlagSet, usage string) {
	fs.IntVar(&o.jobs, "jobs", runtime.NumCPU(), usage)
}

// jsonFlag declares --json, output for programs.
func (o *options) jsonFlag(fs *flag.FlagSet, usage string) { fs.BoolVar(&o.json, "json", false, usage) }

// strictFlag declares --strict: what is otherwise a warning fails.
func (o *options) strictFlag(fs *flag.FlagSet, usage string) {
	fs.BoolVar(&o.strict, "strict", false, usage)
}

// checkFlag declares --check: say what would change, change nothing.
func (o *options) checkFlag(fs *flag.FlagSet, usage string) {
	fs.BoolVar(&o.check, "check", false, usage)
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
