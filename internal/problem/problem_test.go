package problem

import (
	"encoding/json"
	"testing"
)

func TestProblem(t *testing.T) {
	for _, c := range []struct {
		p    Problem
		text string
		json string
	}{
		{Problem{File: "forms/a.toml", Line: 3, Col: 5, Where: `field "name"`, Msg: "unknown type"},
			`forms/a.toml:3:5: field "name": unknown type`,
			`{"file":"forms/a.toml","line":3,"column":5,"where":"field \"name\"","severity":"error","message":"unknown type"}`},
		{Problem{File: "p.toml", Field: "members[2].born", Msg: "not a date"},
			`p.toml: members[2].born: not a date`,
			`{"file":"p.toml","field":"members[2].born","severity":"error","message":"not a date"}`},
		{Problem{File: "locales/uk.toml", Line: 7, ID: "x.title", Msg: "missing", Severity: Warning},
			`locales/uk.toml:7: missing`,
			`{"file":"locales/uk.toml","line":7,"id":"x.title","severity":"warning","message":"missing"}`},
	} {
		if got := c.p.Error(); got != c.text {
			t.Errorf("Error() = %q, want %q", got, c.text)
		}
		b, err := json.Marshal(c.p)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != c.json {
			t.Errorf("JSON = %s, want %s", b, c.json)
		}
	}
}

func TestProblems(t *testing.T) {
	ps := Problems{
		{File: "b.toml", Line: 2, Msg: "two"},
		{File: "a.toml", Line: 9, Msg: "nine", Severity: Warning},
		{File: "a.toml", Line: 1, Col: 4, Msg: "one"},
		{File: "a.toml", Line: 1, Col: 2, Msg: "first"},
	}
	if (Problems{}).Err() != nil || Problems(nil).Err() != nil {
		t.Error("an empty list is an error")
	}
	err := ps.Err()
	want := "a.toml:1:2: first\na.toml:1:4: one\na.toml:9: nine\nb.toml:2: two"
	if err == nil || err.Error() != want {
		t.Errorf("Err() = %v, want\n%s", err, want)
	}
	errs, warns := ps.Split()
	if len(errs) != 3 || len(warns) != 1 || warns[0].Msg != "nine" || errs[0].Msg != "first" {
		t.Errorf("Split() = %v | %v", errs, warns)
	}
}
