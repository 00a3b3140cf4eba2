// Package render makes documents: it resolves the texts of a form in German
// and in the reader's language, lays them out and writes the PDF. It holds
// what every document of a run shares (forms, locales, fonts) and is safe
// for concurrent use.
package render

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
	"time"

	"formgen/internal/build"
	"formgen/internal/data"
	"formgen/internal/form"
	"formgen/internal/layout"
	"formgen/internal/letter"
	"formgen/internal/locale"
	"formgen/internal/pdf"
	"formgen/internal/project"
	"formgen/internal/text"
)

// Engine renders documents from one set of inputs.
type Engine struct {
	Forms     *form.Set
	Templates *letter.Set
	Catalog   *locale.Catalog
	Fonts     *text.FontSet
	Office    form.Office // the office that issues the documents
	// Date, when set, is the date written into every PDF instead of the
	// form's version date (SOURCE_DATE_EPOCH).
	Date time.Time
	// Version is formgen's version, written as the PDF producer.
	Version string
	// Flat leaves the form fields out of blank forms: print-only PDFs.
	Flat bool

	pdfFonts *pdf.Fonts
	once     sync.Once
	mu       sync.Mutex
	shapers  []*text.Shaper // idle shapers with their caches; unlike a sync.Pool, not emptied by the GC
}

// Result is a rendered document.
type Result struct {
	PDF     []byte
	Pages   int
	Missing []string // ids of messages the locale lacks, given in German
	// Messages are the ids of every message the document asked for, in
	// either language, sorted: with the definition, the office, the fonts
	// and the tool, all it was made from.
	Messages []string
	// Boxes are the boxes the document's messages were set in.
	Boxes []Box
	// Layout is the laid-out document the PDF was written from.
	Layout *layout.Document
}

// Box is the box one message was set in.
type Box struct {
	ID string
	layout.Box
}

func (e *Engine) init() {
	e.once.Do(func() { e.pdfFonts = pdf.NewFonts() })
}

// shaper takes an idle shaper, or makes one; release gives it back.
func (e *Engine) shaper() *text.Shaper {
	e.mu.Lock()
	defer e.mu.Unlock()
	if n := len(e.shapers); n > 0 {
		sh := e.shapers[n-1]
		e.shapers = e.shapers[:n-1]
		return sh
	}
	return text.NewShaper(e.Fonts)
}

func (e *Engine) release(sh *text.Shaper) {
	e.mu.Lock()
	e.shapers = append(e.shapers, sh)
	e.mu.Unlock()
}

// Form renders form id in locale loc: blank, or pre-filled with rec, which
// form.Prefill has checked.
func (e *Engine) Form(id string, loc *locale.Locale, rec data.Record) (*Result, error) {
	e.init()
	f := e.Forms.Get(id)
	if f == nil {
		return nil, fmt.Errorf("unknown form %q", id)
	}
	if err := CheckDataFonts(e.Fonts, rec); err != nil {
		return nil, fmt.Errorf("form %s, locale %s: %w", id, loc.Tag, err)
	}
	r := &resolver{t: e.Catalog.Texts(loc), fonts: e.Fonts}
	doc, err := resolveForm(f, r, e.Office, rec)
	if err != nil {
		return nil, fmt.Errorf("form %s, locale %s: %w", id, loc.Tag, err)
	}
	sh := e.shaper()
	laid, err := layout.Form(doc, sh)
	e.release(sh)
	if err != nil {
		return nil, fmt.Errorf("form %s, locale %s: %w", id, loc.Tag, err)
	}
	// recorded in the PDF, so that a filled-in copy can be read back
	laid.Info.Form = layout.Source{ID: f.ID, Version: f.Version, Locale: loc.Tag}
	return e.finish(fmt.Sprintf("form %s, locale %s", id, loc.Tag), laid, r, f.Date)
}

