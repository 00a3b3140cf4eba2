package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStoppedWritesNothing: render and letter asked to stop (Ctrl-C,
// SIGTERM cancel the context) write nothing and leave no temporary file.
func TestStoppedWritesNothing(t *testing.T) {
	for _, args := range [][]string{
		{"render", "--form", "vollmacht", "--lang", "uk", "--out", "x.pdf"},
		{"letter", "--template", "einladung", "--example", "--lang", "ar", "--out", "x.pdf"},
	} {
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var stderr bytes.Buffer
		code := Main(ctx, args, &Env{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &stderr, Getenv: func(string) string { return "" }, Dir: dir})
		if code != 1 || !strings.Contains(stderr.String(), "interrupted: nothing written") {
			t.Errorf("%s: exit %d, %q", args[0], code, stderr.String())
		}
		if es, err := os.ReadDir(dir); err != nil || len(es) > 0 {
			t.Errorf("%s: wrote %v %v", args[0], es, err)
		}
		if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
			t.Errorf("%s: x.pdf written", args[0])
		}
	}
}
