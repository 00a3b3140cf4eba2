package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"slices"
	"strings"
	"testing"
)

// TestParse: flags and arguments come in any order, "--" ends the flags,
// and a wrong command line is a usage error that names the command.
func TestParse(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		nargs int
		want  []string // the arguments; nil with an error
		out   string
		err   string // "" for none
	}{
		{[]string{"a.pdf", "--out", "x.toml"}, 1, []string{"a.pdf"}, "x.toml", ""},
		{[]string{"--out", "x", "a", "--jobs", "2", "b"}, -1, []string{"a", "b"}, "x", ""},
		{[]string{"-", "--out", "y"}, 1, []string{"-"}, "y", ""},
		{[]string{"--out", "x", "--", "-a", "--out"}, -1, []string{"-a", "--out"}, "x", ""},
		{[]string{"a"}, 0, nil, "", `t: unexpected argument "a"`},
		{[]string{"a", "b"}, 1, nil, "", `t: unexpected argument "b"`},
		{[]string{"--out", "x"}, 1, nil, "", "t: give the FILE"},
		{[]string{"--jobs", "0"}, 0, nil, "", "t: --jobs must be at least 1"},
		{[]string{"--bogus"}, 0, nil, "", "t: flag provided but not defined: -bogus"},
	} {
		c := &command{nargs: tc.nargs, argument: "the FILE"}
		var o options
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(new(bytes.Buffer))
		o.outFlag(fs, "", "")
		o.jobsFlag(fs, "")
		err := c.parse(fs, &o, "t", tc.args)
		var ue *usageError
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("parse(%q) = %v, want no error", tc.args, err)
		case tc.err != "" && (!errors.As(err, &ue) || ue.msg != tc.err || ue.help != "t"):
			t.Errorf("parse(%q) = %v, want usage error %q", tc.args, err, tc.err)
		case tc.err == "" && (!slices.Equal(o.args, tc.want) || o.out != tc.out):
			t.Errorf("parse(%q): args %q, out %q; want %q, %q", tc.args, o.args, o.out, tc.want, tc.out)
		}
	}
}

// TestHelp: help comes from the command table the same way for every
// command and group, on standard output with exit 0; a usage error
// points at the help of the command that was wrong, with exit 2.
func TestHelp(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"help"}, 0, "  manifest  join the manifests", ""},
		{[]string{"help", "i18n", "lint"}, 0, "Usage: formgen i18n lint [--lang TAG,TAG] [--json]", ""},
		{[]string{"i18n", "help", "mark"}, 0, "Usage: formgen i18n mark --lang TAG", ""},
		{[]string{"manifest", "--help"}, 0, "  merge --out FILE MANIFEST…", ""},
		{[]string{"version", "-h"}, 0, "Usage: formgen version\n", ""},
		{[]string{"i18n"}, 2, "", "formgen: i18n: no command given\nRun 'formgen i18n --help' for usage.\n"},
		{[]string{"render", "--bogus"}, 2, "", "Run 'formgen render --help' for usage.\n"},
	} {
		var stdout, stderr bytes.Buffer
		code := Main(context.Background(), tc.args, &Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }})
		if code != tc.code || !strings.Contains(stdout.String(), tc.out) || !strings.HasSuffix(stderr.String(), tc.err) {
			t.Errorf("formgen %s: exit %d, stdout %q, stderr %q; want %d, %q, %q", strings.Join(tc.args, " "), code, stdout.String(), stderr.String(), tc.code, tc.out, tc.err)
		}
	}
}
