package build

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// FuzzManifest: any bytes read as a manifest give a manifest or an error
// naming the file; a manifest read is one whose entries are paths inside
// the folder, and it reads back the same after writing.
func FuzzManifest(f *testing.F) {
	f.Add([]byte(`{"format": 1, "formgen": "1", "pdfs": {"de/x.pdf": {"inputs": "i1", "pdf": "p", "messages": ["a"]}}}`))
	f.Add([]byte(`{"format": 1, "pdfs": {"../x.pdf": {"inputs": "a", "pdf": "b"}}}`))
	f.Add([]byte(`{"format": 1, "pdfs": {"de/x.pdf": null}}`))
	f.Add([]byte(`{"format": 1} {}`))
	f.Add([]byte(``))
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := decodeManifest("out/formgen-manifest.json", src)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "out/formgen-manifest.json: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for p, e := range m.PDFs {
			if !localPath(p) || e == nil || e.Inputs == "" || e.PDF == "" {
				t.Fatalf("entry %q accepted: %+v", p, e)
			}
		}
		out, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		again, err := decodeManifest("again", out)
		if err != nil {
			t.Fatalf("written manifest does not read back: %v", err)
		}
		if !reflect.DeepEqual(m, again) {
			t.Fatalf("manifest changed when written and read: %+v, %+v", m, again)
		}
	})
}
