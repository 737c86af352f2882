#!/usr/bin/env bash
# The same report as DOCX and as the PDF exported from it gives the same
# record: metadata, every indicator (id, code, label, raw value) and the
# rules flagged.  Tables, paragraphs and the letterhead come out of the PDF
# the way the mapper sees them in the DOCX.  Needs $SHARED/corpus.
set -u
if [ ! -d "${SHARED:-}/corpus" ]; then
  echo "skipped: \$SHARED/corpus is not here (SHARED=${SHARED:-unset})"
  exit 0
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
key='{m: .metadata, i: ([.indicators[] | [.id, .code, .label, .raw]] | sort), f: ([.flags[].rule] | sort)}'
n=0 bad=0
for d in "$SHARED"/corpus/*.docx; do
  p=${d%.docx}.pdf
  [ -f "$p" ] || continue
  n=$((n + 1))
  "$REPORTD" extract "$d" | jq -S "$key" >"$t/docx.json"
  "$REPORTD" extract "$p" | jq -S "$key" >"$t/pdf.json"
  if cmp -s "$t/docx.json" "$t/pdf.json" && [ -s "$t/pdf.json" ]; then
    echo "ok   $(basename "$p")"
  else
    echo "FAIL $(basename "$p") differs from its DOCX:"
    diff "$t/docx.json" "$t/pdf.json" | head -20
    bad=$((bad + 1))
  fi
done
echo "$((n - bad)) of $n reports: the same record from the PDF as from the DOCX"
[ "$n" -ge 10 ] && [ "$bad" -eq 0 ]
