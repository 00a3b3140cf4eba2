package cli

import (
	"context"
	"flag"
	"io"
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
			// formgen runs the command line in process; ! formgen expects
			// a failure. The exit code is kept for status. A first
			// argument <FILE gives FILE as standard input.
			"formgen": func(ts *testscript.TestScript, neg bool, args []string) {
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
			},
			// status N checks the exit code of the last formgen command.
			"status": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: status N")
				}
				if got := ts.Getenv("FORMGEN_EXIT"); (got == args[0]) == neg {
					ts.Fatalf("exit code %s, want %s", got, args[0])
				}
			},
			// pdftext FILE writes the text of a PDF to stdout, for stdout
			// and stderr checks.
			"pdftext": cmdPDFText,
		},
	})
}
