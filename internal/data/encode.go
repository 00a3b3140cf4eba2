package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
)

// Encode writes raw data (keyed by field id, as Decode returns them) in
// the format name decides, as Decode reads it: JSON for .json, TOML
// otherwise, after comment as a first line.
func Encode(name string, raw map[string]any, comment string) ([]byte, error) {
	var buf bytes.Buffer
	if strings.EqualFold(filepath.Ext(name), ".json") {
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		err := enc.Encode(raw)
		return buf.Bytes(), err
	}
	fmt.Fprintf(&buf, "# %s\n", comment)
	err := toml.NewEncoder(&buf).Encode(raw)
	return buf.Bytes(), err
}