// finish writes a laid-out document as PDF, dated date unless the engine
// has a date of its own (SOURCE_DATE_EPOCH).
func (e *Engine) finish(what string, laid *layout.Document, r *resolver, date time.Time) (*Result, error) {
	if !e.Date.IsZero() {
		date = e.Date
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, laid, e.pdfFonts, pdf.Options{Date: date, Producer: "formgen " + e.Version, Flat: e.Flat}); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	res := &Result{PDF: buf.Bytes(), Pages: len(laid.Pages), Missing: r.t.Missing(), Messages: r.t.Asked(), Layout: laid}
	if !laid.Continued {
		// asked for every table, printed only when one goes on to
		// another page: a document depends on what it printed
		res.Messages = slices.DeleteFunc(res.Messages, func(id string) bool { return id == form.MsgContinued })
		res.Missing = slices.DeleteFunc(res.Missing, func(id string) bool { return id == form.MsgContinued })
	}
	for _, b := range laid.Boxes {
		for _, id := range r.ids[b.TR][b.Text] {
			res.Boxes = append(res.Boxes, Box{ID: id, Box: b})
		}
	}
	return res, nil
}

// resolver fetches the two languages of each message, keeping the first
// error.
type resolver struct {
	t     *locale.Texts
	fonts *text.FontSet
	err   error
	// german holds the translations that fell back to German
	german map[string]bool
	// ids are the message ids of each text resolved, German (false) and
	// translated (true)
	ids map[bool]map[string][]string
}

// note records that text s (translated or not) is message id.
func (r *resolver) note(tr bool, s, id string) {
	if r.ids == nil {
		r.ids = map[bool]map[string][]string{false: {}, true: {}}
	}
	if !slices.Contains(r.ids[tr][s], id) {
		r.ids[tr][s] = append(r.ids[tr][s], id)
	}
}

func (r *resolver) bi(id string, data locale.Data) layout.Bi {
	de, err := r.t.German(id, data)
	if err != nil {
		r.fail(err)
		return layout.Bi{}
	}
	r.cover(locale.Source, id, de)
	r.note(false, de, id)
	b := layout.Bi{DE: de}
	if r.t.Bilingual() {
		tr, err := r.t.Translation(id, data)
		if err != nil {
			r.fail(err)
		}
		r.cover(r.t.Locale.Tag, id, tr)
		r.note(true, tr, id)
		b.TR = tr
		if !r.t.Translated(id) {
			if r.german == nil {
				r.german = map[string]bool{}
			}
			r.german[tr] = true
		}
	}
	return b
}

// cover fails when no font prints some character of a message: the
// document would otherwise show an empty box or lose a letter.
func (r *resolver) cover(tag, id, s string) {
	if miss := r.fonts.Uncovered(s); len(miss) > 0 {
		r.fail(fmt.Errorf("locale %s, message %q: %w", tag, id, &text.MissingGlyphError{Runes: miss}))
	}
}

// reader describes the translation; its Untranslated fills as texts are
// resolved.
func (r *resolver) reader() layout.Reader {
	if r.german == nil {
		r.german = map[string]bool{}
	}
	return layout.Reader{Lang: r.t.Locale.Tag, RTL: r.t.Locale.RTL, Untranslated: r.german}
}

func (r *resolver) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func resolveForm(f *form.Form, r *resolver, office form.Office, rec data.Record) (*layout.FormDoc, error) {
	t := r.t
	doc := &layout.FormDoc{
		Office:    office.Heading(),
		Authority: r.bi(form.MsgAuthority, nil),
		Title:     r.bi(form.TitleID(f.ID), nil),
		Continued: r.bi(form.MsgContinued, nil),
		DateParts: [3]layout.Bi{r.bi(form.MsgDateDay, nil), r.bi(form.MsgDateMonth, nil), r.bi(form.MsgDateYear, nil)},
	}
	if t.Bilingual() {
		doc.Reader = r.reader()
		doc.Binding = r.bi(form.MsgBinding, nil)
	}
	if f.Intro {
		doc.Intro = append(doc.Intro, r.bi(f.ID+".intro", nil))
	}
	doc.Legend = legend(f, r)
	version, _ := t.German(form.MsgVersion, locale.Data{"Version": f.Version, "Date": f.Date.Format("02.01.2006")})
	doc.FooterID = f.ID + " · " + version + " · " + t.Locale.Tag
	doc.Page = r.pageNumbers()
	n := 0
	for _, s := range f.Sections {
		// a pre-filled copy leaves out what the answers exclude; a blank
		// form says for which answers each such part applies
		if !f.Shown(s.When, rec) {
			continue
		}
		n++
		sp := f.ID + "." + s.ID
		sd := layout.SectionDoc{ID: s.ID, Number: n, Title: r.bi(sp+".title", nil)}
		if rec == nil {
			sd.When = r.when(f, s.When)
		}
		if s.Intro {
			sd.Intro = append(sd.Intro, r.bi(sp+".intro", nil))
		}
		for _, fl := range s.Fields {
			if !f.Shown(fl.When, rec) {
				continue
			}
			fd := resolveField(r, sp+"."+fl.ID, fl)
			fd.Follows, fd.Confirms = f.FollowsUp(fl), f.Declaration(fl)
			if rec == nil {
				fd.When = r.when(f, fl.When)
			} else {
				fd.Value = value(fl, rec[fl.ID])
			}
			sd.Fields = append(sd.Fields, fd)
		}
		doc.Sections = append(doc.Sections, sd)
	}
	return doc, r.err
}

