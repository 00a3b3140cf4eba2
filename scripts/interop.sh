#!/usr/bin/env bash
# Re-runs the interoperability matrix of docs/translators.md on the shipped
# locales with the real tools: xmllint (OASIS XLIFF 1.2 strict schema),
# translate-toolkit (xliff2po, its PO-XLIFF API) and goi18n merge (go-i18n
# v2.7.0, through the Go module proxy), both ways. The Go tests cover the
# same ground on a small workspace (internal/i18n: TestXLIFFSchema,
# TestToolkit, TestJSONRoundTrip); this script is for a release check.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/formgen" ./cmd/formgen
fg="$work/formgen"
ok() { printf '%-45s %s\n' "$1" "$2"; }

# 1. schema: every locale's export
files=()
for f in locales/*.toml; do
	tag=$(basename "$f" .toml)
	[ "$tag" = de ] && continue
	"$fg" i18n export --lang "$tag" --out "$work/$tag.xlf"
	files+=("$work/$tag.xlf")
done
xmllint --noout --nonet --schema testdata/xliff/xliff-core-1.2-strict.xsd "${files[@]}" 2>"$work/xmllint.log" &&
	ok "XLIFF 1.2 strict schema (${#files[@]} locales)" valid || { cat "$work/xmllint.log"; exit 1; }

# 2. translate-toolkit: xliff2po keeps placeholders; its API sees plural groups
xliff2po --progress=none "$work/uk.xlf" "$work/uk.po"
grep -q 'msgid "Seite {{.Page}} von {{.Pages}}"' "$work/uk.po" && ok "xliff2po placeholders" kept
/usr/bin/python3 - "$work/uk.xlf" <<'PY'
import sys
from translate.storage import poxliff
f = poxliff.PoXliffFile.parsefile(open(sys.argv[1], "rb"))
n = sum(1 for u in f.units if not u.isheader())
print("%-45s %d units read, %d plural" % ("translate-toolkit PO-XLIFF API", n, sum(1 for u in f.units if u.hasplural())))
PY
# the toolkit API writes the file back: formgen imports it without a change
/usr/bin/python3 - "$work/uk.xlf" "$work/uk-api.xlf" <<'PY'
import sys
from translate.storage import poxliff
f = poxliff.PoXliffFile.parsefile(open(sys.argv[1], "rb"))
open(sys.argv[2], "wb").write(bytes(f))
PY
cp -r locales "$work/locales-before"
"$fg" i18n import "$work/uk-api.xlf" >/dev/null
diff -r locales "$work/locales-before" >/dev/null && ok "toolkit API round trip, formgen import" "no change"

# 3. go-i18n v2 JSON and goi18n merge, both ways
goi18n=(go run github.com/nicksnyder/go-i18n/v2/goi18n@v2.7.0)
mkdir -p "$work/json/out"
"$fg" i18n export --lang de --format json --out "$work/json/de.json" >/dev/null
"$fg" i18n export --lang uk --format json --out "$work/json/uk.json" >/dev/null
(cd "$work/json" && GOFLAGS=-mod=mod "${goi18n[@]}" merge -sourceLanguage de -format json -outdir out de.json uk.json)
ok "goi18n merge of formgen's JSON" "$(ls "$work/json/out" | tr '\n' ' ')"
"$fg" i18n import --record "$work/json/.formgen/uk.toml" "$work/json/out/active.uk.json"
diff -r locales "$work/locales-before" >/dev/null && ok "formgen import of goi18n's active.uk.json" "no change"
