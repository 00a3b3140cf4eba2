#!/usr/bin/env bash
# formgen's test command, the one CI runs (.ci/run): it installs the PDF
# tools the tests check output with when they are missing (Debian packages
# poppler-utils, qpdf, libharfbuzz-bin, mupdf-tools, nodejs, npm,
# libxml2-utils, pdftk-java, translate-toolkit) and
# pdf.js (npm ci in scripts/pdfjs), then checks formatting, runs
# go vet, staticcheck, errcheck and go test ./... . Extra arguments go to go test.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
	export PATH="/usr/local/go/bin:$PATH"
fi

missing=()
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
command -v hb-shape >/dev/null 2>&1 || missing+=(libharfbuzz-bin)
command -v mutool >/dev/null 2>&1 || missing+=(mupdf-tools)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v pdftk >/dev/null 2>&1 || missing+=(pdftk-java)
# translate-toolkit: xliff2po, pomerge, po2xliff and its Python XLIFF API
if ! command -v xliff2po >/dev/null 2>&1 || ! /usr/bin/python3 -c 'import translate.storage.poxliff' >/dev/null 2>&1; then
	missing+=(translate-toolkit)
fi
if [ ${#missing[@]} -gt 0 ]; then
	echo "test.sh: installing ${missing[*]}"
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# pdf.js, the engine of Firefox's viewer, reads the PDFs in the tests
if [ ! -d scripts/pdfjs/node_modules/pdfjs-dist ]; then
	(cd scripts/pdfjs && npm ci --omit=optional --no-audit --no-fund --silent)
fi

# the tests must use the tools, not skip them
export FORMGEN_REQUIRE_TOOLS=1

unformatted=$(gofmt -l .)
if [ -n "$unformatted" ]; then
	echo "gofmt: these files are not formatted:"
	echo "$unformatted"
	exit 1
fi
go vet ./...
# static analysis, versions pinned (fetched through the Go module proxy):
# staticcheck with its unused-code check, and errcheck for ignored errors
# (writes to the terminal excepted: scripts/errcheck-exclude.txt)
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
go run github.com/kisielk/errcheck@v1.30.0 -exclude scripts/errcheck-exclude.txt ./...
go test "$@" ./...
