// Package testtool runs the PDF tools tests check output with (pdftotext,
// qpdf, pdffonts, pdftoppm, hb-shape, mutool, and pdf.js and PDFium under
// node). The test script installs them; when FORMGEN_REQUIRE_TOOLS is
// set, as it is there, a missing tool fails the test instead of skipping
// it. It also gathers shipped files as fuzz seeds (Seeds), and gives the
// tests of the packages below project the shipped input folders
// (Shipped).
package testtool

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
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

// TextIn returns the text of a PDF inside a rectangle of every page, in
// points from the top left corner: one column of a page.
func TextIn(t testing.TB, path string, x, y, w, h float64) string {
	t.Helper()
	Need(t, "pdftotext")
	s, err := Extract(path, "-x", fmt.Sprint(int(x)), "-y", fmt.Sprint(int(y)), "-W", fmt.Sprint(int(w)), "-H", fmt.Sprint(int(h)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Extract runs pdftotext on a PDF and returns its text without the
// invisible bidi marks: the embeddings poppler wraps right-to-left runs in,
// and the Arabic letter marks formgen adds to keep a run's vowel marks.
func Extract(path string, args ...string) (string, error) {
	args = append(append([]string{"-enc", "UTF-8"}, args...), path, "-")
	out, err := exec.Command("pdftotext", args...).Output()
	if err != nil {
		return "", fmt.Errorf("pdftotext %s: %w", path, err)
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u200e', '\u200f', '\u061c', '\u2066', '\u2067', '\u2068', '\u2069':
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

// Word is a word pdftotext finds on a page, with its box in points from
// the page's top left corner.
type Word struct {
	Page       int // from 1
	Text       string
	XMin, YMin float64
	XMax, YMax float64
}

var (
	bboxPage = regexp.MustCompile(`<page `)
	bboxWord = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// Words returns the words of a PDF with their positions (pdftotext -bbox).
func Words(t testing.TB, path string) []Word {
	t.Helper()
	out := Run(t, "pdftotext", "-bbox", "-enc", "UTF-8", path, "-")
	var words []Word
	page := 0
	for _, line := range strings.Split(out, "\n") {
		if bboxPage.MatchString(line) {
			page++
			continue
		}
		m := bboxWord.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		w := Word{Page: page, Text: html.UnescapeString(m[5])}
		for i, p := range []*float64{&w.XMin, &w.YMin, &w.XMax, &w.YMax} {
			v, err := strconv.ParseFloat(m[i+1], 64)
			if err != nil {
				t.Fatalf("pdftotext -bbox %s: %q: %v", path, line, err)
			}
			*p = v
		}
		words = append(words, w)
	}
	return words
}

// Seeds returns the contents of the files matching the patterns (relative
// to the test's package), for a fuzz target's seed corpus; a pattern that
// matches nothing adds nothing, but no file at all fails the test (the
// shipped files have moved, and the target would fuzz from nothing).
func Seeds(tb testing.TB, patterns ...string) [][]byte {
	tb.Helper()
	var out [][]byte
	for _, pattern := range patterns {
		names, err := filepath.Glob(pattern)
		if err != nil {
			tb.Fatal(err)
		}
		for _, n := range names {
			src, err := os.ReadFile(n)
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, src)
		}
	}
	if len(out) == 0 {
		tb.Fatalf("no seed file matches %q", patterns)
	}
	return out
}
