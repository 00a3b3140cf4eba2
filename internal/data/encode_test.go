package data

import (
	"bytes"
	"os"
	"path/filepath"
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

// TestReadFile: a data file is read as Decode reads it, named as given;
// a device is refused, not read forever.
func TestReadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "person.json")
	if err := os.WriteFile(path, []byte(`{"family_name": "AHMADI"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	raw, err := ReadFile(path, "person.json")
	if err != nil || raw["family_name"] != "AHMADI" {
		t.Errorf("ReadFile(person.json) = %v, %v", raw, err)
	}
	if _, err := ReadFile("/dev/zero", "zero.toml"); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("ReadFile(/dev/zero) = %v, want not a regular file", err)
	}
}
