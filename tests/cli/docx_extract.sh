#!/usr/bin/env bash
# reportd extract on DOCX as a user runs it: the sample reports are read
# (exit 0, status ok, format docx, pages), --model shows the appendix as a
# grid with its merged header, and the real Word files in $SHARED/real are
# all read while the old .doc files there are refused with what to do.
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=$((fail+1)); fi
}

samples=("$SRC"/corpus/samples/*.docx)
"$REPORTD" extract "${samples[@]}" >"$t/out.jsonl" 2>"$t/err"
check "samples exit 0" test $? -eq 0
check "one ok docx record per sample" \
  bash -c "jq -e -s 'length == ${#samples[@]} and all(.[]; .status == \"ok\" and .source.format == \"docx\" and (.pages | length) >= 1 and all(.pages[]; .method == \"text\"))' '$t/out.jsonl' >/dev/null"

"$REPORTD" extract --model "$SRC/corpus/samples/dev-08-vinh-hoa-q2-2024.docx" >"$t/model.txt"
check "--model exits 0" test $? -eq 0
check "--model shows the appendix title" grep -q 'THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH' "$t/model.txt"
check "--model shows the 88x5 appendix table" grep -q 'table 88x5' "$t/model.txt"
check "the merged 'Kết quả thống kê' header spans two columns" \
  grep -q '| Kết quả thống kê  *| Ghi chú |' "$t/model.txt"
check "no combining marks in the output" \
  bash -c "! grep -qP '[\x{0300}-\x{036F}]' '$t/model.txt'"

if [ -d "${SHARED:-}/real" ]; then
  "$REPORTD" extract "$SHARED"/real/*.docx >"$t/real.jsonl" 2>/dev/null
  check "real Word files exit 0" test $? -eq 0
  check "every real Word file is ok" \
    bash -c "jq -e -s 'length == 9 and all(.[]; .status == \"ok\")' '$t/real.jsonl' >/dev/null"
  "$REPORTD" extract "$SHARED"/real/*.doc >"$t/doc.jsonl" 2>/dev/null
  check "real .doc files exit 1" test $? -eq 1
  check "each .doc says save it as .docx" \
    bash -c "jq -e -s 'length == 3 and all(.[]; .status == \"rejected\" and (.error.message | contains(\"save it as .docx\")))' '$t/doc.jsonl' >/dev/null"
else
  echo "skipped: \$SHARED/real is not here (SHARED=${SHARED:-unset}); the real documents were not checked"
fi
[ "$fail" -eq 0 ]
