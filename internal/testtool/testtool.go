// Package testtool runs the PDF tools tests check output with (pdftotext,
// qpdf, pdffonts, pdftoppm, hb-shape). The test script installs them; when
// FORMGEN_REQUIRE_TOOLS is set, as it is there, a missing tool fails the
// test instead of skipping it.
package testtool

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Need skips or fails t when a tool is not installed.
func Need(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("FORMGEN_REQUIRE_TOOLS") != "" {
				t.Fatalf("%s is not installed (scripts/test.sh installs it)", tool)
			}
			t.Skipf("%s is not installed; run scripts/test.sh", tool)
		}
	}
}

// Run runs a tool and returns its standard output; a failure fails t.
func Run(t testing.TB, name string, args ...string) string {
	t.Helper()
	Need(t, name)
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

// WritePDF writes data to a temporary file and returns its path.
func WritePDF(t testing.TB, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Text returns the text of a PDF as pdftotext extracts it (see Extract).
func Text(t testing.TB, path string) string {
	t.Helper()
	Need(t, "pdftotext")
	s, err := Extract(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Extract runs pdftotext on a PDF and returns its text without the
// invisible bidi marks: the embeddings poppler wraps right-to-left runs in,
// and the Arabic letter marks formgen adds to keep a run's vowel marks.
func Extract(path string) (string, error) {
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		return "", fmt.Errorf("pdftotext %s: %w", path, err)
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u200e', '\u200f', '\u061c':
			return -1
		}
		return r
	}, string(out)), nil
}

// Check runs qpdf --check on a PDF.
func Check(t testing.TB, path string) {
	t.Helper()
	Run(t, "qpdf", "--check", path)
}

// Fonts returns the rows of pdffonts for a PDF, header excluded.
func Fonts(t testing.TB, path string) [][]string {
	t.Helper()
	out := Run(t, "pdffonts", path)
	var rows [][]string
	for i, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if i < 2 {
			continue
		}
		rows = append(rows, strings.Fields(line))
	}
	return rows
}
