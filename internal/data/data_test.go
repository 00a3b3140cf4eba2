package data

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

// amountTests are values of an amount field: the cents they are, or a
// part of the problem they have.
var amountTests = []struct {
	in    any
	cents int64
	err   string // part of the problem; "" for none
}{
	{int64(100), 10000, ""},
	{int64(0), 0, ""},
	{int64(-5), 0, "negative"},
	{int64(10_000_000), MaxAmount, ""},
	{int64(10_000_001), 0, "largest amount"},
	{int64(math.MaxInt64), 0, "largest amount"},
	{100.0, 10000, ""},
	{100.5, 10050, ""},
	{1250.07, 125007, ""},
	{0.1, 10, ""},
	{1e17, 0, "largest amount"},
	{-1.0, 0, "negative"},
	{math.Inf(1), 0, "not an amount"},
	{math.Inf(-1), 0, "not an amount"},
	{math.NaN(), 0, "not an amount"},
	{1.005, 0, "two decimals"},
	{json.Number("1250.00"), 125000, ""},
	{json.Number("1.250"), 125, ""}, // a JSON number is a number
	{json.Number("1e3"), 0, "not an amount"},
	{json.Number("-3"), 0, "negative"},
	{"1.250,00", 125000, ""},
	{"1.250", 125000, ""}, // German thousands
	{"12.345.678", 0, "largest amount"},
	{"1.234.567,89", 123456789, ""},
	{"100,50", 10050, ""},
	{"100,5", 10050, ""},
	{"1250.00", 125000, ""},
	{"1250.5", 125050, ""},
	{" 100 ", 10000, ""},
	{"0", 0, ""},
	{"007", 700, ""},
	{"1,250", 0, "ambiguous"},
	{"1,250.00", 0, "ambiguous"},
	{"1,250,000", 0, "ambiguous"},
	{"12.50.00", 0, "not an amount"},
	{"1.25.000", 0, "not an amount"},
	{"1234.567,00", 0, "not an amount"},
	{"-100", 0, "negative"},
	{"-1.250,00", 0, "negative"},
	{"inf", 0, "not an amount"},
	{"NaN", 0, "not an amount"},
	{"1e5", 0, "not an amount"},
	{"100 €", 0, "not an amount"},
	{"", 0, "not an amount"},
	{",50", 0, "not an amount"},
	{"100.", 10000, ""},
	{"100,123", 0, "ambiguous"},
	{"100,1234", 0, "two decimals"},
	{"99999999999999999999", 0, "largest amount"},
	{"10.000.000,00", MaxAmount, ""},
	{"10.000.000,01", 0, "largest amount"},
	{true, 0, "not an amount"},
}

func TestAmount(t *testing.T) {
	for _, c := range amountTests {
		cents, msg := amount(c.in)
		switch {
		case c.err == "" && msg != "":
			t.Errorf("amount(%#v): %s", c.in, msg)
		case c.err == "" && cents != c.cents:
			t.Errorf("amount(%#v) = %d cents, want %d", c.in, cents, c.cents)
		case c.err != "" && !strings.Contains(msg, c.err):
			t.Errorf("amount(%#v) = %d, %q; want a problem with %q", c.in, cents, msg, c.err)
		}
	}
}

// TestCheckAmountPath: an amount that cannot be read is a problem of its
// field path, and the problem does not repeat the value.
func TestCheckAmountPath(t *testing.T) {
	_, probs := Check("p.toml", map[string]any{"fee": "1,250"}, []Field{{Key: "fee", Kind: KAmount}})
	if len(probs) != 1 {
		t.Fatalf("problems = %v, want one", probs)
	}
	if p := probs[0]; p.Field != "fee" || p.File != "p.toml" || strings.Contains(p.Msg, "1,250") {
		t.Errorf("problem = %+v, want path fee and no value", p)
	}
}

func TestDecode(t *testing.T) {
	raw, err := Decode("p.toml", strings.NewReader("family_name = \"Haddad\"\nfee = 1250.00\nborn = 1990-04-01\n"))
	if err != nil {
		t.Fatal(err)
	}
	if raw["family_name"] != "Haddad" || raw["fee"] != 1250.0 {
		t.Errorf("Decode TOML = %v", raw)
	}
	raw, err = Decode("p.JSON", strings.NewReader(`{"family_name": "Haddad", "fee": 1250.00}`))
	if err != nil {
		t.Fatal(err)
	}
	if raw["fee"] != json.Number("1250.00") {
		t.Errorf("Decode JSON fee = %#v, want the number as written", raw["fee"])
	}
}

// TestDecodeErrorsQuoteNoData: a decoder's error says where and what kind,
// never a character or value of the person's data.
func TestDecodeErrorsQuoteNoData(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"p.json", "{\n\"name\": Zoë}", "p.json:2: not valid JSON"},
		{"p.json", `{"name": "Zoë"} "Zoë"`, "p.json:1: not valid JSON: more after"},
		{"p.json", `["Zoë"]`, "p.json:1: not a JSON object"},
		{"p.json", `{"name": "Zoë"`, "p.json: not valid JSON"},
		{"p.json", ``, "p.json: not valid JSON"},
		{"p.toml", "name = Zoë", "p.toml:1:8: not valid TOML"},
		{"p.toml", "name = \"Zoë\"\nname = \"Zoë\"", "p.toml:2:"},
	} {
		_, err := Decode(c.name, strings.NewReader(c.src))
		if err == nil {
			t.Errorf("Decode(%q) succeeded", c.src)
			continue
		}
		if !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("Decode(%q) = %q, want %q…", c.src, err, c.want)
		}
		if strings.Contains(err.Error(), "Zo") || strings.Contains(err.Error(), "ë") || strings.Contains(err.Error(), "'") {
			t.Errorf("Decode(%q) error quotes the data: %q", c.src, err)
		}
	}
}

