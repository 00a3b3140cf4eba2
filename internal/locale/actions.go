package locale

import "regexp"

// actionPattern matches a template action, {{.Name}}, in a message. The
// messages are parsed by text/template (TemplateFields); this pattern only
// finds where actions stand in a text, for the code that marks or
// protects them, so that there is one notion of an action's extent.
var actionPattern = regexp.MustCompile(`\{\{.*?\}\}`)

// Actions returns the start and end of every template action in s.
func Actions(s string) [][]int { return actionPattern.FindAllStringIndex(s, -1) }

// WrapActions returns s with every template action between before and
// after, e.g. bidi isolates around a placeholder in a right-to-left text.
func WrapActions(s, before, after string) string {
	return actionPattern.ReplaceAllString(s, before+"$0"+after)
}
