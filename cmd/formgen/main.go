// Command formgen makes the bilingual forms, information sheets and letters
// of a German foreigners' office as PDF: German, which is legally binding,
// and the same text in the reader's language, in every script.
//
// Usage:
//
//	formgen build [--out DIR] [--forms ID,ID] [--langs TAG,TAG] [--force] [--prune] [--shard K/N]
//	formgen render --form ID --lang TAG [--data FILE] --out FILE
//	formgen letter --template ID --lang TAG [--data FILE|DIR] --out FILE|DIR
//	formgen list [--json]
//	formgen check
//	formgen i18n status|lint|extract|worklist|merge|export|import|proof|mark|fmt
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
	// the first Ctrl-C or SIGTERM asks the command to stop cleanly (a
	// build finishes the PDFs it is writing and its manifest); a second
	// one ends the process at once
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	code := cli.Main(ctx, os.Args[1:], &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
	stop()
	os.Exit(code)
}
