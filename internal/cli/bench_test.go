package cli

import (
	"context"
	"io"
	"path/filepath"
	"testing"
)

// BenchmarkRender runs formgen render as a process would, loading
// everything: the in-process part of the time a clerk waits for one PDF.
func BenchmarkRender(b *testing.B) {
	out := filepath.Join(b.TempDir(), "a.pdf")
	for b.Loop() {
		code := Main(context.Background(), []string{"render", "--form", "aufenthaltstitel", "--lang", "de", "--out", out},
			&Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }})
		if code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
