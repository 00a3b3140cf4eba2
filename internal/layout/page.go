package layout

import "formgen/internal/text"

// Document is a laid-out document: pages of positioned items, in points,
// with the origin at the top left corner of each page and y growing down.
type Document struct {
	Info   Info
	Width  float64
	Height float64
	Pages  []*Page
	// Frame is the height of the part of a page a form's content flows
	// in, between header and footer.
	Frame float64
	// Boxes are the texts set, with the width of their box and how they
	// fit: what a translator needs to know of a text's room.
	Boxes []Box
	// Continued says whether a table went on to another page marked as
	// continued (Doc.Continued printed): a document that never prints it
	// does not depend on its text.
	Continued bool
}

// Box is one text set into a box of the layout.
type Box struct {
	Text  string
	TR    bool    // the translation, else German
	Width float64 // of the box, points
	Size  float64 // type size, points
	Lines int     // lines the text took
	Split bool    // a word did not fit the box's width and was cut
	// Starts are where the lines start, in runes of the normalised text
	// (text.Line.Start): text.BrokenRuns finds a protected run broken.
	Starts []int
	// Hyphenated counts the lines that end in a word, with a hyphen.
	Hyphenated int
	// Para is the paragraph number its lines carry (TextLine.Para).
	Para int
}

// Info is the document's metadata.
type Info struct {
	Title    string
	Subject  string
	Author   string
	Creator  string
	Keywords string
	Lang     string // BCP 47 tag of the document's main language
	Form     Source // the form a document is a copy of; zero for a letter
}

// Source names the form, its version and the locale a document was made
// from.
type Source struct {
	ID, Version, Locale string
}

// Page holds the items of one page in drawing order.
type Page struct {
	Items []Item
	// Elements say what the items of a form's page are (see Role); the
	// header and the footer are not elements.
	Elements []Element
}

// Item is something drawn on a page: a TextLine, a Rect, a Rule or a
// Circle; or a Field, a place to fill in at what the others draw.
type Item interface{ isItem() }

// Color is an RGB colour.
type Color struct{ R, G, B uint8 }

// Colours used by the layouts.
var (
	Black = Color{0, 0, 0}
	Gray  = Color{96, 96, 96}
	Light = Color{235, 235, 235}
	White = Color{255, 255, 255}
)

// TextLine is one laid-out line of text; X is its left edge and Y its
// baseline.
type TextLine struct {
	X, Y  float64
	Line  text.Line
	Color Color
	// Lang is the BCP 47 tag of the text's language ("de" for German);
	// Role is what the text is in the document's structure, and Para
	// numbers the paragraph the line belongs to (the lines of one text
	// share it): a tagged PDF makes one structure element of them.
	Lang string
	Role Role
	Para int
}

// Role is what a text is in the document's structure, for screen readers:
// a heading, a paragraph, or page furniture that is not read.
type Role string

// The roles of texts.
const (
	RoleP        Role = "P"        // a paragraph, a label, a caption
	RoleLI       Role = "LI"       // the text of a list's item (its bullet is furniture)
	RoleH1       Role = "H1"       // the document's title
	RoleH2       Role = "H2"       // a section's title
	RoleH3       Role = "H3"       // a heading inside a section
	RoleTH       Role = "TH"       // a table's column header
	RoleHeader   Role = "Header"   // the running header of each page
	RoleFooter   Role = "Footer"   // the running footer of each page
	RoleArtifact Role = "Artifact" // other furniture: the legend of marks, placeholders in boxes
)

// Content reports whether a text of role r is read as part of the
// document, rather than page furniture.
func (r Role) Content() bool {
	switch r {
	case RoleHeader, RoleFooter, RoleArtifact, "":
		return false
	}
	return true
}

// Body reports whether a text of role r is running text: a paragraph or
// a list item.
func (r Role) Body() bool { return r == RoleP || r == RoleLI }

// Rect is a rectangle, stroked, filled or both.
type Rect struct {
	X, Y, W, H float64
	Stroke     *Color
	Fill       *Color
	LineWidth  float64
}

// Rule is a straight line.
type Rule struct {
	X1, Y1, X2, Y2 float64
	Color          Color
	Width          float64
	Dashed         bool
}

