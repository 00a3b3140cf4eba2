package cli

import (
	"os/exec"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdPDFText writes the text pdftotext extracts from a PDF (bidi marks
// removed) as the command's stdout; with -check it also runs qpdf --check.
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
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		ts.Fatalf("pdftotext %s: %v", args[0], err)
	}
	text := strings.Map(func(r rune) rune {
		if r >= '\u202a' && r <= '\u202e' || r == '\u200e' || r == '\u200f' {
			return -1
		}
		return r
	}, string(out))
	ts.Stdout().Write([]byte(text))
}
