package render

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"

	"formgen/internal/data"
	"formgen/internal/form"
	"formgen/internal/layout"
	"formgen/internal/letter"
	"formgen/internal/locale"
	"formgen/internal/text"
)

// Letter renders template id in locale loc with data rec, which
// letter.Template's fields have checked.
func (e *Engine) Letter(id string, loc *locale.Locale, rec data.Record) (*Result, error) {
	e.init()
	doc, r, t, err := e.layLetter(id, loc, rec)
	if err != nil {
		return nil, err
	}
	return e.finish(fmt.Sprintf("template %s, locale %s", id, loc.Tag), doc, r, t.Date)
}

// layLetter lays out template id in locale loc with data rec.
func (e *Engine) layLetter(id string, loc *locale.Locale, rec data.Record) (*layout.Document, *resolver, *letter.Template, error) {
	t := e.Templates.Get(id)
	if t == nil {
		return nil, nil, nil, fmt.Errorf("unknown template %q", id)
	}
	if rec == nil {
		rec = data.Record{}
	}
	if err := CheckDataFonts(e.Fonts, rec); err != nil {
		return nil, nil, nil, fmt.Errorf("template %s, locale %s: %w", id, loc.Tag, err)
	}
	texts := e.Catalog.Texts(loc)
	r := &resolver{t: texts, fonts: e.Fonts}
	lr := &letterResolver{resolver: r, tpl: t, rec: rec}
	sh := e.shaper()
	defer e.release(sh)
	var doc *layout.Document
	var err error
	switch t.Kind {
	case letter.KindLetter:
		d := lr.letter(e.Office)
		if r.err != nil {
			return nil, nil, nil, fmt.Errorf("template %s, locale %s: %w", id, loc.Tag, r.err)
		}
		doc, err = layout.Letter(d, sh)
	default:
		d := lr.sheet(e.Office)
		if r.err != nil {
			return nil, nil, nil, fmt.Errorf("template %s, locale %s: %w", id, loc.Tag, r.err)
		}
		doc, err = layout.Sheet(d, sh)
	}
	if err != nil {
		return nil, nil, nil, fmt.Errorf("template %s, locale %s: %w", id, loc.Tag, err)
	}
	return doc, r, t, nil
}

// letterResolver fills a template's messages with its data, each language
// with values written its own way.
type letterResolver struct {
	*resolver
	tpl *letter.Template
	rec data.Record
}

// values writes the data a message asks for: de for the German text, tr
// for the translation, each only with the names that text prints. In the
// translation each value is a bidi isolate (FSI … PDI, UAX #9): it keeps
// its own order inside a line of the other direction, so a telephone
// number "03491 479-1234" is not turned into "479-1234 03491" by the
// right-to-left text around it, and does not reorder its neighbours.
func (l *letterResolver) values(id string) (de, tr locale.Data) {
	deKeys, trKeys := l.t.Placeholders(id)
	de, tr = locale.Data{}, locale.Data{}
	for _, k := range deKeys {
		de[k] = together(l.format(k, false))
	}
	for _, k := range trKeys {
		tr[k] = ""
		if v := l.format(k, true); v != "" {
			tr[k] = "\u2068" + together(v) + "\u2069"
		}
	}
	return de, tr
}

// together keeps a short value on one line in running text (a telephone
// number, a date, an amount): its spaces do not break.
func together(v string) string {
	if utf8.RuneCountInString(v) > 40 {
		return v
	}
	return strings.ReplaceAll(v, " ", "\u00a0")
}

// format writes one value in German or in the translation's language.
// Names and texts print as given (Latin script); in a translation a name
// carries its original spelling too.
func (l *letterResolver) format(key string, tr bool) string {
	v := l.rec[key]
	if v == nil {
		return ""
	}
	var typ letter.Type
	for _, f := range l.tpl.Fields {
		if f.Key == key {
			typ = f.Type
		}
	}
	f := l.t.Formatter(tr)
	var s string
	var err error
	switch typ {
	case letter.Name:
		s = v.Text
		if tr && v.Original != "" {
			s += " (" + v.Original + ")"
		}
	case letter.Date:
		s, err = f.Date(v.Date)
	case letter.Time:
		s, err = f.Time(v.Minutes)
	case letter.Amount:
		s, err = f.Amount(v.Number)
	case letter.Number:
		s, err = f.Number(v.Number)
	default:
		s = v.Text
	}
	if err != nil {
		l.fail(err)
	}
	return s
}

// shortDate writes a date value in digits, in German or the translation's
// way.
func (l *letterResolver) shortDate(key string, tr bool) string {
	v := l.rec[key]
	if v == nil {
		return ""
	}
	s, err := l.t.Formatter(tr).ShortDate(v.Date)
	if err != nil {
		l.fail(err)
	}
	return s
}

// text resolves a message with the data it asks for, in both languages.
func (l *letterResolver) text(id string) layout.Bi {
	de, tr := l.values(id)
	b := l.bi(id, de)
	if l.t.Bilingual() {
		b.TR = l.bi(id, tr).TR
	}
	return b
}

