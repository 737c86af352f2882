#!/usr/bin/env bash
# reportd extract as a script sees it: help, usage errors, one record per
# file, rejected inputs with a reason and exit status 1, --out files.
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=$((fail+1)); fi
}

"$REPORTD" extract --help >"$t/help" 2>&1
check "--help exits 0" test $? -eq 0
check "--help documents --out" grep -q -- '--out DIR' "$t/help"
check "--help documents --model" grep -q -- '--model' "$t/help"

"$REPORTD" extract >/dev/null 2>"$t/err"
check "no FILE is a usage error (2)" test $? -eq 2
"$REPORTD" extract --bogus x >/dev/null 2>&1
check "unknown option is a usage error (2)" test $? -eq 2
"$REPORTD" frobnicate >/dev/null 2>&1
check "unknown command is a usage error (2)" test $? -eq 2

# Inputs we refuse, each with a message that says what to do.
printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' >"$t/old.doc"; head -c 2048 /dev/zero >>"$t/old.doc"
printf 'just some text\n' >"$t/notes.txt"
: >"$t/empty.docx"
head -c 4096 /dev/urandom >"$t/random.pdf.bin"
printf '\x01\x02' >>"$t/random.pdf.bin"
"$REPORTD" extract "$t/old.doc" "$t/notes.txt" "$t/empty.docx" >"$t/out.jsonl" 2>"$t/err"
rc=$?
check "rejected inputs exit 1" test $rc -eq 1
check "one record per input" test "$(wc -l <"$t/out.jsonl")" -eq 3
check "records are valid JSON with the schema" \
  bash -c "jq -e -s 'all(.[]; .schema == \"reportd.result/1\" and .status == \"rejected\")' '$t/out.jsonl' >/dev/null"
check ".doc says save it as .docx" bash -c "jq -r 'select(.source.name==\"old.doc\") | .error.message' '$t/out.jsonl' | grep -q 'save it as .docx'"
check "empty file says it is empty" bash -c "jq -r 'select(.source.name==\"empty.docx\") | .error.message' '$t/out.jsonl' | grep -q 'empty'"
check "sha256 of the input is recorded" bash -c "test \"\$(jq -r 'select(.source.name==\"notes.txt\") | .source.sha256' '$t/out.jsonl')\" = \"\$(sha256sum '$t/notes.txt' | cut -d' ' -f1)\""
check "stderr names the file" grep -q 'old.doc' "$t/err"

"$REPORTD" extract "$t/does-not-exist.docx" >"$t/out2.jsonl" 2>/dev/null
check "missing file exits 3" test $? -eq 3
check "missing file still gives a record" bash -c "jq -e '.status == \"failed\"' '$t/out2.jsonl' >/dev/null"

mkfifo "$t/fifo.docx"
"$REPORTD" extract "$t/fifo.docx" >"$t/out3.jsonl" 2>/dev/null
check "a FIFO is refused unread (exit 1)" test $? -eq 1

mkdir "$t/out"
"$REPORTD" extract --out "$t/out" "$t/notes.txt" >/dev/null 2>&1
check "--out writes NAME.json" test -s "$t/out/notes.txt.json"
check "--out leaves no temporary files" bash -c "! ls '$t/out' | grep -q tmp"
"$REPORTD" extract --out "$t/nope" "$t/notes.txt" >/dev/null 2>&1
check "--out to a missing folder is a usage error" test $? -eq 2

[ "$fail" -eq 0 ]
