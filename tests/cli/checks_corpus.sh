#!/usr/bin/env bash
# Consistency checks over the sample corpus: planted inconsistencies
# flagged (recall >= 0.95) and at most 1 false flag per 20 consistent
# documents, measured by reportd-score on the DOCX files, and on the
# text PDFs when this build reads PDF.
set -euo pipefail
corpus="${SHARED:-}/corpus"
if [ -z "${SHARED:-}" ] || [ ! -d "$corpus" ]; then
	echo "skipped: no corpus at '$corpus' (SHARED unset or absent)"
	exit 0
fi
score="$BUILD/tools/reportd-score"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir "$tmp/docx" "$tmp/pdf"
# Exit status 1 means some file was rejected; the records say which.
"$REPORTD" extract --out "$tmp/docx" "$corpus"/*.docx >/dev/null 2>&1 || true
"$score" --truth "$corpus" --format docx --verbose \
    --min-flag-recall 0.95 --max-false-per-20 1 "$tmp/docx" |
    grep -E '^(format|docx|flags|FAIL)|flag'
"$score" --truth "$corpus" --format docx \
    --min-flag-recall 0.95 --max-false-per-20 1 "$tmp/docx" >/dev/null

pdfs=()
for f in "$corpus"/*.pdf; do
	case "$f" in *.scan.pdf) ;; *) pdfs+=("$f") ;; esac
done
if [ "${#pdfs[@]}" -eq 0 ]; then
	echo "no text PDFs in the corpus"
	exit 0
fi
"$REPORTD" extract --out "$tmp/pdf" "${pdfs[@]}" >/dev/null 2>&1 || true
if jq -e 'select(.error.message // "" | test("not available"))' \
    "$tmp/pdf"/*.json >/dev/null 2>&1; then
	echo "skipped text PDFs: this build does not read PDF"
	exit 0
fi
"$score" --truth "$corpus" --format pdf_text --verbose \
    --min-flag-recall 0.95 --max-false-per-20 1 "$tmp/pdf" |
    grep -E '^(format|pdf_text|flags|FAIL)|flag'
"$score" --truth "$corpus" --format pdf_text \
    --min-flag-recall 0.95 --max-false-per-20 1 "$tmp/pdf" >/dev/null