// checkFields are a field of every kind, for TestCheck.
var checkFields = []Field{
	{Key: "name", Kind: KText, Required: true},
	{Key: "address", Kind: KLines},
	{Key: "born", Kind: KDate},
	{Key: "at", Kind: KTime},
	{Key: "postcode", Kind: KNumber},
	{Key: "fee", Kind: KAmount},
	{Key: "child", Kind: KBool},
	{Key: "kind", Kind: KOption, Options: []string{"a", "b"}},
	{Key: "docs", Kind: KOptions, Options: []string{"a", "b"}},
	{Key: "members", Kind: KRows, MaxRows: 1, Columns: []Field{{Key: "name", Kind: KText, Required: true}}},
	{Key: "signed", Kind: KPlace},
}

func TestCheck(t *testing.T) {
	fields := checkFields
	good := map[string]any{
		"name":     map[string]any{"latin": "Omar Haddad", "original": "عمر حداد"},
		"address":  "Hauptstr. 1\n12345 Berlin",
		"born":     time.Date(1990, 4, 1, 0, 0, 0, 0, time.UTC),
		"at":       "09:30",
		"postcode": "01067",
		"fee":      "1.250,00",
		"child":    true,
		"kind":     "b",
		"docs":     []any{"a", "b", "a"},
		"members":  []map[string]any{{"name": "Lina"}},
		"signed":   map[string]any{"place": "Berlin", "date": "12.03.2026"},
	}
	rec, probs := Check("p.toml", good, fields)
	if probs != nil {
		t.Fatalf("problems in good data: %v", probs)
	}
	if rec["name"].Original != "عمر حداد" || rec["postcode"].Text != "01067" || rec["fee"].Number != 125000 ||
		rec["at"].Minutes != 9*60+30 || len(rec["docs"].Options) != 2 || len(rec["members"].Rows) != 1 ||
		rec["signed"].Text != "Berlin" || rec["signed"].Date.Day() != 12 {
		t.Errorf("checked record wrong: %+v", rec)
	}

	bad := map[string]any{
		"address":  true,
		"born":     "31.02.2026",
		"at":       "25:00",
		"postcode": "abc",
		"fee":      "-1",
		"child":    "yes",
		"kind":     "c",
		"docs":     []any{"a", "z"},
		"members":  []any{map[string]any{}, "x"},
		"signed":   "Berlin",
		"extra":    "x",
	}
	_, probs = Check("p.toml", bad, fields)
	if probs == nil {
		t.Fatal("no problems in bad data")
	}
	probs.Sort()
	var paths []string
	for _, p := range probs {
		paths = append(paths, p.Field)
	}
	want := "address at born child docs[2] extra fee kind members[1].name members[2] name postcode signed"
	if got := strings.Join(paths, " "); got != want {
		t.Errorf("problem paths\n got %s\nwant %s", got, want)
	}
	if !strings.HasPrefix(Err("p.toml", probs).Error(), "p.toml: 13 problems\np.toml: ") {
		t.Errorf("Problems.Error() = %q", probs.Error())
	}
}

func TestTextScript(t *testing.T) {
	for _, c := range []struct {
		v     any
		lines bool
		ok    bool
	}{
		{"Zoë Müller-Łukasiewicz", false, true},
		{"Omar\nHaddad", false, false},
		{"Omar\nHaddad", true, true},
		{"王", false, false},
		{map[string]any{"latin": "Wang", "original": "王"}, false, true},
		{map[string]any{"original": "王"}, false, false},
		{map[string]any{"latin": "Wang", "other": "x"}, false, false},
	} {
		c2 := &checker{}
		v := c2.text("f", c.v, c.lines)
		if ok := v != nil && len(c2.probs) == 0; ok != c.ok {
			t.Errorf("text(%#v) ok = %v, want %v (%v)", c.v, ok, c.ok, c2.probs)
		}
		for _, p := range c2.probs {
			if strings.Contains(p.Msg, "王") || strings.Contains(p.Msg, "Haddad") {
				t.Errorf("problem quotes the data: %v", p)
			}
		}
	}
}

// TestEmptyKey: a key with no name is still named in its problem (found
// by FuzzDecodeJSON: {"": []} gave a problem without a field path).
func TestEmptyKey(t *testing.T) {
	_, probs := Check("p.json", map[string]any{"": []any{}, " ": "x"}, []Field{{Key: "name", Kind: KText}})
	if len(probs) != 2 || probs[0].Field != `""` || probs[1].Field != `" "` {
		t.Errorf("problems = %v, want the keys quoted", probs)
	}
}
