#!/usr/bin/env bash
# Scanned images through `reportd extract`: a PNG page is read by OCR
# (format image, page method ocr with a confidence); a header declaring
# 60000 x 60000 pixels, a TIFF whose page list loops, a cut JPEG and a
# PNG with garbage after its header are rejected quickly with a reason
# and exit status 1.
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=$((fail+1)); fi
}
field() { # field FILE JQ-EXPRESSION
  jq -r "$2" "$1"
}

"$REPORTD" extract "$SRC/tests/data/ocr/para.png" >"$t/para.json" 2>"$t/err"
check "a scanned PNG is read (exit 0)" test $? -eq 0
check "format is image" test "$(field "$t/para.json" .source.format)" = image
check "status is ok" test "$(field "$t/para.json" .status)" = ok
check "one page, method ocr" test "$(field "$t/para.json" '.pages | map(.method) | join(",")')" = ocr
check "page confidence above 0.8" \
  test "$(field "$t/para.json" '.pages[0].confidence > 0.8 and .pages[0].confidence <= 1')" = true
check "nothing on stderr for a good file" test ! -s "$t/err"

"$REPORTD" extract --model "$SRC/tests/data/ocr/para.png" >"$t/para.model" 2>/dev/null
check "--model shows the recognised text" grep -q "203/SNV-CCHC" "$t/para.model"
check "--model keeps the Đ of a document number" grep -q "1264/QĐ-" "$t/para.model"

# Refused, with the reason, and without hanging: `timeout` only catches a
# hang (a loop, a decode of 3.6 gigapixels); how fast a refusal is belongs
# to the benchmarks, not to a test on a machine that may be loaded.
rejected() { # rejected NAME CODES TEXT (CODES: one or more, "a|b")
  timeout 120 "$REPORTD" extract "$t/$1" >"$t/$1.json" 2>/dev/null
  local rc=$?
  check "$1: refused without hanging" test $rc -ne 124
  check "$1: exit status 1" test $rc -eq 1
  check "$1: status rejected, code $2" \
    grep -qxE "rejected ($2)" <(field "$t/$1.json" '.status + " " + .error.code')
  check "$1: message says \"$3\"" grep -q "$3" "$t/$1.json"
}
printf '\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\xea\x60\0\0\xea\x60\x08\0\0\0\0\0\0\0\0' >"$t/huge.png"
rejected huge.png limit "60000 x 60000 pixels"
# One IFD (width and height 4) whose next-IFD offset points at itself.
printf 'II*\0\x08\0\0\0\x02\0\0\x01\x03\0\x01\0\0\0\x04\0\0\0\x01\x01\x03\0\x01\0\0\0\x04\0\0\0\x08\0\0\0' >"$t/loop.tiff"
rejected loop.tiff malformed "loops back"
head -c 3000 "$SRC/corpus/ocr/grey.jpg" >"$t/cut.jpg"
rejected cut.jpg "truncated|malformed" "cut short"
printf '\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x10\0\0\0\x10\x08\0\0\0\0\0\0\0\0garbage' >"$t/garbage.png"
rejected garbage.png malformed "cannot be decoded"

echo "$fail failed"
test $fail -eq 0