// parts resolves the blocks that apply to the data, in both languages.
func (l *letterResolver) parts() (de, tr []layout.Part) {
	t := l.tpl
	for _, b := range t.Blocks {
		if !b.Applies(l.rec) {
			continue
		}
		var pd, pt layout.Part
		switch b.Type {
		case letter.Heading, letter.Paragraph:
			kind := layout.PartParagraph
			if b.Type == letter.Heading {
				kind = layout.PartHeading
			}
			if b.ID == "closing" {
				kind = layout.PartClosing
			}
			txt := l.text(t.MessageID(b))
			pd, pt = layout.Part{Kind: kind, Text: txt.DE}, layout.Part{Kind: kind, Text: txt.TR}
		case letter.List:
			head := l.text(t.ID + "." + b.ID + ".title")
			pd, pt = layout.Part{Kind: layout.PartList, Text: head.DE}, layout.Part{Kind: layout.PartList, Text: head.TR}
			for _, it := range t.Items(b, l.rec) {
				txt := l.text(t.ID + "." + b.ID + "." + it)
				pd.Items, pt.Items = append(pd.Items, txt.DE), append(pt.Items, txt.TR)
			}
		case letter.Table:
			head := l.text(t.ID + "." + b.ID + ".title")
			pd, pt = layout.Part{Kind: layout.PartTable, Text: head.DE}, layout.Part{Kind: layout.PartTable, Text: head.TR}
			for _, r := range b.Rows {
				lbl := l.text(t.ID + "." + b.ID + "." + r.ID)
				pd.Rows = append(pd.Rows, [2]string{lbl.DE, l.format(r.Field, false)})
				pt.Rows = append(pt.Rows, [2]string{lbl.TR, l.format(r.Field, true)})
			}
		}
		de = append(de, pd)
		tr = append(tr, pt)
	}
	if !l.t.Bilingual() {
		tr = nil
	}
	return de, tr
}

// letter resolves a letter: the office's heading and the recipient's
// address, the information block, the blocks that apply to the data, and
// for a bilingual letter what its translation adds.
func (l *letterResolver) letter(office form.Office) *layout.LetterDoc {
	d := &layout.LetterDoc{
		Office:  office.Lines(),
		Return:  office.ReturnLine(),
		Address: []string{l.plain("recipient"), l.plain("street"), l.plain("postcode") + " " + l.plain("city")},
		Subject: l.text(letter.TitleID(l.tpl.ID)),
		Signer:  l.plain("clerk"),
	}
	date := l.format("letter_date", false)
	d.Info, d.InfoTR = l.info()
	d.DE, d.TR = l.parts()
	for i := range d.TR {
		l.localParts(&d.TR[i])
	}
	d.FooterID, d.Page = l.footer()
	d.Footer = strings.Join(office.Lines(), " · ")
	d.FollowHead = l.followHead(d.Page)
	if l.t.Bilingual() {
		l.translation(d, date)
	}
	return d
}

// plain is the text of a data value as given, "" without one.
func (l *letterResolver) plain(key string) string {
	if v := l.rec[key]; v != nil {
		return v.Text
	}
	return ""
}

// infoRow is a line of a letter's information block: the message that
// labels it and the data it gives.
type infoRow struct {
	id, key string
	date    bool // a date, given in digits (DIN 5008)
	wide    bool // as wide as the block (an e-mail address)
	// inTR: the translation's table of whom to reach repeats the line;
	// its follow-page header gives file number and date instead
	inTR bool
}

// infoRows are the lines of the information block, in order; a line
// whose data is missing is left out.
var infoRows = []infoRow{
	{id: letter.MsgFile, key: "file_number"},
	{id: letter.MsgClerk, key: "clerk", inTR: true},
	{id: letter.MsgPhone, key: "clerk_phone", inTR: true},
	{id: letter.MsgEmail, key: "clerk_email", wide: true, inTR: true},
	{id: letter.MsgDate, key: "letter_date", date: true},
}

// info resolves the information block in German, and the translation's
// table of whom to reach.
func (l *letterResolver) info() (de []layout.InfoRow, tr [][2]string) {
	for _, r := range infoRows {
		if l.rec[r.key] == nil {
			continue
		}
		lbl := l.bi(r.id, nil)
		val, trVal := l.infoValue(r, false), l.infoValue(r, true)
		de = append(de, layout.InfoRow{Label: lbl.DE, Value: val, Wide: r.wide})
		if r.inTR {
			tr = append(tr, [2]string{lbl.TR, l.localDigits(trVal)})
		}
	}
	return de, tr
}

// infoValue writes the value of an information line in German or in the
// translation's way.
func (l *letterResolver) infoValue(r infoRow, tr bool) string {
	if r.date {
		return l.shortDate(r.key, tr)
	}
	return l.plain(r.key)
}

