#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# reportd run/status/export end to end: the supervisor links no parser,
# config errors name file:line, --once over a small inbox with unit
# folders and a duplicate, outbox and database agree, exports, SIGHUP
# reload, SIGTERM with a document in flight.
. "$SRC/tests/cli/daemon_common.bash"

# R4.1: no parser library in the supervisor's address space.
if grep -Eq 'poppler|tesseract|lept|libxml2|libarchive|seccomp' <<<"$(ldd "$REPORTD")"; then
  fail "reportd links a parser library: $(ldd "$REPORTD" | grep -E 'poppler|tesseract|lept|xml2|archive')"
fi
grep -q poppler <<<"$(ldd "$(dirname "$REPORTD")/reportd-worker")" || fail "the worker does not link Poppler"

# Configuration: errors at file:line, sample valid, overrides.
cat > "$T/bad.conf" <<'EOF'
[worker]
count = 2
colour = blue
EOF
rc=0; "$REPORTD" run -c "$T/bad.conf" --check 2>"$T/err" || rc=$?
[ "$rc" = 2 ] || fail "bad config: exit $rc, expected 2"
grep -q "bad.conf:3: unknown key 'colour' in \[worker\]" "$T/err" || fail "bad config message: $(cat "$T/err")"
"$REPORTD" run -c "$SRC/docs/reportd.conf.sample" --check >/dev/null || fail "the sample config does not pass --check"
"$REPORTD" run -c "$SRC/docs/reportd.conf.sample" --root "$T/x" -w 5 --print-config >"$T/eff"
grep -q "^count = 5$" "$T/eff" || fail "--workers did not override"
grep -q "^spool = $T/x/spool$" "$T/eff" || fail "--root did not place the spool"