// Circle is a circle around (X, Y), stroked, or filled when Fill is set.
type Circle struct {
	X, Y, R float64
	Stroke  Color
	Width   float64
	Fill    *Color
}

func (TextLine) isItem() {}
func (Field) isItem()    {}
func (Circle) isItem()   {}
func (Rect) isItem()     {}
func (Rule) isItem()     {}

// Field is a place to fill in on a blank form, over the boxes drawn for
// it: a fillable PDF makes it a form field.
type Field struct {
	// Name is the field's data path, as --data and the read command take
	// it: birth_date, family[2].birth_date, signature.place; a box of a
	// choice of several options adds the option (purpose.employment).
	Name string
	// Parent is the data path of the field this one is a part of (a
	// date's day, month and year boxes: birth_date for birth_date.day),
	// or "".
	Parent     string
	Kind       FieldKind
	X, Y, W, H float64 // the box, from the page's top left corner
	MaxLen     int     // most characters (text, comb: the boxes); 0 no limit
	// Export is what a check box or a radio button stands for: an option
	// of the choice, or "Yes".
	Export   string
	Label    Bi // what it asks, for a screen reader's tooltip
	Required bool
	Row      int // a table's cell: its row, from 1; 0 outside tables
}

// FieldKind is the kind of a form field.
type FieldKind int

// The kinds of form fields.
const (
	FieldText      FieldKind = iota // one line of text
	FieldLines                      // several lines
	FieldComb                       // one character per box: digits, a date
	FieldCheck                      // a check box
	FieldRadio                      // one of a group of radio buttons (same Name)
	FieldSignature                  // a place to sign
)

// Use is what an element of a form is for: what the checks of a
// laid-out form (Check) go by.
type Use int

// The uses of elements.
const (
	UseWidget    Use = iota + 1 // a box to write in or tick
	UseLabel                    // a line of a widget's label
	UseHint                     // a hint, caption or condition of a widget
	UseHeading                  // a section title or a sub-heading
	UseIntro                    // a lead-in: it introduces what follows
	UseText                     // a line of body text
	UseSignature                // a whole signature block: label, room to sign, captions
)

var useNames = map[Use]string{UseWidget: "widget", UseLabel: "label", UseHint: "hint",
	UseHeading: "heading", UseIntro: "intro", UseText: "text", UseSignature: "signature"}

func (u Use) String() string { return useNames[u] }

// Widget kinds, the Kind of a UseWidget element.
const (
	KindBox   = "box"   // one line to write on
	KindLines = "lines" // several lines to write on
	KindComb  = "comb"  // digit boxes
	KindCheck = "check" // a square box to tick
	KindRadio = "radio" // a round box to tick
	KindRow   = "row"   // a table row to write in
	KindSign  = "sign"  // room for a signature, a place or a date above a line
	// KindCondition marks a lead-in that says for which answers a part
	// applies: set like a hint.
	KindCondition = "condition"
)

// Element is one part of a form's structure on a page, with the rectangle
// it takes (points, origin at the top left, y down). The drawing is in the
// page's Items; elements say what the drawing means.
type Element struct {
	Use   Use
	Field string // id of the field it belongs to; "" for the form's own texts
	// Owner is the widget a label or widget belongs to: the field's id,
	// or for one option of a choice the field's id, "/" and the option's
	// number (from 1).
	Owner string
	// Section is the id of the section the element stands in.
	Section    string
	X, Y, W, H float64
	Text       string // a text's words
	TR         bool   // a text of the translation
	RTL        bool   // a text read right to left: it starts at its right end
	First      bool   // the first line of a label in its language
	Size       float64
	Kind       string  // a widget's kind
	Cell       float64 // a comb's digit box width
	Lines      int     // lines to write on (KindLines)
	// Follows is set on a follow-up question's widgets ("Falls ja"): the
	// ids of the fields it follows up.
	Follows []string
	// Confirms is set on a signature: the ids of the fields of the
	// declaration it signs.
	Confirms []string
}

// Start is the point a reader starts the element's text at: its left end,
// or its right end for a right-to-left text, half way up.
func (e Element) Start() (x, y float64) {
	if e.RTL {
		return e.X + e.W, e.Y + e.H/2
	}
	return e.X, e.Y + e.H/2
}
