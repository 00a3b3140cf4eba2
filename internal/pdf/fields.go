package pdf

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"formgen/internal/layout"
)

// widget is a form field's box on a page: a field of its own (merged
// field and widget annotation), or a radio button of a group.
type widget struct {
	f     layout.Field
	page  int
	group *group // a radio button's group or a date part's date, else nil
	key   int    // its StructParent key
	num   int    // object number
	form  *elem  // its Form structure element
}

// group is a field whose kids are widgets: a single choice, whose radio
// buttons are its kids, each with an option as its export value; or a
// date, whose kids are text fields of their own, a comb over each group
// of boxes (day, month, year: birth_date.day).
type group struct {
	name string
	f    layout.Field
	kids []*widget
	num  int
}

// fields collects the form fields while the pages are drawn.
type fields struct {
	widgets []*widget
	groups  map[string]*group
	order   []any // top-level fields in order: *widget or *group
	font    *fieldFont
}

func (fs *fields) add(f layout.Field, page int) *widget {
	w := &widget{f: f, page: page}
	fs.widgets = append(fs.widgets, w)
	name := f.Parent
	if f.Kind == layout.FieldRadio {
		name = f.Name
	}
	if name == "" {
		fs.order = append(fs.order, w)
		return w
	}
	if fs.groups == nil {
		fs.groups = map[string]*group{}
	}
	g := fs.groups[name]
	if g == nil {
		g = &group{name: name, f: f}
		fs.groups[name] = g
		fs.order = append(fs.order, g)
	}
	g.kids = append(g.kids, w)
	w.group = g
	return w
}

// Field flags (PDF 32000-1, 12.7.3.1, 12.7.4.2, 12.7.4.3).
const (
	flagRequired      = 1 << 1
	flagMultiline     = 1 << 12
	flagNoToggleToOff = 1 << 14
	flagRadio         = 1 << 15
	flagDoNotScroll   = 1 << 23
	flagComb          = 1 << 24
)

// dataColour is the colour of values typed into the fields: that of
// pre-filled values (layout.Data), as "r g b".
const dataColour = "0.063 0.157 0.471"

// objects writes the fields as PDF objects numbered from *next on and
// returns them with the AcroForm entry of the catalog and each page's
// /Annots. height is the page height, to turn the layout's coordinates.
func (fs *fields) objects(page func(int) int, next *int, height float64) (objs []string, catalog string, annots map[int][]int) {
	if len(fs.widgets) == 0 {
		return nil, "", nil
	}
	num := func() int { n := *next; *next++; return n }
	for _, o := range fs.order {
		if g, ok := o.(*group); ok {
			g.num = num()
		}
	}
	for _, w := range fs.widgets {
		w.num = num()
	}
	// appearance streams, one per look
	lookOrder := fs.looks()
	looks := map[look]int{}
	for _, l := range lookOrder {
		looks[l] = num()
	}
	font := *next
	*next += fieldFontObjects

	annots = map[int][]int{}
	var top []string
	for _, o := range fs.order {
		switch o := o.(type) {
		case *widget:
			top = append(top, fmt.Sprintf("%d 0 R", o.num))
		case *group:
			top = append(top, fmt.Sprintf("%d 0 R", o.num))
			objs = append(objs, o.object())
		}
	}
	for _, w := range fs.widgets {
		objs = append(objs, w.object(looks, page, height))
		annots[w.page] = append(annots[w.page], w.num)
	}
	res := fmt.Sprintf("<</Font <</%s %d 0 R>>>>", fieldFontName, font)
	for _, l := range lookOrder {
		objs = append(objs, l.object(res))
	}
	objs = append(objs, fs.font.objects(font)...)
	// the text fields' appearance, which they inherit: 9 point Noto Sans
	// (embedded) in the colour of pre-filled values
	catalog = fmt.Sprintf("/AcroForm <</Fields [%s] /DA (/%s 9 Tf %s rg) /DR %s>>", strings.Join(top, " "), fieldFontName, dataColour, res)
	for _, ns := range annots {
		sort.Ints(ns)
	}
	return objs, catalog, annots
}

// look is an appearance of a widget: cross, dot or empty, and its size.
type look struct {
	kind string
	w, h float64
}

// looks returns the looks the widgets need, in order of first use.
func (fs *fields) looks() []look {
	seen := map[look]bool{}
	var order []look
	ap := func(l look) {
		if !seen[l] {
			seen[l] = true
			order = append(order, l)
		}
	}
	for _, w := range fs.widgets {
		wd, ht := w.f.W, w.f.H
		switch w.f.Kind {
		case layout.FieldCheck:
			ap(look{"cross", wd, ht})
		case layout.FieldRadio:
			ap(look{"dot", wd, ht})
		}
		ap(look{"empty", wd, ht})
	}
	return order
}

// object returns the appearance stream of the look; an empty text field's
// has the field font as its resources res, as a viewer that fills it in
// will.
func (l look) object(res string) string {
	content, resources := "", "<<>>"
	switch l.kind {
	case "cross":
		// as a pre-filled copy ticks a box (layout's option)
		content = fmt.Sprintf("q %s RG 1.1 w 1.6 1.6 m %s %s l S 1.6 %s m %s 1.6 l S Q",
			dataColour, f2(l.w-1.6), f2(l.h-1.6), f2(l.h-1.6), f2(l.w-1.6))
	case "dot":
		content = "q " + dataColour + " rg " + circle(l.w/2, l.h/2, l.w/2-2) + " f Q"
	default:
		content, resources = "/Tx BMC EMC", res
	}
	return fmt.Sprintf("<</Type /XObject /Subtype /Form /BBox [0 0 %s %s] /Resources %s /Length %d>>\nstream\n%s\nendstream",
		f2(l.w), f2(l.h), resources, len(content), content)
}

