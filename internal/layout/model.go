// Package layout places a document's resolved texts and fields on A4 pages:
// a grid of fields, bilingual labels (German bold, the translation under it
// in the reader's direction), page breaks that keep headings with what
// follows and repeat table headers, a header and a footer. It measures and
// breaks text only through the text layer and knows nothing of PDF.
package layout

import "formgen/internal/form"

// Bi is a text in German and in the reader's language. TR is empty for a
// German-only document.
type Bi struct{ DE, TR string }

// Reader is the language of a document's translation and how it is
// written.
type Reader struct {
	Lang string // tag of the translation; "" for German only
	RTL  bool   // the translation is written right to left
	// Untranslated holds the translations that fell back to German: they
	// are set left to right whatever the language.
	Untranslated map[string]bool
}

// FormDoc is a form with every text resolved, ready to lay out.
type FormDoc struct {
	Reader
	Office    string // the office's name, in German
	Authority Bi     // kind of office, under its name
	Title     Bi
	Intro     []Bi
	Binding   Bi           // only the German text is binding (empty for German only)
	Legend    []LegendItem // what the marks of the form mean
	Sections  []SectionDoc
	FooterID  string                            // form id, version, locale
	Page      func(page, pages int) (Bi, error) // "Seite 1 von 2"
	Continued Bi                                // table continued
	DateParts [3]Bi                             // day, month, year: captions under a date's boxes
}

// SectionDoc is a numbered section.
type SectionDoc struct {
	ID     string
	Number int
	Title  Bi
	Intro  []Bi
	When   Bi // on a blank form: for which answers the section applies
	Fields []FieldDoc
}

// FieldDoc is a field with its texts.
type FieldDoc struct {
	ID       string
	Type     form.Type
	Width    int
	Required bool
	Label    Bi
	Hint     Bi
	Lines    int
	Digits   int
	Multiple bool
	Options  []Bi
	// OptionIDs are the options' ids, as the data gives them
	OptionIDs []string
	MaxLength int // text, multiline: most characters; 0 no limit
	Columns   []ColumnDoc
	Rows      int
	Text      Bi    // paragraph or heading
	Sign      [3]Bi // signature: place, date, signature captions
	When      Bi    // on a blank form: for which answers the field applies
	Value     *Value
	// Follows are the questions a follow-up field ("Falls ja") belongs
	// to: it is kept on their page.
	Follows []string
	// Confirms are the fields of the declaration a signature signs: the
	// signature is kept on the page that ends the declaration.
	Confirms []string
}

// Value is what a pre-filled copy prints in a field, as the data gave it:
// Latin script, Latin digits, left to right.
type Value struct {
	Text    string     // text, multiline; number and date: their digits
	Checked bool       // checkbox
	Chosen  []bool     // choice: one per option
	Rows    [][]string // table: per row, one text per column
	Place   string     // signature
	Date    string     // signature
}

// Mark is a sign the legend explains.
type Mark int

// The marks of a form.
const (
	MarkRequired Mark = iota // the asterisk after a label
	MarkOne                  // a round box: tick one option
	MarkMany                 // a square box: tick any
	MarkDate                 // digit boxes of a date
	// MarkTranslation is the look of the translation: its colour and the
	// rule beside its paragraphs.
	MarkTranslation
)

// LegendItem explains one mark.
type LegendItem struct {
	Mark Mark
	Text Bi
}

// ColumnDoc is a table column.
type ColumnDoc struct {
	Title Bi
	Width int
	ID    string
	// MaxLen is the most characters of a cell's value (10 for a date, as
	// TT.MM.JJJJ); 0 no limit
	MaxLen int
}