// pageNumbers returns what writes "Seite 1 von 3" in both languages, the
// translation's numbers in the locale's digits (format.digits) as in its
// dates; a locale without format.digits (a project of forms only needs
// none) keeps European digits.
func (r *resolver) pageNumbers() func(page, pages int) (layout.Bi, error) {
	return func(page, pages int) (layout.Bi, error) {
		pr := &resolver{t: r.t, fonts: r.fonts}
		b := pr.bi(form.MsgPage, locale.Data{"Page": fmt.Sprint(page), "Pages": fmt.Sprint(pages)})
		if pr.err != nil || b.TR == "" || !r.t.Translated(locale.FmtDigits) {
			return b, pr.err
		}
		tr, err := r.t.Formatter(true).Digits(b.TR)
		b.TR = tr
		return b, err
	}
}

// when words a condition in both languages: the question's label and the
// answers it depends on.
func (r *resolver) when(f *form.Form, c *data.Condition) layout.Bi {
	if c == nil {
		return layout.Bi{}
	}
	s, fl := f.Field(c.Field)
	fp := f.ID + "." + s.ID + "." + fl.ID
	label := r.bi(fp+".label", nil)
	if c.Checked != nil {
		id := form.MsgWhenChecked
		if !*c.Checked {
			id = form.MsgWhenUnchecked
		}
		return r.pair(id, label, layout.Bi{})
	}
	or := r.bi(form.MsgWhenOr, nil)
	var values layout.Bi
	for i, o := range c.Is {
		ol := r.bi(fp+".options."+o, nil)
		if i > 0 {
			values.DE += " " + or.DE + " "
			values.TR += " " + or.TR + " "
		}
		values.DE += ol.DE
		values.TR += ol.TR
	}
	id := form.MsgWhenIs
	if c.Not {
		id = form.MsgWhenIsNot
	}
	return r.pair(id, label, values)
}

// pair fills a message with a field label and values, each language with
// its own.
func (r *resolver) pair(id string, field, values layout.Bi) layout.Bi {
	de := r.bi(id, locale.Data{"Field": field.DE, "Values": values.DE})
	if r.t.Bilingual() {
		tr := r.bi(id, locale.Data{"Field": field.TR, "Values": values.TR})
		de.TR = tr.TR
	}
	return de
}

// value is what a pre-filled field prints: the data as given, dates as
// DD.MM.YYYY, in Latin digits.
func value(fl *form.Field, v *data.Value) *layout.Value {
	if v == nil {
		return nil
	}
	out := &layout.Value{Text: v.Text}
	switch fl.Type {
	case form.Text:
		if v.Original != "" {
			out.Text += " (" + v.Original + ")"
		}
	case form.Date:
		out.Text = v.Date.Format("02012006")
	case form.Checkbox:
		out.Checked = v.Bool
	case form.Choice:
		for _, o := range fl.Options {
			out.Chosen = append(out.Chosen, o == v.Text || slices.Contains(v.Options, o))
		}
	case form.Table:
		for _, row := range v.Rows {
			out.Rows = append(out.Rows, tableRow(fl, row))
		}
	case form.Signature:
		out.Place = v.Text
		if !v.Date.IsZero() {
			out.Date = v.Date.Format("02.01.2006")
		}
	}
	return out
}

