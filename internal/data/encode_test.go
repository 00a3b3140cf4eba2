package data

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// TestEncode: data written back, as TOML after its comment or as JSON by
// the name's extension, is read by Decode as it was.
func TestEncode(t *testing.T) {
	raw := map[string]any{"family_name": "AHMADI", "address": map[string]any{"city": "Wittenberg"}}
	for _, name := range []string{"back.toml", "back.json", "BACK.JSON", ""} {
		src, err := Encode(name, raw, "vollmacht read back")
		if err != nil {
			t.Fatalf("Encode(%q): %v", name, err)
		}
		isJSON := strings.HasSuffix(strings.ToLower(name), ".json")
		if got := bytes.HasPrefix(src, []byte("# vollmacht read back\n")); got == isJSON {
			t.Errorf("Encode(%q): comment line %v, want %v:\n%s", name, got, !isJSON, src)
		}
		back, err := Decode(name, bytes.NewReader(src))
		if err != nil {
			t.Fatalf("Decode(Encode(%q)): %v\n%s", name, err, src)
		}
		if !reflect.DeepEqual(back, raw) {
			t.Errorf("Decode(Encode(%q)) = %v, want %v", name, back, raw)
		}
	}
}
