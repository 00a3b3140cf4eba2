package form

import (
	"strings"

	"formgen/internal/problem"
	"formgen/internal/strict"
)

// OfficeFile is the file in forms/ that describes the office, not a form.
const OfficeFile = "office.toml"

// Office is the office that issues the documents (forms/office.toml): its
// name heads every page, letters take its address as sender.
type Office struct {
	Name       string
	Department string
	Street     string
	Postcode   string
	City       string
}

// ParseOffice decodes the office file strictly: every key known, name,
// street, postcode and city given (a letter without a sender cannot be
// sent), each problem with its line.
func ParseOffice(file string, src []byte) (Office, problem.Problems) {
	sd, top, ps := strict.Parse(file, src)
	if ps != nil {
		return Office{}, ps
	}
	const where = "office"
	o := Office{
		Name:       sd.Str(&top, "name", where, true),
		Department: sd.Str(&top, "department", where, false),
		Street:     sd.Str(&top, "street", where, true),
		Postcode:   sd.Str(&top, "postcode", where, true),
		City:       sd.Str(&top, "city", where, true),
	}
	sd.Unknown(&top, where, " (it takes name, department, street, postcode and city)")
	for _, k := range []struct{ key, v string }{{"name", o.Name}, {"street", o.Street}, {"postcode", o.Postcode}, {"city", o.City}} {
		if _, given := top.M[k.key]; given && strings.TrimSpace(k.v) == "" {
			sd.Problem(k.key, where, "%s is empty", k.key)
		}
	}
	if len(sd.Probs) > 0 {
		sd.Probs.Sort()
		return Office{}, sd.Probs
	}
	return o, nil
}

// Heading is the office's name as it heads a form's pages.
func (o Office) Heading() string {
	if o.Department == "" {
		return o.Name
	}
	return o.Name + " · " + o.Department
}

// Lines is the sender block of a letter.
func (o Office) Lines() []string {
	var out []string
	for _, l := range []string{o.Name, o.Department, o.Street, join(o.Postcode, o.City)} {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// ReturnLine is the return address above the recipient.
func (o Office) ReturnLine() string {
	var parts []string
	for _, l := range []string{o.Name, o.Street, join(o.Postcode, o.City)} {
		if l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " · ")
}

func join(a, b string) string { return strings.TrimSpace(a + " " + b) }
