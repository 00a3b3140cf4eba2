package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
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

// BenchmarkLetters writes 1,000 appointment letters from 1,000 data files
// in one run of formgen letter --data DIR, on all cores, in Ukrainian (the
// largest group of readers). It reports letters per second and the most
// memory the Go runtime held from the system.
func BenchmarkLetters(b *testing.B) {
	const n = 1000
	dir := b.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		b.Fatal(err)
	}
	docs := []string{"passport", "permit", "photo", "form", "income", "rental", "insurance", "registration", "certificates"}
	for i := range n {
		// every record different: names, dates, times, documents, fee
		var chosen []string
		for j, d := range docs {
			if (i>>j)&1 == 1 || j == 0 {
				chosen = append(chosen, strconv.Quote(d))
			}
		}
		day := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%300)
		rec := fmt.Sprintf(`recipient = { latin = "Person %d Mustermann", original = "Особа %d" }
street = "Markt %d"
postcode = "06886"
city = "Lutherstadt Wittenberg"
file_number = "AB 2-%04d/2026"
letter_date = 2026-12-01
clerk = "Frau Schulze"
clerk_phone = "03491 479-1234"
clerk_email = "auslaenderbehoerde@landkreis-wittenberg.example"
appointment_date = %s
appointment_time = "%02d:%02d"
room = "2.%02d"
documents = [%s]
interpreter = %t
`, i, i, i%99+1, i, day.Format("2006-01-02"), 8+i%8, i%4*15, i%30, strings.Join(chosen, ", "), i%2 == 0)
		if i%3 == 0 {
			rec += fmt.Sprintf("fee = %d.%02d\n", 50+i%100, i%100)
		}
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("p%04d.toml", i)), []byte(rec), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	var peak uint64
	for b.Loop() {
		code := Main(context.Background(), []string{"letter", "--template", "einladung", "--lang", "uk", "--data", in, "--out", out},
			&Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }})
		if code != 0 {
			b.Fatalf("exit %d", code)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.Sys)
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "letters/s")
	b.ReportMetric(float64(peak)/(1<<20), "MiB-sys")
}

// BenchmarkBuildCold runs formgen build of every shipped form and template
// in every shipped locale into an empty folder, on all cores.
func BenchmarkBuildCold(b *testing.B) {
	n := 0
	for b.Loop() {
		out := filepath.Join(b.TempDir(), "out")
		n += benchBuild(b, out)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "PDFs/s")
}

// BenchmarkBuildNoChange runs formgen build over a folder that is up to
// date: every PDF is checked against the manifest, none is made.
func BenchmarkBuildNoChange(b *testing.B) {
	out := filepath.Join(b.TempDir(), "out")
	benchBuild(b, out)
	n := 0
	for b.Loop() {
		n += benchBuild(b, out)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "PDFs/s")
}

// benchBuild builds into out and returns the number of PDFs.
func benchBuild(b *testing.B, out string) int {
	var stdout strings.Builder
	code := Main(context.Background(), []string{"build", "--out", out},
		&Env{Stdout: &stdout, Stderr: io.Discard, Getenv: func(string) string { return "" }})
	if code != 0 {
		b.Fatalf("exit %d", code)
	}
	var n int
	if _, err := fmt.Sscanf(stdout.String(), "formgen: %d PDFs", &n); err != nil {
		b.Fatalf("no count of PDFs in %q: %v", stdout.String(), err)
	}
	return n
}
