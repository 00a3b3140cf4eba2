// Command formgen makes the bilingual forms, information sheets and letters
// of a German foreigners' office as PDF: German, which is legally binding,
// and the same text in the reader's language, in every script.
//
// Usage:
//
//	formgen build [--out DIR] [--forms ID,ID] [--langs TAG,TAG]
//	formgen render --form ID --lang TAG --out FILE
//	formgen list [--json]
//	formgen check
//
// Run formgen help for the whole list.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"formgen/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
	stop()
	os.Exit(code)
}
