// Package cli is formgen's command line: it parses arguments, runs one
// command and decides the exit code, in one place: 0 when all went well,
// 1 when the work failed, 2 when the command line was wrong. It holds
// flags, dispatch and output only: what a command does is done by the
// packages whose job it is (project, build, render, i18n, acroform).
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
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

// usageError is a wrong command line; help is the command whose help
// says how it is right ("" for formgen's).
type usageError struct{ msg, help string }

func (e *usageError) Error() string { return e.msg }

// errQuiet is a failure already reported in full.
var errQuiet = errors.New("failed")

// Main runs formgen with args (without the program name) and returns the
// exit code.
func Main(ctx context.Context, args []string, env *Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	err := formgen().run(ctx, env, "", args)
	var ue *usageError
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "formgen: %s\n", ue.msg)
		if ue.help == "" {
			fmt.Fprintln(env.Stderr, "Run 'formgen help' for usage.")
		} else {
			fmt.Fprintf(env.Stderr, "Run 'formgen %s --help' for usage.\n", ue.help)
		}
		return ExitUsage
	case errors.Is(err, errQuiet):
		return ExitFailure
	default:
		printErrors(env.Stderr, err)
		return ExitFailure
	}
}

// formgen is the command line: every command, and the help around them.
func formgen() *command {
	return &command{
		about: `formgen makes the bilingual forms, letters and information sheets of a
foreigners' office as PDF: German, which is binding, and the reader's
language beside it.`,
		outro: `Every command reads forms/, locales/, templates/ and fonts/ of the current
folder, each where present, instead of the shipped ones; --dir DIR reads
those of DIR instead.`,
		sub: []*command{
			buildCommand(),
			renderCommand(),
			letterCommand(),
			readCommand(),
			i18nCommand(),
			manifestCommand(),
			listCommand(),
			checkCommand(),
			{name: "version", synopsis: "print formgen's version", about: "Print formgen's version.", flags: version},
		},
	}
}

func version(*flag.FlagSet, *options) runner {
	return func(_ context.Context, env *Env) error {
		fmt.Fprintf(env.Stdout, "formgen %s\n", Version)
		return nil
	}
}
