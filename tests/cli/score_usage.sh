#!/usr/bin/env bash
# scripts/score and reportd-score fail plainly on a missing folder and
# report a threshold that is not met.
set -uo pipefail
: "${SRC:?}" "${BUILD:?}"
fail=0
out=$("$SRC/scripts/score" --build "$BUILD" /nonexistent/corpus 2>&1)
rc=$?
if [ $rc -ne 2 ] || ! grep -q "does not exist" <<<"$out"; then
	echo "missing folder: status $rc, output: $out"
	fail=1
fi
out=$("$BUILD/tools/reportd-score" --truth /nonexistent x.json 2>&1)
rc=$?
if [ $rc -ne 2 ] || ! grep -q "does not exist" <<<"$out"; then
	echo "reportd-score missing truth: status $rc, output: $out"
	fail=1
fi
# A record with a wrong value: precision and recall drop, the threshold
# fails with status 1.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/doc-1.truth.json" <<'JSON'
{"schema_version": 1, "doc_id": "doc-1",
 "formats": [{"file": "doc-1.docx", "format": "docx"}],
 "metadata": {"issuer": "UBND XÃ A", "doc_number": "1/BC-UBND",
   "date": "2024-01-02", "period_label": "năm 2023",
   "period_from": "2022-12-15", "period_to": "2023-12-14"},
 "sections": [{"heading": "1. Cải cách thể chế", "area": "the_che"}],
 "indicators": [
   {"canonical": "files.received", "value": 10, "raw": "10"},
   {"canonical": "files.resolved", "value": 8, "raw": "8"},
   {"canonical": null, "value": 3, "raw": "3"}],
 "narrative_values": [{"id": "files.received", "value": 10}],
 "planted": [{"class": "pct_mismatch", "also_detectable_as": [],
   "expected_flags": [{"class": "pct_mismatch"}]}]}
JSON
cat >"$tmp/doc-1.docx.json" <<'JSON'
{"schema": "reportd.result/1", "source": {"name": "doc-1.docx"},
 "status": "ok",
 "metadata": {"issuer": "UBND  XÃ A", "doc_number": "1/BC-UBND",
   "date": "2024-01-02",
   "period": {"label": "năm 2023", "from": "2022-12-15", "to": "2023-12-14"}},
 "sections": [{"area": "the_che", "heading": "1. CẢI CÁCH THỂ CHẾ"}],
 "indicators": [
   {"id": "files.received", "value": 10, "source": {"origin": "appendix"}},
   {"id": "files.resolved", "value": 9, "source": {"origin": "appendix"}},
   {"id": null, "value": 3, "source": {"origin": "appendix"}},
   {"id": "files.received", "value": 10, "source": {"origin": "narrative"}}],
 "flags": [{"rule": "pct_mismatch"}, {"rule": "breakdown_sum"}]}
JSON
out=$("$BUILD/tools/reportd-score" --truth "$tmp" --min-precision 0.9 \
    "$tmp/doc-1.docx.json")
rc=$?
echo "$out"
if [ $rc -ne 1 ] || ! grep -q "FAIL: indicator precision 0.500" <<<"$out"; then
	echo "threshold: status $rc"
	fail=1
fi
# docs failed ind.P ind.R id.R meta sect.R narr.R narr.P flag.R false
if ! grep -Eq '^docx +1 +0 +0\.500 +0\.500 +1\.000 +1\.000 +1\.000 +1\.000 +1\.000 +1\.000 +1$' <<<"$out"; then
	echo "unexpected scores"
	fail=1
fi
exit $fail
