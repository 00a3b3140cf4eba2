package testtool

import (
	"bytes"
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// PDFJS is what pdf.js, the engine of Firefox's PDF viewer, reads from a
// PDF (scripts/pdfjs/read.mjs).
type PDFJS struct {
	Pages []struct {
		Text   string      `json:"text"`
		Struct *StructNode `json:"struct"`
	} `json:"pages"`
	Fields map[string][]PDFJSField `json:"fields"`
	Title  string                  `json:"title"`
	Lang   string                  `json:"lang"`
	Marked *struct {
		Marked bool `json:"Marked"`
	} `json:"marked"`
}

// Text returns the text of every page, a line feed between pages.
func (p *PDFJS) Text() string {
	var b strings.Builder
	for _, pg := range p.Pages {
		b.WriteString(pg.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// StructNode is a node of pdf.js's structure tree: an element with its
// role and language, or (Type "content", "annotation") what it holds.
type StructNode struct {
	Role     string        `json:"role"`
	Lang     string        `json:"lang"`
	Alt      string        `json:"alt"`
	Type     string        `json:"type"`
	ID       string        `json:"id"`
	Children []*StructNode `json:"children"`
}

// PDFJSField is one widget of a form field as getFieldObjects gives it.
type PDFJSField struct {
	Type         string    `json:"type"`
	Value        any       `json:"value"`
	Editable     bool      `json:"editable"`
	Multiline    bool      `json:"multiline"`
	CharLimit    int       `json:"charLimit"`
	Comb         bool      `json:"comb"`
	ExportValues any       `json:"exportValues"`
	Rect         []float64 `json:"rect"`
	Page         int       `json:"page"`
}

var npmOnce sync.Once

// pdfjsDir returns scripts/pdfjs of the repository, installing pdf.js and
// PDFium there with npm ci when either is missing.
func pdfjsDir(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "scripts", "pdfjs")
	Need(t, "node", "npm")
	var err error
	var out []byte
	npmOnce.Do(func() {
		if installed(dir) {
			return
		}
		cmd := exec.Command("npm", "ci", "--omit=optional", "--no-audit", "--no-fund")
		cmd.Dir = dir
		out, err = cmd.CombinedOutput()
	})
	if err != nil {
		t.Fatalf("npm ci in %s: %v\n%s", dir, err, out)
	}
	if !installed(dir) {
		t.Fatalf("pdf.js or PDFium is not installed in %s (npm ci failed before?)", dir)
	}
	return dir
}

// installed reports whether the node packages of dir are installed.
func installed(dir string) bool {
	for _, pkg := range []string{"pdfjs-dist", "@embedpdf/pdfium"} {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", pkg, "package.json")); err != nil {
			return false
		}
	}
	return true
}

// PDFiumText returns the text PDFium (the engine of the PDF viewers of
// Chrome, Edge and Android) extracts from a PDF, each page ended by a
// form feed. PDFium gives a hyphen that ends a line as U+FFFE; it is
// returned as the hyphen it stands for.
func PDFiumText(t testing.TB, path string) string {
	t.Helper()
	return strings.ReplaceAll(string(runNode(t, "PDFium", "pdfium.mjs", path)), "\ufffe", "-")
}

// runNode runs one of scripts/pdfjs's scripts (engine names the viewer
// it runs, for messages) on the PDF at path with more args, and returns
// what it prints.
func runNode(t testing.TB, engine, script, path string, args ...string) []byte {
	t.Helper()
	dir := pdfjsDir(t)
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	cmd := exec.Command("node", append([]string{script, abs}, args...)...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s on %s: %v\n%s", engine, path, err, errb.String())
	}
	return out.Bytes()
}

// PDFiumWidget is one widget of a form field as PDFium's form-fill API
// sees it (scripts/pdfjs/pdfium-fields.mjs).
type PDFiumWidget struct {
	Page          int       `json:"page"` // from 0
	Name          string    `json:"name"` // full name
	PartialName   string    `json:"partialName"`
	Type          string    `json:"type"` // textfield, checkbox, radiobutton, signature …
	Flags         int       `json:"flags"`
	FlagNames     []string  `json:"flagNames"` // comb, multiline, required …
	MaxLen        int       `json:"maxLen"`    // the widget's own /MaxLen, 0 without
	AlternateName string    `json:"alternateName"`
	Value         string    `json:"value"`
	ExportValue   string    `json:"exportValue"`
	Checked       bool      `json:"checked"`
	ControlCount  int       `json:"controlCount"` // widgets of its field
	ControlIndex  int       `json:"controlIndex"`
	Rect          []float64 `json:"rect"` // left, bottom, right, top
	// Drawn is what its appearance shows, whitespace left out, read from
	// a copy PDFium flattened; Fonts are the fonts it is drawn in.
	Drawn string `json:"drawn"`
	Fonts []struct {
		Name     string `json:"name"` // base font name, as PDFium gives it
		Embedded bool   `json:"embedded"`
	} `json:"fonts"`
}

// Has reports whether the widget has the flag PDFium's listing names so.
func (w PDFiumWidget) Has(flag string) bool {
	return slices.Contains(w.FlagNames, flag)
}

// PDFiumForm is what PDFium reads of a PDF's form fields: every widget of
// every page, in page order; NotFilled, after PDFiumFill, the names it
// was asked to fill and found no widget for.
type PDFiumForm struct {
	Pages     int            `json:"pages"`
	Widgets   []PDFiumWidget `json:"widgets"`
	NotFilled []string       `json:"notFilled"`
}

// PDFiumFields returns the form fields PDFium (the engine of the PDF
// viewers of Chrome, Edge and Android) sees in a PDF.
func PDFiumFields(t testing.TB, path string) *PDFiumForm {
	t.Helper()
	return pdfiumFields(t, path)
}

// PDFiumFill fills the form of the PDF at path as a person at a PDFium
// viewer does (text typed into its field, a button clicked), saves the
// copy to out (FPDF_SaveAsCopy) and returns the fields PDFium reads from
// it. values maps a field's full name to its text, or a button's to the
// export value of the widget to click.
func PDFiumFill(t testing.TB, path string, values map[string]string, out string) *PDFiumForm {
	t.Helper()
	js, err := json.Marshal(values)
	if err != nil {
		t.Fatal(err)
	}
	vf := filepath.Join(t.TempDir(), "values.json")
	if err := os.WriteFile(vf, js, 0o644); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		t.Fatal(err)
	}
	return pdfiumFields(t, path, "--fill", vf, "--out", abs)
}

// pdfiumFields runs pdfium-fields.mjs on the PDF at path with args.
func pdfiumFields(t testing.TB, path string, args ...string) *PDFiumForm {
	t.Helper()
	var f PDFiumForm
	if err := json.Unmarshal(runNode(t, "PDFium", "pdfium-fields.mjs", path, args...), &f); err != nil {
		t.Fatalf("PDFium on %s: %v", path, err)
	}
	return &f
}

// ReadPDFJS runs pdf.js over a PDF.
func ReadPDFJS(t testing.TB, path string) *PDFJS {
	t.Helper()
	var p PDFJS
	if err := json.Unmarshal(runNode(t, "pdf.js", "read.mjs", path), &p); err != nil {
		t.Fatalf("pdf.js on %s: %v", path, err)
	}
	return &p
}

// MuPDFText returns the text MuPDF extracts from a PDF (mutool draw -F txt).
func MuPDFText(t testing.TB, path string) string {
	t.Helper()
	return Run(t, "mutool", "draw", "-q", "-F", "txt", "-o", "-", path)
}

var (
	stextChar = regexp.MustCompile(`<char quad="([^"]*)"[^>]* c="([^"]*)"/>`)
	stextLine = regexp.MustCompile(`^<(page|line)[ >]|^</line>`)
)

// MuPDFWords returns the words MuPDF extracts from a PDF (mutool draw -F
// stext), with their positions: the characters of a line between spaces
// (and zero width spaces), in the order MuPDF lists them. Unlike
// pdftotext -bbox, it gives each word of a right-to-left line that
// formgen wraps in an ActualText span a place of its own.
func MuPDFWords(t testing.TB, path string) []Word {
	t.Helper()
	out := Run(t, "mutool", "draw", "-q", "-F", "stext", "-o", "-", path)
	var words []Word
	page := 0
	var cur *Word
	end := func() {
		if cur != nil {
			words = append(words, *cur)
			cur = nil
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if m := stextLine.FindStringSubmatch(line); m != nil {
			end()
			if m[1] == "page" {
				page++
			}
			continue
		}
		m := stextChar.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		c := html.UnescapeString(m[2])
		if strings.TrimSpace(strings.ReplaceAll(c, "\u200b", "")) == "" {
			end()
			continue
		}
		var q [8]float64
		for i, f := range strings.Fields(m[1]) {
			if i < len(q) {
				v, err := strconv.ParseFloat(f, 64)
				if err != nil {
					t.Fatalf("mutool stext %s: %q: %v", path, line, err)
				}
				q[i] = v
			}
		}
		x0, x1 := min(q[0], q[2], q[4], q[6]), max(q[0], q[2], q[4], q[6])
		y0, y1 := min(q[1], q[3], q[5], q[7]), max(q[1], q[3], q[5], q[7])
		if cur == nil {
			cur = &Word{Page: page, XMin: x0, YMin: y0, XMax: x1, YMax: y1}
		}
		cur.Text += c
		cur.XMin, cur.XMax = min(cur.XMin, x0), max(cur.XMax, x1)
		cur.YMin, cur.YMax = min(cur.YMin, y0), max(cur.YMax, y1)
	}
	end()
	return words
}
