#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# reportd run with the office's own catalogue and rules (indicators.catalogue,
# indicators.rules): documents the daemon reads are mapped with them, and a
# mistake in either stops the daemon at start (or a reload) with file:line
# instead of failing every document.
. "$SRC/tests/cli/daemon_common.bash"

seed="$SRC/tests/data/seed002/seed002.docx"
[ -f "$seed" ] || fail "missing $seed"
# Run as root, the workers (and the start-up check) read the office's
# files as worker.user.
chmod 755 "$T"

# The office's copy of the catalogue: a row of seed 002 that the built-in
# labels do not list, mapped to an id the catalogue already has.
label='- Số hồ sơ được tiếp nhận và trả kết quả qua dịch vụ BCCI'
cp -r "$SRC/data/catalogue" "$T/cat"
grep -qF -- "$label" "$T/cat/labels.tsv" && fail "the built-in labels already list the BCCI row"
printf 'files.received_postal\tK24\t\t%s\tHồ sơ\t\n' "$label" >>"$T/cat/labels.tsv"
cp "$SRC/data/rules/checks.tsv" "$T/rules.tsv"
chmod -R a+rX "$T/cat" "$T/rules.tsv"

step "built-in catalogue: the row has no id"
B=$T/builtin
mkdir -p "$B/inbox"
drop "$seed" "$B/inbox/seed002.docx"
"$REPORTD" run --root "$B" --once -o inbox.settle_seconds=0 >"$T/log" 2>&1 || fail "run --once (built-in) exited $?"
[ "$(field "$B" seed002.docx .status)" = ok ] || fail "built-in: status $(field "$B" seed002.docx .status)"
[ "$(field "$B" seed002.docx "[.indicators[] | select(.label == \"$label\")][0].id")" = null ] ||
  fail "built-in: the BCCI row already has an id"

step "office catalogue and rules: the row carries the office's id"
O=$T/office
mkdir -p "$O/inbox"
drop "$seed" "$O/inbox/seed002.docx"
cat >"$T/office.conf" <<EOF
[paths]
root = $O
[inbox]
settle_seconds = 0
[indicators]
catalogue = cat
rules = rules.tsv
EOF
"$REPORTD" run -c "$T/office.conf" --check >"$T/out" 2>&1 || fail "--check with the office's files: $(cat "$T/out")"
"$REPORTD" run -c "$T/office.conf" --print-config >"$T/eff" || fail "--print-config"
grep -qx "catalogue = $T/cat" "$T/eff" || fail "indicators.catalogue not taken from the file's folder: $(grep catalogue "$T/eff")"
"$REPORTD" run -c "$T/office.conf" --once >"$T/log" 2>&1 || fail "run --once (office) exited $?"
[ "$(field "$O" seed002.docx .status)" = ok ] || fail "office: status $(field "$O" seed002.docx .status)"
got=$(field "$O" seed002.docx ".indicators[] | select(.label == \"$label\") | [.id, .raw] | @tsv")
[ "$got" = "$(printf 'files.received_postal\t0')" ] || fail "office: the BCCI row is '$got'"
# The rest maps as before.
[ "$(field "$O" seed002.docx '[.indicators[] | select(.id == "plan.done_pct")][0].raw')" = 27.2% ] ||
  fail "office: plan.done_pct lost"

step "a broken rules file stops the daemon at start"
X=$T/broken
mkdir -p "$X/inbox"
drop "$seed" "$X/inbox/seed002.docx"
printf 'ratio\tplan.done_pct = 100 * plan.tasks_done\n' >"$T/bad.tsv"
chmod a+r "$T/bad.tsv"
rc=0
"$REPORTD" run --root "$X" --once -o inbox.settle_seconds=0 \
  -o indicators.rules="$T/bad.tsv" >"$T/log" 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "broken rules: exit $rc, expected 2"
grep -q "bad.tsv:1: expected" "$T/log" || fail "broken rules: no file:line in '$(cat "$T/log")'"
[ -f "$X/inbox/seed002.docx" ] || fail "broken rules: the document was taken"
[ ! -d "$X/outbox" ] || [ "$(count_json "$X")" = 0 ] || fail "broken rules: a record was written"
rc=0; "$REPORTD" run --root "$X" -o indicators.rules="$T/bad.tsv" --check >"$T/out" 2>&1 || rc=$?
[ "$rc" = 2 ] && grep -q "bad.tsv:1: expected" "$T/out" || fail "--check passed a broken rules file: $(cat "$T/out")"

step "a catalogue mistake is reported at its line"
cp -r "$T/cat" "$T/badcat"
printf 'files.recieved\tA\t\tX\t\t\n' >>"$T/badcat/labels.tsv"
n=$(wc -l <"$T/badcat/labels.tsv")
chmod -R a+rX "$T/badcat"
rc=0
"$REPORTD" run --root "$X" --once -o indicators.catalogue="$T/badcat" >"$T/log" 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "catalogue mistake: exit $rc, expected 2"
grep -q "labels.tsv:$n: unknown id 'files.recieved'" "$T/log" || fail "catalogue mistake: $(cat "$T/log")"
rc=0
"$REPORTD" run --root "$X" --once -o indicators.catalogue="$T/nope" >"$T/log" 2>&1 || rc=$?
[ "$rc" = 2 ] && grep -q "nope/indicators.tsv" "$T/log" || fail "a missing catalogue folder: exit $rc, $(cat "$T/log")"

step "a reload with a broken rules file keeps the running configuration"
R=$T/reload
mkdir -p "$R/inbox"
cp "$T/office.conf" "$T/r.conf"
sed -i "s#^root = .*#root = $R#" "$T/r.conf"
"$REPORTD" run -c "$T/r.conf" >>"$T/rlog" 2>&1 &
DAEMON_PID=$!
wait_until 30 grep -q "watching $R/inbox" "$T/rlog" || { cat "$T/rlog"; fail "daemon did not start"; }
sed -i "s#^rules = .*#rules = $T/bad.tsv#" "$T/r.conf"
kill -HUP "$DAEMON_PID"
wait_until 30 grep -q "reload: indicators: .*bad.tsv:1: expected.*keeping the running configuration" "$T/rlog" ||
  { cat "$T/rlog"; fail "a reload with broken rules was not refused"; }
drop "$seed" "$R/inbox/seed002.docx"
wait_until 60 outbox_has "$R" 1 || { cat "$T/rlog"; fail "the document was not read after the refused reload"; }
[ "$(field "$R" seed002.docx ".indicators[] | select(.label == \"$label\") | .id")" = files.received_postal ] ||
  fail "after the refused reload: the office's catalogue is not used"
stop_daemon || fail "SIGTERM: exit status $?"
echo "daemon_indicators: all checks passed"
