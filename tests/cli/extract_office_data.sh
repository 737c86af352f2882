#!/usr/bin/env bash
# reportd extract with an office's own catalogue and rules (--catalogue,
# --rules): an id the office adds is mapped and checked, a changed
# severity shows in the flags, and a mistake in either is reported as
# file:line with exit status 2.
set -u
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=$((fail+1)); fi
}
seed="$SRC/tests/data/seed002/seed002.docx"

"$REPORTD" extract --help >"$t/help" 2>&1
check "--help documents --catalogue" grep -q -- '--catalogue DIR' "$t/help"
check "--help documents --rules" grep -q -- '--rules FILE' "$t/help"

# The office's copy: the PAPI plan row of seed 002, which the built-in
# catalogue leaves without an id, gets one of the office's own, and the
# office's rules bound it and make a malformed date a note.
cp -r "$SRC/data/catalogue" "$t/cat"
cp "$SRC/data/rules/checks.tsv" "$t/rules.tsv"
printf 'papi.done_pct\tpct\t%%\tno\t\tTỷ lệ hoàn thành kế hoạch cải thiện chỉ số PAPI\n' \
    >>"$t/cat/indicators.tsv"
sed -i 's/^-\t\(A\t1\.3\tTỷ lệ hoàn thành kế hoạch nhiệm vụ cải thiện\)/papi.done_pct\t\1/' \
    "$t/cat/labels.tsv"
printf 'range\tpapi.done_pct 0 20\n' >>"$t/rules.tsv"
sed -i 's/^set\tmalformed_date = error$/set\tmalformed_date = info/' "$t/rules.tsv"

"$REPORTD" extract "$seed" >"$t/builtin.json" 2>/dev/null
check "built-in: the PAPI row has no id" \
  bash -c "jq -e '[.indicators[] | select(.id == \"papi.done_pct\")] | length == 0' '$t/builtin.json' >/dev/null"
check "built-in: malformed_date is an error" \
  bash -c "jq -e '.flags[] | select(.rule == \"malformed_date\") | .severity == \"error\"' '$t/builtin.json' >/dev/null"

"$REPORTD" extract --catalogue "$t/cat" --rules "$t/rules.tsv" "$seed" \
    >"$t/office.json" 2>"$t/err"
check "office data: exit 0" test $? -eq 0
check "office data: the PAPI row has the office's id" \
  bash -c "jq -e 'any(.indicators[]; .id == \"papi.done_pct\" and .raw == \"26%\")' '$t/office.json' >/dev/null"
check "office data: the office's range rule flags it" \
  bash -c "jq -e 'any(.flags[]; .rule == \"pct_out_of_range\" and (.indicators | index(\"papi.done_pct\")))' '$t/office.json' >/dev/null"
check "office data: malformed_date is a note" \
  bash -c "jq -e '.flags[] | select(.rule == \"malformed_date\") | .severity == \"info\"' '$t/office.json' >/dev/null"

# The rules name an id only the office's catalogue has.
"$REPORTD" extract --rules "$t/rules.tsv" "$seed" >/dev/null 2>"$t/err"
check "rules with an id the catalogue lacks: exit 2" test $? -eq 2
line=$(grep -n '^range.papi' "$t/rules.tsv" | cut -d: -f1)
check "... reported at its line" grep -q "rules.tsv:$line: unknown id 'papi.done_pct'" "$t/err"

printf 'ratio\tplan.done_pct = 100 * plan.tasks_done\n' >"$t/bad.tsv"
"$REPORTD" extract --rules "$t/bad.tsv" "$seed" >"$t/out" 2>"$t/err"
check "a malformed rule: exit 2" test $? -eq 2
check "... reported as file:line" grep -q 'bad.tsv:1: expected' "$t/err"
check "... and no record written" test ! -s "$t/out"

printf 'files.recieved\tA\t\tX\t\t\n' >>"$t/cat/labels.tsv"
n=$(wc -l <"$t/cat/labels.tsv")
"$REPORTD" extract --catalogue "$t/cat" --rules "$t/rules.tsv" "$seed" \
    >/dev/null 2>"$t/err"
check "a catalogue mistake: exit 2" test $? -eq 2
check "... reported as file:line" grep -q "labels.tsv:$n: unknown id 'files.recieved'" "$t/err"

"$REPORTD" extract --catalogue "$t/nope" "$seed" >/dev/null 2>"$t/err"
check "a missing catalogue folder: exit 2" test $? -eq 2
check "... names the file" grep -q 'nope/indicators.tsv' "$t/err"

[ "$fail" -eq 0 ]
