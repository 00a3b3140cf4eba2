#!/usr/bin/env bash
# Long fuzz runs of formgen's parsers and decoders, one target at a time
# (the seed corpora run with every `go test`). Usage:
#   scripts/fuzz.sh [DURATION] [TARGET...]
# DURATION is a go test -fuzztime (default 5m); TARGETs are names such as
# FuzzScan (default: all). FUZZ_WORKERS sets the workers (default 1, for
# a shared machine). New failing inputs land in the package's
# testdata/fuzz/<Target>/ and then run as seeds: commit them with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
	export PATH="/usr/local/go/bin:$PATH"
fi

duration="${1:-5m}"
shift || true

# package target, one per line: every parser and decoder of formgen
targets="
./internal/tomlpos FuzzScan
./internal/form FuzzParse
./internal/form FuzzParseOffice
./internal/letter FuzzParse
./internal/data FuzzDecodeTOML
./internal/data FuzzDecodeJSON
./internal/locale FuzzLoad
./internal/locale FuzzCheckMessage
./internal/text FuzzLayout
./internal/i18n FuzzImport
./internal/i18n FuzzMerge
./internal/build FuzzManifest
./internal/project FuzzParseEpoch
"

status=0
while read -r pkg name; do
	[ -n "$pkg" ] || continue
	if [ $# -gt 0 ]; then
		want=0
		for t in "$@"; do [ "$t" = "$name" ] || [ "$t" = "$pkg.$name" ] && want=1; done
		[ $want = 1 ] || continue
	fi
	echo "== $pkg $name ($duration)"
	if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "$duration" -parallel "${FUZZ_WORKERS:-1}" "$pkg"; then
		status=1
	fi
done <<<"$targets"
exit $status
