package locale

import (
	"slices"
	"sort"
	"text/template/parse"
)

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
	trees, err := parse.Parse("m", src, "{{", "}}", map[string]any{"printf": nil, "print": nil, "println": nil, "len": nil, "index": nil, "html": nil, "js": nil, "urlquery": nil, "and": nil, "or": nil, "not": nil, "eq": nil, "ne": nil, "lt": nil, "le": nil, "gt": nil, "ge": nil, "slice": nil, "call": nil})
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
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, out)
		}
	case *parse.ActionNode:
		walk(n.Pipe, out)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walk(c, out)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walk(a, out)
		}
	case *parse.FieldNode:
		if len(n.Ident) > 0 && !slices.Contains(*out, n.Ident[0]) {
			*out = append(*out, n.Ident[0])
		}
	case *parse.IfNode:
		walk(n.Pipe, out)
		walk(n.List, out)
		walk(n.ElseList, out)
	case *parse.RangeNode:
		walk(n.Pipe, out)
		walk(n.List, out)
		walk(n.ElseList, out)
	case *parse.WithNode:
		walk(n.Pipe, out)
		walk(n.List, out)
		walk(n.ElseList, out)
	}
}
