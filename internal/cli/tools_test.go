package cli

import (
	"os/exec"

	"github.com/rogpeppe/go-internal/testscript"

	"formgen/internal/testtool"
)

// cmdPDFText writes the text pdftotext extracts from a PDF as the
// command's stdout; with -check it first runs qpdf --check.
func cmdPDFText(ts *testscript.TestScript, neg bool, args []string) {
	check := len(args) > 0 && args[0] == "-check"
	if check {
		args = args[1:]
	}
	if len(args) != 1 {
		ts.Fatalf("usage: pdftext [-check] FILE")
	}
	file := ts.MkAbs(args[0])
	if check {
		if out, err := exec.Command("qpdf", "--check", file).CombinedOutput(); err != nil {
			ts.Fatalf("qpdf --check %s: %v\n%s", args[0], err, out)
		}
	}
	text, err := testtool.Extract(file)
	ts.Check(err)
	_, err = ts.Stdout().Write([]byte(text))
	ts.Check(err)
}