// tableRow is what a pre-filled row of the table fl prints, a cell per
// column: dates as DD.MM.YYYY, nothing for a missing value.
func tableRow(fl *form.Field, row data.Record) []string {
	var cells []string
	for _, c := range fl.Columns {
		cv := row[c.ID]
		switch {
		case cv == nil:
			cells = append(cells, "")
		case c.Type == form.Date:
			cells = append(cells, cv.Date.Format("02.01.2006"))
		default:
			cells = append(cells, cv.Text)
		}
	}
	return cells
}

func resolveField(r *resolver, fp string, fl *form.Field) layout.FieldDoc {
	fd := layout.FieldDoc{
		ID: fl.ID, Type: fl.Type, Width: fl.Width, Required: fl.Required,
		Lines: fl.Lines, Digits: fl.Digits, Multiple: fl.Multiple, Rows: fl.Rows,
	}
	switch fl.Type {
	case form.Paragraph, form.Heading:
		fd.Text = r.bi(fp+".text", nil)
	default:
		fd.Label = r.bi(fp+".label", nil)
	}
	if fl.Hint {
		fd.Hint = r.bi(fp+".hint", nil)
	}
	switch fl.Type {
	case form.Signature:
		fd.Sign = [3]layout.Bi{r.bi(form.MsgSignPlace, nil), r.bi(form.MsgSignDate, nil), r.bi(form.MsgSignSignature, nil)}
	}
	for _, o := range fl.Options {
		fd.Options = append(fd.Options, r.bi(fp+".options."+o, nil))
		fd.OptionIDs = append(fd.OptionIDs, o)
	}
	fd.MaxLength = fl.MaxLength
	for _, c := range fl.Columns {
		cd := layout.ColumnDoc{ID: c.ID, Title: r.bi(fp+".columns."+c.ID, nil), Width: c.Width}
		if c.Type == form.Date {
			cd.MaxLen = len("TT.MM.JJJJ")
		}
		fd.Columns = append(fd.Columns, cd)
	}
	return fd
}

// legend explains the marks the form uses, in a fixed order.
func legend(f *form.Form, r *resolver) []layout.LegendItem {
	var has [4]bool
	for _, s := range f.Sections {
		for _, fl := range s.Fields {
			has[layout.MarkRequired] = has[layout.MarkRequired] || fl.Required
			has[layout.MarkOne] = has[layout.MarkOne] || fl.Type == form.Choice && !fl.Multiple
			has[layout.MarkMany] = has[layout.MarkMany] || fl.Type == form.Choice && fl.Multiple
			has[layout.MarkDate] = has[layout.MarkDate] || fl.Type == form.Date
		}
	}
	ids := [4]string{form.MsgRequired, form.MsgChoiceOne, form.MsgChoiceMany, form.MsgDateFormat}
	var items []layout.LegendItem
	if r.t.Bilingual() {
		items = append(items, layout.LegendItem{Mark: layout.MarkTranslation, Text: r.bi(form.MsgTranslation, nil)})
	}
	for m, ok := range has {
		if ok {
			items = append(items, layout.LegendItem{Mark: layout.Mark(m), Text: r.bi(ids[m], nil)})
		}
	}
	return items
}

// New returns an engine over a project's inputs; it fails when the
// project has no usable office (every document names it).
func New(p *project.Project, version string) (*Engine, error) {
	office, err := p.Office()
	if err != nil {
		return nil, err
	}
	return &Engine{Forms: p.Forms, Templates: p.Templates, Catalog: p.Catalog, Fonts: p.Fonts, Office: office, Date: p.Date, Version: version}, nil
}

// Make makes one document of a build's batch: a form, or a letter.
func (e *Engine) Make(d build.Doc) (*build.Output, error) {
	var res *Result
	var err error
	if d.Kind == "form" {
		res, err = e.Form(d.ID, d.Locale, d.Record)
	} else {
		res, err = e.Letter(d.ID, d.Locale, d.Record)
	}
	if err != nil {
		return nil, err
	}
	return &build.Output{PDF: res.PDF, Missing: res.Missing, Messages: res.Messages}, nil
}
