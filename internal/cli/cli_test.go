package cli

import (
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script")

// TestScripts runs the command-line tests of testdata/script: each file is
// a sequence of formgen commands with their expected output and exit code
// (see the README there).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "../../testdata/script",
		UpdateScripts: *update,
		Setup: func(e *testscript.Env) error {
			e.Setenv("SOURCE_DATE_EPOCH", "")
			repo, err := filepath.Abs("../..")
			e.Setenv("REPO", repo) // for scripts that use the repository's test data
			return err
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"formgen": cmdFormgen,
			"status":  cmdStatus,
			"pdftext": cmdPDFText,
			"replace": cmdReplace,
		},
	})
}

// cmdFormgen runs the command line in process; ! formgen expects a
// failure. The exit code is kept for status. A first argument <FILE gives
// FILE as standard input.
func cmdFormgen(ts *testscript.TestScript, neg bool, args []string) {
	var stdin io.Reader = strings.NewReader("")
	if len(args) > 0 && strings.HasPrefix(args[0], "<") {
		stdin = strings.NewReader(ts.ReadFile(args[0][1:]))
		args = args[1:]
	}
	code := Main(context.Background(), args, &Env{
		Stdin:  stdin,
		Stdout: ts.Stdout(),
		Stderr: ts.Stderr(),
		Getenv: ts.Getenv,
		Dir:    ts.MkAbs("."),
	})
	ts.Setenv("FORMGEN_EXIT", strconv.Itoa(code))
	if (code != 0) != neg {
		ts.Fatalf("formgen exited with %d", code)
	}
}

// cmdStatus (status N) checks the exit code of the last formgen command.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: status N")
	}
	if got := ts.Getenv("FORMGEN_EXIT"); (got == args[0]) == neg {
		ts.Fatalf("exit code %s, want %s", got, args[0])
	}
}

// cmdReplace (replace OLD NEW FILE) replaces the first place OLD stands
// in FILE with NEW (\n in either is a line break): an edit a translator
// makes.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 || neg {
		ts.Fatalf("usage: replace OLD NEW FILE")
	}
	for i := range 2 {
		args[i] = strings.ReplaceAll(args[i], `\n`, "\n")
	}
	src := ts.ReadFile(args[2])
	if !strings.Contains(src, args[0]) {
		ts.Fatalf("%s: no %q", args[2], args[0])
	}
	if err := os.WriteFile(ts.MkAbs(args[2]), []byte(strings.Replace(src, args[0], args[1], 1)), 0o644); err != nil {
		ts.Fatalf("%v", err)
	}
}

// TestBuildSameBytes builds every shipped document twice, on one worker
// and on four, and finds the same bytes in every file, manifest included.
func TestBuildSameBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds everything twice")
	}
	dirs := []string{t.TempDir(), t.TempDir()}
	for i, jobs := range []string{"1", "4"} {
		var stderr strings.Builder
		code := Main(context.Background(), []string{"build", "--quiet", "--jobs", jobs, "--out", dirs[i]},
			&Env{Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" }})
		if code != 0 {
			t.Fatalf("build --jobs %s: exit %d\n%s", jobs, code, stderr.String())
		}
	}
	n := 0
	err := filepath.WalkDir(dirs[0], func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dirs[0], p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(dirs[1], rel))
		if err != nil || string(a) != string(b) {
			t.Errorf("%s differs between --jobs 1 and --jobs 4 (%v)", rel, err)
		}
		n++
		return nil
	})
	if err != nil || n < 100 {
		t.Fatalf("%d files compared, %v", n, err)
	}
}

// TestShippedLocales checks the shipped locale files as a translator's
// commit would be checked: German up to date with the forms and templates,
// every file in canonical form, no lint error.
func TestShippedLocales(t *testing.T) {
	for _, args := range [][]string{
		{"i18n", "extract", "--check", "--dir", "../.."},
		{"i18n", "fmt", "--check", "--dir", "../.."},
		{"i18n", "lint", "--dir", "../.."},
	} {
		var stdout, stderr strings.Builder
		code := Main(context.Background(), args, &Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }})
		if code != 0 {
			t.Errorf("formgen %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
		}
	}
}
