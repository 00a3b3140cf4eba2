package data

import (
	"regexp"
	"strings"
	"testing"

	"formgen/internal/testtool"
)

// fuzzFields are fields of every kind, as a template declares them.
var fuzzFields = []Field{
	{Key: "recipient", Kind: KText, Required: true},
	{Key: "address", Kind: KLines},
	{Key: "born", Kind: KDate},
	{Key: "at", Kind: KTime},
	{Key: "postcode", Kind: KNumber},
	{Key: "fee", Kind: KAmount},
	{Key: "child", Kind: KBool},
	{Key: "kind", Kind: KOption, Options: []string{"a", "b"}},
	{Key: "documents", Kind: KOptions, Options: []string{"passport", "photo"}},
	{Key: "members", Kind: KRows, MaxRows: 3, Columns: []Field{{Key: "name", Kind: KText, Required: true}, {Key: "born", Kind: KDate}}},
	{Key: "signed", Kind: KPlace},
}

var decodeErr = regexp.MustCompile(`^p\.(toml|json)(:\d+(:\d+)?)?: not (valid TOML|valid JSON(: more after the object of field values|: it ends too soon)?|a JSON object of field values)$`)

func seedData(f *testing.F, ext string) {
	for _, src := range testtool.Seeds(f, "../../templates/examples/*"+ext, "../../testdata/data/*"+ext) {
		f.Add(src)
	}
}

// fuzzData decodes src as a person's data file and checks it: never a
// panic, a decoding error that says only where and what kind, problems
// with a field path that never repeat a value.
func fuzzData(t *testing.T, name string, src []byte) {
	raw, err := Decode(name, strings.NewReader(string(src)))
	if err != nil {
		if !decodeErr.MatchString(err.Error()) {
			t.Fatalf("decoding error not in the known form: %q", err)
		}
		return
	}
	rec, probs := Check(name, raw, fuzzFields)
	if len(probs) == 0 {
		if rec["recipient"] == nil {
			t.Fatal("no problem, but the required field is missing")
		}
		if v := rec["fee"]; v != nil && (v.Number < 0 || v.Number > MaxAmount) {
			t.Fatalf("amount %d cents out of range", v.Number)
		}
		return
	}
	var values []string
	collect(raw, &values)
	for _, p := range probs {
		if p.Field == "" {
			t.Fatalf("problem without a field path: %+v", p)
		}
		for _, v := range values {
			// plain lower-case words may be words of the message itself
			if len(v) >= 6 && strings.Trim(v, "abcdefghijklmnopqrstuvwxyz ") != "" && strings.Contains(p.Msg, v) {
				t.Fatalf("problem %q repeats the value %q", p.Msg, v)
			}
		}
	}
}

// collect gathers the text values of a decoded tree.
func collect(v any, out *[]string) {
	switch t := v.(type) {
	case string:
		*out = append(*out, t)
	case map[string]any:
		for _, e := range t {
			collect(e, out)
		}
	case []any:
		for _, e := range t {
			collect(e, out)
		}
	case []map[string]any:
		for _, e := range t {
			collect(e, out)
		}
	}
}

func FuzzDecodeTOML(f *testing.F) {
	seedData(f, ".toml")
	f.Add([]byte("recipient = \"A\"\nfee = \"1.250\"\nmembers = [{name = \"B\"}]\nsigned = {place = \"X\", date = 2026-01-02}"))
	f.Add([]byte("fee = inf\nfee2 = nan"))
	f.Fuzz(func(t *testing.T, src []byte) { fuzzData(t, "p.toml", src) })
}

func FuzzDecodeJSON(f *testing.F) {
	seedData(f, ".json")
	f.Add([]byte(`{"recipient": {"latin": "A", "original": "ب"}, "fee": 1250.00, "members": [{"name": "B"}], "documents": ["photo"]}`))
	f.Add([]byte(`{"fee": 1e400}`))
	f.Add([]byte(`{"a": 1} x`))
	f.Fuzz(func(t *testing.T, src []byte) { fuzzData(t, "p.json", src) })
}
