package form

import (
	"fmt"

	"formgen/internal/locale"
	"formgen/internal/problem"
)

// MessageKind says what a message is for, which tells translators where it
// appears and the layout how to set it.
type MessageKind string

// Message kinds.
const (
	KindTitle     MessageKind = "title"
	KindIntro     MessageKind = "intro"
	KindSection   MessageKind = "section"
	KindLabel     MessageKind = "label"
	KindHint      MessageKind = "hint"
	KindOption    MessageKind = "option"
	KindColumn    MessageKind = "column"
	KindParagraph MessageKind = "paragraph"
	KindHeading   MessageKind = "heading"
	KindCommon    MessageKind = "common"
)

// MessageRef is one message a form needs, with where it is used.
type MessageRef struct {
	ID    string
	Kind  MessageKind
	Where string // the element, e.g. `section "person", field "name"`
	Line  int    // line of the element in the form file
	Width int    // grid columns the text is set in (0: whole width)
}

// The message id convention (docs/forms.md):
//
//	<form>.title                          form title
//	<form>.intro                          introduction, when intro = true
//	<form>.<section>.title                section heading
//	<form>.<section>.intro                section introduction, when intro = true
//	<form>.<section>.<field>.label        field label (all types but paragraph, heading)
//	<form>.<section>.<field>.hint         hint under the label, when hint = true
//	<form>.<section>.<field>.text         text of a paragraph or heading
//	<form>.<section>.<field>.options.<v>  option v of a choice
//	<form>.<section>.<field>.columns.<c>  header of column c of a table

// TitleID is the message id of a form's title.
func TitleID(form string) string { return form + ".title" }

// Messages lists the messages the form needs, in reading order.
func (f *Form) Messages() []MessageRef {
	refs := []MessageRef{{ID: TitleID(f.ID), Kind: KindTitle, Where: "form", Line: 1}}
	if f.Intro {
		refs = append(refs, MessageRef{ID: f.ID + ".intro", Kind: KindIntro, Where: "form", Line: 1})
	}
	for _, s := range f.Sections {
		sp := f.ID + "." + s.ID
		where := fmt.Sprintf("section %q", s.ID)
		refs = append(refs, MessageRef{ID: sp + ".title", Kind: KindSection, Where: where, Line: s.Line})
		if s.Intro {
			refs = append(refs, MessageRef{ID: sp + ".intro", Kind: KindIntro, Where: where, Line: s.Line})
		}
		for _, fl := range s.Fields {
			fp := sp + "." + fl.ID
			fw := fmt.Sprintf("section %q, field %q", s.ID, fl.ID)
			add := func(id string, k MessageKind, width int) {
				refs = append(refs, MessageRef{ID: id, Kind: k, Where: fw, Line: fl.Line, Width: width})
			}
			switch fl.Type {
			case Paragraph:
				add(fp+".text", KindParagraph, fl.Width)
			case Heading:
				add(fp+".text", KindHeading, fl.Width)
			default:
				add(fp+".label", KindLabel, fl.Width)
			}
			if fl.Hint {
				add(fp+".hint", KindHint, fl.Width)
			}
			for _, o := range fl.Options {
				add(fp+".options."+o, KindOption, fl.Width)
			}
			for _, c := range fl.Columns {
				add(fp+".columns."+c.ID, KindColumn, 0)
			}
		}
	}
	return refs
}

// Common message ids: texts every document uses, in the header, footer and
// standard parts of fields.
const (
	MsgLanguageName  = locale.MsgLanguageName   // shared with letters and sheets
	MsgAuthority     = locale.MsgAuthority      // shared
	MsgBinding       = locale.MsgBinding        // shared
	MsgPage          = locale.MsgPage           // shared
	MsgVersion       = locale.MsgVersion        // shared
	MsgRequired      = "common.required"        // legend of the required marker
	MsgDateFormat    = "common.date.format"     // legend of a date's boxes
	MsgDateDay       = "common.date.day"        // caption under a date's day boxes
	MsgDateMonth     = "common.date.month"      // … month boxes
	MsgDateYear      = "common.date.year"       // … year boxes
	MsgTranslation   = "common.translated"      // legend of the translation's look
	MsgChoiceOne     = "common.choice.single"   // tick one
	MsgChoiceMany    = "common.choice.multiple" // tick any
	MsgSignPlace     = "common.signature.place" // place
	MsgSignDate      = "common.signature.date"  // date
	MsgSignSignature = "common.signature.sign"  // signature
	MsgContinued     = "common.table.continued" // table continued from the previous page
	MsgWhenIs        = "common.when.is"         // only for these answers
	MsgWhenIsNot     = "common.when.is_not"     // not for these answers
	MsgWhenChecked   = "common.when.checked"    // only when ticked
	MsgWhenUnchecked = "common.when.unchecked"  // only when not ticked
	MsgWhenOr        = "common.when.or"         // joins answers
)

// CommonMessages lists the common message ids in documentation order.
var CommonMessages = []string{
	MsgLanguageName, MsgAuthority, MsgBinding, MsgPage, MsgVersion, MsgRequired,
	MsgDateFormat, MsgDateDay, MsgDateMonth, MsgDateYear, MsgTranslation, MsgChoiceOne, MsgChoiceMany, MsgSignPlace, MsgSignDate,
	MsgSignSignature, MsgContinued, MsgWhenIs, MsgWhenIsNot, MsgWhenChecked,
	MsgWhenUnchecked, MsgWhenOr,
}

// CheckMessages reports every message of f that has no German text.
func (f *Form) CheckMessages(source string, hasGerman func(id string) bool) problem.Problems {
	var probs problem.Problems
	for _, r := range f.Messages() {
		if !hasGerman(r.ID) {
			probs = append(probs, problem.Problem{File: f.File, Line: r.Line, Where: r.Where, ID: r.ID, Msg: fmt.Sprintf("message %q has no German text in %s", r.ID, source)})
		}
	}
	return probs
}