// translation sets what a bilingual letter adds for its translation: the
// reader's language, the heading of the translation with the letter's
// date (date, in German), the note that only German binds, the enclosure
// line, and page numbers in the locale's digits.
func (l *letterResolver) translation(d *layout.LetterDoc, date string) {
	d.Reader = l.reader()
	head := l.bi(letter.MsgTranslation, locale.Data{"Date": date})
	head.TR = l.bi(letter.MsgTranslation, locale.Data{"Date": l.format("letter_date", true)}).TR
	d.TranslationHead = head
	d.Binding = l.bi(locale.MsgBinding, nil)
	d.Enclosure = l.enclosure()
}

// enclosure is the line that names the translation as an enclosure of
// the German letter; the translation, which translates all of it, says so
// too.
func (l *letterResolver) enclosure() layout.Bi {
	enc, err := l.t.German(letter.MsgEnclosure, locale.Data{"Language": germanName(l.t.Locale.Tag)})
	if err != nil {
		l.fail(err)
	}
	return layout.Bi{DE: enc, TR: l.localDigits(l.bi(letter.MsgEnclosure, locale.Data{"Language": l.t.Locale.Name}).TR)}
}

// germanNames are the names an office gives in German to languages that
// CLDR names otherwise (Zentralkurdisch) or not precisely enough (Persisch
// for Dari); every other language takes CLDR's German name.
var germanNames = map[string]string{
	"ckb":   "Kurdisch (Sorani)",
	"ku":    "Kurdisch (Kurmandschi)",
	"fa":    "Persisch (Farsi)",
	"fa-AF": "Dari",
}

// germanName is the German name of the language tag, for the enclosure
// line of a German letter.
func germanName(tag string) string {
	if n, ok := germanNames[tag]; ok {
		return n
	}
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if n := display.Languages(language.German).Name(t); n != "" {
		return n
	}
	return tag
}

// localDigits writes the digits of a text of the translation in the
// locale's digits (format.digits), except those of identifiers: file and
// telephone numbers, e-mail addresses and URLs keep the European digits
// they are given in (docs/templates.md, "Digits").
func (l *letterResolver) localDigits(s string) string {
	if !l.t.Bilingual() || !strings.ContainsAny(s, "0123456789") {
		return s
	}
	f := l.t.Formatter(true)
	runes := []rune(norm.NFC.String(s))
	var b strings.Builder
	last := 0
	put := func(end int) {
		d, err := f.Digits(string(runes[last:end]))
		if err != nil {
			l.fail(err)
		}
		b.WriteString(d)
	}
	for _, r := range text.Protected(string(runes)) {
		if !r.Kind.Identifier() {
			continue
		}
		put(r.Start)
		b.WriteString(string(runes[r.Start:r.End]))
		last = r.End
	}
	put(len(runes))
	return b.String()
}

// localParts applies localDigits to every text of a translated part.
func (l *letterResolver) localParts(p *layout.Part) {
	p.Text = l.localDigits(p.Text)
	for i := range p.Items {
		p.Items[i] = l.localDigits(p.Items[i])
	}
	for i := range p.Rows {
		p.Rows[i] = [2]string{l.localDigits(p.Rows[i][0]), l.localDigits(p.Rows[i][1])}
	}
}

// followHead writes the header of every page after the first: file
// number, date and page, in German and in the translation.
func (l *letterResolver) followHead(page func(int, int) (layout.Bi, error)) func(int, int) (layout.Bi, error) {
	file, date := l.bi(letter.MsgFile, nil), l.bi(letter.MsgDate, nil)
	fileNo := l.plain("file_number")
	deDate, trDate := l.shortDate("letter_date", false), l.shortDate("letter_date", true)
	return func(n, total int) (layout.Bi, error) {
		num, err := page(n, total)
		if err != nil {
			return layout.Bi{}, err
		}
		head := layout.Bi{DE: file.DE + " " + fileNo + " · " + date.DE + " " + deDate + " · " + num.DE}
		if l.t.Bilingual() {
			head.TR = file.TR + " \u2068" + fileNo + "\u2069 · " + date.TR + " \u2068" + trDate + "\u2069 · " + l.localDigits(num.TR)
		}
		return head, nil
	}
}

func (l *letterResolver) sheet(office form.Office) *layout.SheetDoc {
	d := &layout.SheetDoc{
		Office:    office.Heading(),
		Authority: l.bi(locale.MsgAuthority, nil),
		Title:     l.text(letter.TitleID(l.tpl.ID)),
	}
	d.DE, d.TR = l.parts()
	if l.t.Bilingual() {
		d.Reader = l.reader()
		d.Binding = l.bi(locale.MsgBinding, nil)
	}
	d.FooterID, d.Page = l.footer()
	return d
}

// footer is the template id, version and locale, and the page numbers.
func (l *letterResolver) footer() (string, func(int, int) (layout.Bi, error)) {
	version, _ := l.t.German(locale.MsgVersion, locale.Data{"Version": l.tpl.Version, "Date": l.tpl.Date.Format("02.01.2006")})
	id := l.tpl.ID + " · " + version + " · " + l.t.Locale.Tag
	return id, l.pageNumbers()
}
