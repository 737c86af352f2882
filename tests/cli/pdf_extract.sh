#!/usr/bin/env bash
# reportd extract on PDF as a user runs it: the text sample is read from its
# text layer (format pdf, every page text) with its appendix as one table
# over three pages; a password-protected file and a page of absurd size are
# refused with exit status 1 and a reason; with $SHARED, a one-page phone
# scan whose hidden text layer is garbage is read by OCR (pdf-scanned) and
# a signed Word export keeps its signing banner out of the text.
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=$((fail+1)); fi
}

sample="$SRC/corpus/samples/dev-04-tinh-ha-m9-2024.pdf"
"$REPORTD" extract "$sample" >"$t/out.json" 2>"$t/err"
check "sample exits 0" test $? -eq 0
check "sample: ok, format pdf, 8 text pages" \
  bash -c "jq -e '.status == \"ok\" and .source.format == \"pdf\" and (.pages | length) == 8 and all(.pages[]; .method == \"text\")' '$t/out.json' >/dev/null"
"$REPORTD" extract --model "$sample" >"$t/model.txt"
check "--model: the appendix is one 88x5 table" grep -q 'table 88x5' "$t/model.txt"
check "--model: 'Kết quả thống kê' spans two columns" \
  grep -q '| Kết quả thống kê  *| Ghi chú |' "$t/model.txt"
check "--model: the letterhead's left column comes first" \
  bash -c "grep -n 'UBND XÃ TỊNH HÀ\|Số : 790/BC-UBND\|CỘNG HÒA XÃ HỘI' '$t/model.txt' | cut -d: -f1 | sort -nc"
check "--model: 'Kế hoạch số 606/KH-UBND' is whole across its line break" \
  grep -q 'Kế hoạch số 606/KH-UBND ngày 15/1/2024' "$t/model.txt"

data="$SRC/tests/data/pdf"
"$REPORTD" extract "$data/encrypted-user-password.pdf" >"$t/enc.json" 2>/dev/null
check "password-protected PDF exits 1" test $? -eq 1
check "it says to send an unprotected copy" \
  bash -c "jq -e '.status == \"rejected\" and (.error.message | contains(\"send an unprotected copy\"))' '$t/enc.json' >/dev/null"
"$REPORTD" extract "$data/page-absurd-size.pdf" >"$t/big.json" 2>/dev/null
check "absurd page size exits 1" test $? -eq 1
check "it says the page size and the limit" \
  bash -c "jq -e '.status == \"rejected\" and .error.code == \"limit\" and (.error.message | contains(\"100000 x 100000 pt\"))' '$t/big.json' >/dev/null"
"$REPORTD" extract "$data/encrypted-owner-only.pdf" >"$t/own.json" 2>/dev/null
check "owner password only: read" \
  bash -c "jq -e '.status == \"ok\" and .source.format == \"pdf\"' '$t/own.json' >/dev/null"

if [ -d "${SHARED:-}/real" ]; then
  "$REPORTD" extract --model "$SHARED/real/lamdong_cat_totrinh298_2025_adobescan_ocr.pdf" >"$t/scan.txt" 2>/dev/null
  "$REPORTD" extract "$SHARED/real/lamdong_cat_totrinh298_2025_adobescan_ocr.pdf" >"$t/scan.json" 2>/dev/null
  check "phone scan with a garbage text layer: pdf-scanned, OCR" \
    bash -c "jq -e '.status == \"ok\" and .source.format == \"pdf-scanned\" and .pages[0].method == \"ocr\"' '$t/scan.json' >/dev/null"
  check "its OCR text reads Vietnamese, not the garbage layer" \
    bash -c "grep -q 'XÃ HỘI CHỦ NGHĨA VIỆT NAM' '$t/scan.txt' && ! grep -q 'CØNG' '$t/scan.txt'"
  "$REPORTD" extract --model "$SHARED/real/bnv_cv8151_cchc_2025_signed.pdf" >"$t/signed.txt" 2>/dev/null
  check "signed export: text read, no signing banner" \
    bash -c "grep -q 'Quyết định số 145/QĐ-BNV' '$t/signed.txt' && ! grep -q 'Thời gian ký\|Ký bởi' '$t/signed.txt'"
else
  echo "skipped: \$SHARED/real is not here (SHARED=${SHARED:-unset}); the real documents were not checked"
fi
[ "$fail" -eq 0 ]
