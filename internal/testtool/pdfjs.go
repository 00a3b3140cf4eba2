package testtool

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
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

// pdfjsDir returns scripts/pdfjs of the repository, installing pdf.js
// there with npm ci when it is missing.
func pdfjsDir(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "scripts", "pdfjs")
	Need(t, "node", "npm")
	var err error
	var out []byte
	npmOnce.Do(func() {
		if _, e := os.Stat(filepath.Join(dir, "node_modules", "pdfjs-dist")); e == nil {
			return
		}
		cmd := exec.Command("npm", "ci", "--omit=optional", "--no-audit", "--no-fund")
		cmd.Dir = dir
		out, err = cmd.CombinedOutput()
	})
	if err != nil {
		t.Fatalf("npm ci in %s: %v\n%s", dir, err, out)
	}
	if _, e := os.Stat(filepath.Join(dir, "node_modules", "pdfjs-dist")); e != nil {
		t.Fatalf("pdf.js is not installed in %s (npm ci failed before?)", dir)
	}
	return dir
}

// ReadPDFJS runs pdf.js over a PDF.
func ReadPDFJS(t testing.TB, path string) *PDFJS {
	t.Helper()
	dir := pdfjsDir(t)
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	cmd := exec.Command("node", "read.mjs", abs)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdf.js on %s: %v\n%s", path, err, errb.String())
	}
	var p PDFJS
	if err := json.Unmarshal(out.Bytes(), &p); err != nil {
		t.Fatalf("pdf.js on %s: %v", path, err)
	}
	return &p
}

// MuPDFText returns the text MuPDF extracts from a PDF (mutool draw -F txt).
func MuPDFText(t testing.TB, path string) string {
	t.Helper()
	return Run(t, "mutool", "draw", "-q", "-F", "txt", "-o", "-", path)
}
