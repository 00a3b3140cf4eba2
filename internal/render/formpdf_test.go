package render

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"formgen/internal/layout"
	"formgen/internal/testtool"
)

// pdfPage is what a PDF page holds for the checks: its words with their
// boxes (pdftotext -bbox) and the rectangles its content stream draws
// (qpdf --qdf), in points from the top left corner.
type pdfPage struct {
	words []testtool.Word
	rects []pdfRect
}

type pdfRect struct{ x, y, w, h float64 }

var (
	qdfPage = regexp.MustCompile(`(?m)^%% Contents for page (\d+)$`)
	// a box to write in is stroked only (S); filled areas (B: table
	// headers, f: section headings) are not boxes
	reOp = regexp.MustCompile(`(?m)(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re S\b`)
)

func atof(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// readPDF reads the words and stroked rectangles of every page of a PDF.
func readPDF(t *testing.T, path string, height float64) []pdfPage {
	t.Helper()
	n, err := pdfPages(path)
	if err != nil {
		t.Fatal(err)
	}
	pages := make([]pdfPage, n)
	for _, w := range testtool.Words(t, path) {
		if w.Page >= 1 && w.Page <= n {
			pages[w.Page-1].words = append(pages[w.Page-1].words, w)
		}
	}
	qdf := path + ".qdf"
	if msg, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", path, qdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, msg)
	}
	src, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	locs := qdfPage.FindAllStringSubmatchIndex(string(src), -1)
	for i, loc := range locs {
		n, _ := strconv.Atoi(string(src[loc[2]:loc[3]]))
		end := len(src)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		if n < 1 || n > len(pages) {
			t.Fatalf("%s: contents of page %d of %d", path, n, len(pages))
		}
		body := string(src[loc[1]:end])
		if j := strings.Index(body, "endstream"); j >= 0 {
			body = body[:j]
		}
		for _, m := range reOp.FindAllStringSubmatch(body, -1) {
			x, y, w, h := atof(m[1]), atof(m[2]), atof(m[3]), atof(m[4])
			if h < 0 {
				y, h = y+h, -h
			}
			pages[n-1].rects = append(pages[n-1].rects, pdfRect{x, height - y - h, w, h})
		}
	}
	return pages
}

// fromPDF makes the laid-out document d over again from what its PDF
// shows: every text element where the PDF's words stand (a text not found
// there is a problem), every box where the PDF draws a rectangle (a box
// the PDF does not draw is a problem), and every other rectangle the PDF
// draws as a box of no field. The rules then run on the PDF's geometry.
func fromPDF(d *layout.Document, pages []pdfPage) (*layout.Document, []string) {
	var probs []string
	out := &layout.Document{Width: d.Width, Height: d.Height, Frame: d.Frame}
	if len(pages) != len(d.Pages) {
		return out, []string{fmt.Sprintf("the PDF has %d pages, the layout %d", len(pages), len(d.Pages))}
	}
	for pi, p := range d.Pages {
		pp := pages[pi]
		np := &layout.Page{}
		used := make([]bool, len(pp.rects))
		for _, e := range p.Elements {
			switch {
			case e.Use == layout.UseSignature:
				np.Elements = append(np.Elements, e)
			case e.Use == layout.UseWidget:
				if e.Kind == layout.KindRadio || e.Kind == layout.KindSign {
					// circles and lines, not rectangles: kept as laid out
					np.Elements = append(np.Elements, e)
					continue
				}
				found := false
				for k, r := range pp.rects {
					if math.Abs(r.x-e.X) < 0.6 && math.Abs(r.y-e.Y) < 0.6 && math.Abs(r.w-e.W) < 0.6 && math.Abs(r.h-e.H) < 0.6 {
						used[k], found = true, true
						e.X, e.Y, e.W, e.H = r.x, r.y, r.w, r.h
						break
					}
				}
				if !found {
					probs = append(probs, fmt.Sprintf("page %d: %s: the PDF draws no box at %.1f,%.1f %.1f×%.1f pt", pi+1, layout.Describe(e), e.X, e.Y, e.W, e.H))
					continue
				}
				np.Elements = append(np.Elements, e)
			default:
				// the words whose middle lies in the element's line
				minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
				for _, w := range pp.words {
					cx, cy := (w.XMin+w.XMax)/2, (w.YMin+w.YMax)/2
					if cx >= e.X-1 && cx <= e.X+e.W+1 && cy >= e.Y-1 && cy <= e.Y+e.H+1 {
						minX, minY, maxX, maxY = min(minX, w.XMin), min(minY, w.YMin), max(maxX, w.XMax), max(maxY, w.YMax)
					}
				}
				if math.IsInf(minX, 1) {
					probs = append(probs, fmt.Sprintf("page %d: %s: no word of it in the PDF at its place", pi+1, layout.Describe(e)))
					continue
				}
				e.X, e.Y, e.W, e.H = minX, minY, maxX-minX, maxY-minY
				np.Elements = append(np.Elements, e)
			}
		}
		// the PDF's other stroked rectangles are boxes of no field: none
		// may stand nearer to a label than its own (filled areas are not
		// boxes: section headings, the binding notice)
		for k, r := range pp.rects {
			if !used[k] && r.w > 0 && r.h > 0 {
				np.Elements = append(np.Elements, layout.Element{Use: layout.UseWidget, Owner: fmt.Sprintf("pdf rectangle %d", k+1), X: r.x, Y: r.y, W: r.w, H: r.h})
			}
		}
		out.Pages = append(out.Pages, np)
	}
	return out, probs
}

// TestFormRulesFromPDF runs the rules of TestFormRules on the PDFs of every
// form in every locale: positions from pdftotext -bbox, boxes from the
// content stream (qpdf). It fails if a text or a box of the layout is not
// where the PDF shows it, or if the PDF's own geometry breaks a rule. A
// failure names form, locale, page, rule and element.
func TestFormRulesFromPDF(t *testing.T) {
	testtool.Need(t, "pdftotext", "pdfinfo", "qpdf")
	e := shipped(t)
	dir := t.TempDir()
	n := 0
	for _, f := range e.Forms.Forms {
		for _, loc := range e.Catalog.Locales {
			res, err := e.Form(f.ID, loc, nil)
			if err != nil {
				t.Fatal(err)
			}
			path := writePDF(t, dir, f.ID+"-"+loc.Tag+".pdf", res.PDF)
			doc, probs := fromPDF(res.Layout, readPDF(t, path, res.Layout.Height))
			for _, p := range layout.Check(doc) {
				probs = append(probs, p.String())
			}
			for _, p := range probs {
				if n++; n <= 40 {
					t.Errorf("form %s, locale %s, PDF: %s", f.ID, loc.Tag, p)
				}
			}
		}
	}
	if n > 40 {
		t.Errorf("… %d problems in all", n)
	}
}

// pdfPages is the number of pages of a PDF (pdfinfo).
func pdfPages(path string) (int, error) {
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		return 0, fmt.Errorf("pdfinfo %s: %w", path, err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("pdfinfo %s: no page count", path)
	}
	return strconv.Atoi(string(m[1]))
}