# An inbox: the sample reports, successful records in unit folders, a
# second copy of a report, ignored temp files.
R=$T/r
mkdir -p "$R/inbox"
for f in "$SRC"/corpus/samples/*; do drop "$f" "$R/inbox/$(basename "$f")"; done
ok_doc "$R/inbox/Xã An Hòa/bao-cao-q1.docx" "UBND XÃ AN HÒA" 120
ok_doc "$R/inbox/Phường Vĩnh Hòa/bc.docx" "UBND PHƯỜNG VĨNH HÒA" 80
ok_doc "$R/inbox/Phường Vĩnh Hòa/bc-6thang.docx" "UBND PHƯỜNG VĨNH HÒA" 90 "6 tháng đầu năm 2024"
cp "$R/inbox/Xã An Hòa/bao-cao-q1.docx" "$R/inbox/resent copy.docx"
# An old Word file, refused: the samples are all read now that PDF is.
{ printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'; head -c 4096 /dev/zero; } >"$R/inbox/bao-cao-cu.doc"
touch "$R/inbox/~\$bao-cao.docx" "$R/inbox/download.pdf.crdownload" "$R/inbox/.partial.docx"
(cd "$R/inbox" && find . -type f ! -name '.*' ! -name '~$*' ! -name '*.crdownload' | sed 's#^\./##' | sort) >"$T/expect"
nexpect=$(wc -l <"$T/expect")

"$REPORTD" run --root "$R" --once -o worker.program="$WORKER_TEST" \
  -o inbox.settle_seconds=0 >"$T/log" 2>&1 || fail "run --once exited $?"
$CHECK "$R" --drained --expect-file "$T/expect" || fail "invariants"

# Units, duplicates, logs.
[ "$(sql "$R" "SELECT unit FROM documents WHERE name='bc.docx'")" = "Phường Vĩnh Hòa" ] || fail "unit folder not stored"
[ "$(field "$R" "Phường Vĩnh Hòa/bc.docx" .submission.unit)" = "Phường Vĩnh Hòa" ] || fail "unit not in the record"
[ "$(field "$R" "resent copy.docx" '.flags[0].rule')" = duplicate_submission ] || fail "no duplicate_submission flag"
orig=$(sql "$R" "SELECT id FROM documents WHERE inbox_path='Xã An Hòa/bao-cao-q1.docx'")
[ "$(field "$R" "resent copy.docx" .submission.duplicate_of)" = "$orig" ] || fail "duplicate_of"
[ "$(field "$R" "resent copy.docx" '.indicators|length')" = 0 ] || fail "a duplicate counts its indicators again"
[ -f "$R/inbox/~\$bao-cao.docx" ] && [ -f "$R/inbox/.partial.docx" ] || fail "ignored files were taken"
n=$(grep -c ': accepted: ' "$T/log"); [ "$n" = "$nexpect" ] || fail "$n accepted lines"
grep -E ': (done|quarantined|duplicate of [^:]*): file=.* sha256=[0-9a-f]{64}' "$T/log" >/dev/null || fail "outcome lines lack the sha256"
if grep -E 'Traceback|AddressSanitizer|core dumped' "$T/log"; then fail "a crash trace in the log"; fi

# status and export.
"$REPORTD" status --root "$R" >"$T/status" || fail "status"
grep -q "daemon:      not running" "$T/status" || fail "status: daemon line"
grep -q "recent quarantine" "$T/status" || fail "status: recent failures"
"$REPORTD" status --root "$R" --json | jq -e '.database.documents == '"$nexpect"' and .incoming == 0' >/dev/null || fail "status --json"
"$REPORTD" export --root "$R" >"$T/out.csv" || fail "export csv"
head -1 "$T/out.csv" | grep -q '^unit,period,indicator_id,value,unit_of_measure,source,' || fail "csv header"
grep -q '^UBND PHƯỜNG VĨNH HÒA,6 tháng đầu năm 2024,plan.tasks_total,90,Nhiệm vụ,bc-6thang.docx,' "$T/out.csv" || fail "csv row: $(cat "$T/out.csv")"
[ "$(grep -c 'resent copy' "$T/out.csv")" = 0 ] || fail "the duplicate was exported"
"$REPORTD" export --root "$R" -f jsonl | jq -se 'map(select(.indicator_id=="plan.tasks_done" and .unit=="UBND XÃ AN HÒA")) | length == 1 and .[0].value == 60' >/dev/null || fail "jsonl"
"$REPORTD" export --root "$R" -f xlsx -O "$T/out.xlsx" || fail "export xlsx"
"$PY" - "$T/out.xlsx" <<'EOF' || fail "xlsx content"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
for name in ("quý I năm 2024", "6 tháng đầu năm 2024", "flags"):
    assert name in wb, name
strings = z.read("xl/sharedStrings.xml").decode()
assert "UBND PHƯỜNG VĨNH HÒA" in strings and "plan.tasks_total" in strings
EOF

# The daemon: a file renamed in is read; SIGHUP reloads (a bad file is
# refused and the old configuration kept); SIGTERM lets a document in
# flight finish.
D=$T/d
mkdir -p "$D/inbox"
cat > "$T/d.conf" <<EOF
[paths]
root = $D
[worker]
program = $WORKER_TEST
stop_seconds = 20
EOF
# sd_notify: a listener on the socket NOTIFY_SOCKET names, as systemd's.
"$PY" -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(60)
with open(sys.argv[2], "a") as out:
    try:
        while True:
            out.write(s.recv(4096).decode() + "\n")
            out.flush()
    except socket.timeout:
        pass
' "$T/notify.sock" "$T/notify.txt" &
NOTIFY_PID=$!
wait_until 5 test -S "$T/notify.sock" || fail "notify listener"
NOTIFY_SOCKET=$T/notify.sock "$REPORTD" run -c "$T/d.conf" >>"$T/log" 2>&1 &
DAEMON_PID=$!
wait_until 30 grep -q "watching $D/inbox" "$T/log" || fail "daemon did not start"
ok_doc "$T/a.docx" "UBND A" 1
drop "$T/a.docx" "$D/inbox/a.docx"
wait_until 30 outbox_has "$D" 1 || fail "a renamed-in file was not read"
grep -q "daemon:      running (pid $DAEMON_PID)" <<<"$("$REPORTD" status --root "$D")" || fail "status does not see the daemon"
sed -i 's/^stop_seconds = 20$/stop_seconds = 20\ncount = 3/' "$T/d.conf"
kill -HUP "$DAEMON_PID"
wait_until 30 grep -q "configuration reloaded: 3 workers" "$T/log" || fail "SIGHUP did not reload"
echo "colour = red" >> "$T/d.conf"
kill -HUP "$DAEMON_PID"
wait_until 30 grep -q "reload: .*d.conf:.*unknown key 'colour'.*keeping the running configuration" "$T/log" || fail "a bad reload was not refused"
kill -0 "$DAEMON_PID" || fail "the daemon died on a bad reload"
hook "$T/slow.docx" sleep 1500
drop "$T/slow.docx" "$D/inbox/slow.docx"
wait_until 30 bash -c "ls '$D/spool/active' | grep -q ." || fail "the slow document did not start"
stop_daemon || fail "SIGTERM: exit status $?"
grep -q "SIGTERM: stopping; 1 document being read" "$T/log" || fail "no stop message"
$CHECK "$D" --drained --expect a.docx slow.docx || fail "a document in flight did not finish on SIGTERM"
for m in READY=1 RELOADING=1 STOPPING=1 "STATUS=0 queued"; do
  grep -q "$m" "$T/notify.txt" || fail "sd_notify: no $m ($(tr '\n' ' ' <"$T/notify.txt"))"
done
kill "$NOTIFY_PID" 2>/dev/null || true

# A stop that does not wait: the document being read returns to the
# queue, not counted as an attempt.
hook "$T/hang.docx" hang
drop "$T/hang.docx" "$D/inbox/hang.docx"
start_daemon "$D" -o worker.stop_seconds=0 -o inbox.settle_seconds=0
wait_until 30 bash -c "ls '$D/spool/active' | grep -q ." || fail "the hanging document did not start"
stop_daemon || fail "SIGTERM (no wait): exit status $?"
id=$(ls "$D/spool/incoming")
[ -n "$id" ] || fail "the document did not return to the queue"
grep -q '^failures=0$' "$D/spool/incoming/$id/.reportd" || fail "a stop was counted as a failed attempt"
echo "daemon_basic: ok"