// object returns the field object of a group.
func (o *group) object() string {
	var kids []string
	for _, k := range o.kids {
		kids = append(kids, fmt.Sprintf("%d 0 R", k.num))
	}
	if o.f.Kind != layout.FieldRadio {
		// a date: its parts are its kids, each a field, its own
		// tooltip and limit
		return fmt.Sprintf("<</FT /Tx /T %s /Kids [%s]>>", pdfString(o.name), strings.Join(kids, " "))
	}
	ff := flagRadio | flagNoToggleToOff
	if o.f.Required {
		ff |= flagRequired
	}
	return fmt.Sprintf("<</FT /Btn /Ff %d /T %s /TU %s /V /Off /Kids [%s]>>",
		ff, pdfString(o.name), pdfString(tooltip(o.f)), strings.Join(kids, " "))
}

// object returns the annotation of a widget (and its field, but for a
// radio button); looks are the appearance streams' object numbers, page
// a page's, height the page's height. A form has hundreds: written
// without fmt, and without /Ff where no flag is set.
func (w *widget) object(looks map[look]int, page func(int) int, height float64) string {
	f := w.f
	ref := func(n int) string { return strconv.Itoa(n) + " 0 R" }
	var b strings.Builder
	b.Grow(256)
	b.WriteString("<</Subtype /Widget /Rect [" + f2(f.X) + " " + f2(height-f.Y-f.H) + " " + f2(f.X+f.W) + " " + f2(height-f.Y) +
		"] /P " + ref(page(w.page)) + " /F 4 /StructParent " + strconv.Itoa(w.key))
	empty := ref(looks[look{"empty", f.W, f.H}])
	ff := 0
	if f.Required {
		ff |= flagRequired
	}
	switch {
	case w.group == nil:
		b.WriteString(" /T " + pdfString(f.Name) + " /TU " + pdfString(tooltip(f)))
	case f.Kind != layout.FieldRadio:
		// a part of a date, named under it
		b.WriteString(" /Parent " + ref(w.group.num) + " /T " + pdfString(strings.TrimPrefix(f.Name, f.Parent+".")) + " /TU " + pdfString(tooltip(f)))
	}
	flags := func() string {
		if ff == 0 {
			return ""
		}
		return " /Ff " + strconv.Itoa(ff)
	}
	switch f.Kind {
	case layout.FieldText, layout.FieldLines, layout.FieldComb:
		switch f.Kind {
		case layout.FieldLines:
			ff |= flagMultiline
		case layout.FieldComb:
			ff |= flagComb | flagDoNotScroll
		}
		b.WriteString(" /FT /Tx" + flags() + " /AP <</N " + empty + ">>")
		if f.MaxLen > 0 {
			b.WriteString(" /MaxLen " + strconv.Itoa(f.MaxLen))
		}
	case layout.FieldCheck:
		b.WriteString(" /FT /Btn" + flags() + " /V /Off /AS /Off /MK <</CA (8)>> /AP <</N <</" + pdfName(f.Export) + " " +
			ref(looks[look{"cross", f.W, f.H}]) + " /Off " + empty + ">>>>")
	case layout.FieldRadio:
		b.WriteString(" /Parent " + ref(w.group.num) + " /AS /Off /MK <</CA (l)>> /AP <</N <</" + pdfName(f.Export) + " " +
			ref(looks[look{"dot", f.W, f.H}]) + " /Off " + empty + ">>>>")
	case layout.FieldSignature:
		b.WriteString(" /FT /Sig" + flags() + " /AP <</N " + empty + ">>")
	}
	b.WriteString(">>")
	return b.String()
}

// tooltip is what a screen reader says of a field: its label in German and
// in the translation.
func tooltip(f layout.Field) string {
	s := f.Label.DE
	if f.Label.TR != "" {
		s += " / " + f.Label.TR
	}
	return s
}

// pdfName writes s as a PDF name, escaping what a name cannot hold.
func pdfName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '!' || c > '~' || strings.IndexByte("#()<>[]{}/%", c) >= 0 {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func f2(v float64) string {
	return strings.TrimRight(strings.TrimRight(strconv.FormatFloat(v, 'f', 2, 64), "0"), ".")
}

// circle returns a path of four Bézier curves around (x, y).
func circle(x, y, r float64) string {
	const k = 0.5523
	c := r * k
	return fmt.Sprintf("%s %s m %s %s %s %s %s %s c %s %s %s %s %s %s c %s %s %s %s %s %s c %s %s %s %s %s %s c",
		f2(x+r), f2(y),
		f2(x+r), f2(y+c), f2(x+c), f2(y+r), f2(x), f2(y+r),
		f2(x-c), f2(y+r), f2(x-r), f2(y+c), f2(x-r), f2(y),
		f2(x-r), f2(y-c), f2(x-c), f2(y-r), f2(x), f2(y-r),
		f2(x+c), f2(y-r), f2(x+r), f2(y-c), f2(x+r), f2(y))
}
