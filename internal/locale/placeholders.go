package locale

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"text/template/parse"

	"formgen/internal/problem"
)

// builtins are the functions of Go templates, which the parser must know
// to read a text that names them.
var builtins = map[string]any{"printf": true, "print": true, "println": true, "len": true, "index": true, "html": true, "js": true, "urlquery": true, "and": true, "or": true, "not": true, "eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true, "slice": true, "call": true}

// Placeholders returns the names of the values ({{.name}}) the texts of a
// message print, over all its plural forms, sorted; a text that is not a
// valid template gives none (check reports it).
func Placeholders(forms map[string]string) []string {
	var names []string
	for _, src := range forms {
		n, err := TemplateFields(src)
		if err != nil {
			continue
		}
		for _, f := range n {
			if !slices.Contains(names, f) {
				names = append(names, f)
			}
		}
	}
	sort.Strings(names)
	return names
}

// TemplateFields parses a message text as go-i18n does (a Go text/template)
// and returns the fields it refers to.
func TemplateFields(src string) ([]string, error) {
	trees, err := parse.Parse("m", src, "{{", "}}", builtins)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range trees {
		walk(t.Root, &out)
	}
	return out, nil
}

func walk(n parse.Node, out *[]string) {
	if f, ok := n.(*parse.FieldNode); ok {
		if len(f.Ident) > 0 && !slices.Contains(*out, f.Ident[0]) {
			*out = append(*out, f.Ident[0])
		}
		return
	}
	for _, c := range children(n) {
		walk(c, out)
	}
}

// children returns the nodes below n that may name a field.
func children(n parse.Node) []parse.Node {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			return n.Nodes
		}
	case *parse.ActionNode:
		return []parse.Node{n.Pipe}
	case *parse.PipeNode:
		if n != nil {
			var cs []parse.Node
			for _, c := range n.Cmds {
				cs = append(cs, c)
			}
			return cs
		}
	case *parse.CommandNode:
		return n.Args
	case *parse.IfNode:
		return branch(&n.BranchNode)
	case *parse.RangeNode:
		return branch(&n.BranchNode)
	case *parse.WithNode:
		return branch(&n.BranchNode)
	}
	return nil
}

// branch returns the pipeline and both lists of an if, range or with.
func branch(n *parse.BranchNode) []parse.Node {
	return []parse.Node{n.Pipe, n.List, n.ElseList}
}

// MaxMessage is the longest text, in bytes, one plural form of a message
// may have.
const MaxMessage = 16 << 10

// CheckMessage checks that every text of a message is what a message
// may be: text and placeholders {{.name}}, nothing else. Actions such as
// {{range 2000000}}, {{if}} or function calls would make printing a
// message a program that may not end; a message has no need of them. It
// returns what is wrong, or "".
func CheckMessage(forms map[string]string) string {
	for _, cat := range PluralCategories {
		src, ok := forms[cat]
		if !ok {
			continue
		}
		form := ""
		if cat != "other" {
			form = " (" + cat + ")"
		}
		if len(src) > MaxMessage {
			return fmt.Sprintf("text%s longer than %d bytes", form, MaxMessage)
		}
		trees, err := parse.Parse("m", src, "{{", "}}", builtins)
		if err != nil {
			return fmt.Sprintf("invalid template%s: %s", form, strings.TrimPrefix(err.Error(), "template: m:"))
		}
		if len(trees) != 1 || trees["m"] == nil {
			return "a message may only hold text and placeholders such as {{.Name}}, not {{define}} or {{block}}"
		}
		for _, t := range trees {
			for _, n := range t.Root.Nodes {
				if !plainNode(n) {
					return fmt.Sprintf("%s%s: a message may only hold text and placeholders such as {{.Name}}", n, form)
				}
			}
		}
	}
	return ""
}

// plainNode reports whether n is text or a placeholder {{.name}}.
func plainNode(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.TextNode:
		return true
	case *parse.ActionNode:
		p := n.Pipe
		if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
			return false
		}
		f, ok := p.Cmds[0].Args[0].(*parse.FieldNode)
		return ok && len(f.Ident) == 1
	}
	return false
}

// checkPlaceholders finds the messages of a translation that print a value
// their German does not: no document gives it, and go-i18n would print
// "<no value>". They are left out (the German is printed instead) and
// reported.
func (c *Catalog) checkPlaceholders(loc *Locale) problem.Problems {
	de := c.byTag[Source]
	if de == nil || loc == de {
		return nil
	}
	var probs problem.Problems
	for id, e := range loc.Entries {
		src := de.Entries[id]
		if src == nil {
			continue
		}
		want := Placeholders(src.Forms)
		for _, p := range Placeholders(e.Forms) {
			if !slices.Contains(want, p) {
				probs = append(probs, problem.Problem{File: loc.File, Line: e.Line, Msg: fmt.Sprintf("message %q prints {{.%s}}, which its German does not have (it has %s)", id, p, placeholderList(want))})
				delete(loc.Entries, id)
				break
			}
		}
	}
	return probs
}

func placeholderList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{{." + n + "}}"
	}
	return strings.Join(out, ", ")
}
