#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The inbox: symlinks, FIFOs, devices, hard links and oversized files are
# refused unread with a quarantine record; lock and temp files are left
# alone; a file still being written is taken only once complete; a file
# renamed in is taken at once; polling finds files without inotify.
. "$SRC/tests/cli/daemon_common.bash"

R=$T/r
mkdir -p "$R/inbox/Xã B" "$T/outside"
echo "do not read me" > "$T/outside/secret.txt"
ln -s "$T/outside/secret.txt" "$R/inbox/link.docx"
mkfifo "$R/inbox/pipe.pdf"
ln "$T/outside/secret.txt" "$R/inbox/Xã B/hardlink.docx"
truncate -s 3M "$R/inbox/huge.pdf"
expect="link.docx pipe.pdf Xã B/hardlink.docx huge.pdf"
if [ "$(id -u)" = 0 ]; then
  mknod "$R/inbox/zero.pdf" c 1 5
  expect="$expect zero.pdf"
else
  echo "not root: no device node test"
fi
touch "$R/inbox/~\$bc.docx" "$R/inbox/bc.docx.part" "$R/inbox/x.tmp" \
  "$R/inbox/y.pdf.crdownload" "$R/inbox/.upload.docx"
printf '%s\n' link.docx pipe.pdf "Xã B/hardlink.docx" huge.pdf > "$T/expect"
[ "$(id -u)" = 0 ] && echo zero.pdf >> "$T/expect"

step "refused entries and ignored names (--once)"
"$REPORTD" run --root "$R" --once -o worker.program="$WORKER_TEST" \
  -o inbox.settle_seconds=0 -o limits.file_size=1MiB >"$T/log" 2>&1 || fail "run --once"
$CHECK "$R" --drained --expect-file "$T/expect" || fail "invariants"
for pair in link.docx:symlink pipe.pdf:fifo "Xã B/hardlink.docx:hard_link" huge.pdf:too_large; do
  name=${pair%:*} code=${pair##*:}
  got=$(field "$R" "$name" .error.code)
  [ "$got" = "$code" ] || fail "$name: error code $got, expected $code"
  [ -z "$(field "$R" "$name" .source.sha256)" ] || fail "$name was read (it has a sha256)"
  [ "$(sql "$R" "SELECT q.code FROM quarantine q JOIN documents d ON d.id = q.document_id WHERE d.inbox_path = '$name'")" = "$code" ] || fail "$name: no quarantine reason in the database"
done
if [ "$(id -u)" = 0 ]; then
  [ "$(field "$R" zero.pdf .error.code)" = device ] || fail "device node"
fi
[ "$(cat "$T/outside/secret.txt")" = "do not read me" ] || fail "the link target changed"
# The link itself went to quarantine, its target stayed where it was.
q=$(sql "$R" "SELECT id FROM documents WHERE name='link.docx'")
[ -L "$R/quarantine/$q/link.docx" ] || fail "the symlink is not in quarantine"
grep -q "reason=\"a symbolic link, not a file" "$T/log" || fail "log line for the symlink"
for f in "~\$bc.docx" bc.docx.part x.tmp y.pdf.crdownload .upload.docx; do
  [ -e "$R/inbox/$f" ] || fail "$f was taken"
done
[ "$(grep -c ': accepted: ' "$T/log")" = "$(wc -l <"$T/expect")" ] || fail "ignored files were accepted"

# A producer writing in place, slowly: taken only once it stopped
# changing, so its record has all its bytes.
step "a slow writer, then a renamed-in file"
W=$T/w
mkdir -p "$W/inbox"
# The writer pauses 0.5 s between lines; a settle time ten times that
# keeps a loaded machine's slow scheduling from looking like a finished
# file.
printf '[inbox]\nsettle_seconds = 5\n' > "$T/w.conf"
start_daemon "$W" -c "$T/w.conf"
wait_until 30 grep -q "watching $W/inbox" "$T/log" || fail "daemon did not start"
( printf '%s ok\nissuer=UBND SLOW\n' "$HOOK"
  for i in $(seq 1 6); do sleep 0.5; printf 'line=%s\n' "$i"; done ) > "$W/inbox/slow.docx"
size=$(stat -c %s "$W/inbox/slow.docx" 2>/dev/null || echo 0)
wait_until 30 outbox_has "$W" 1 || fail "the slow file was never taken"
[ "$(field "$W" slow.docx .source.bytes)" = "$size" ] || fail "taken while still being written ($(field "$W" slow.docx .source.bytes) of $size bytes)"
# Renamed in: no settle wait.  A long settle time (through a reload)
# shows the difference even on a busy machine.
printf '[inbox]\nsettle_seconds = 30\n' > "$T/w.conf"
kill -HUP "$DAEMON_PID"
wait_until 30 grep -q "configuration reloaded" "$T/log" || fail "no reload"
ok_doc "$T/fast.docx" "UBND FAST" 3
start=$(date +%s%N)
drop "$T/fast.docx" "$W/inbox/Xã B/fast.docx"
wait_until 20 outbox_has "$W" 2 || fail "renamed-in file not taken"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$ms" -lt 20000 ] || fail "a renamed-in file waited ${ms} ms"
[ "$(field "$W" "Xã B/fast.docx" .submission.unit)" = "Xã B" ] || fail "unit of a new subfolder"
stop_daemon || fail "stop"

# Polling (as on NFS/SMB, where inotify sees nothing): still found.
step "polling"
P=$T/p
mkdir -p "$P/inbox"
start_daemon "$P" -o inbox.poll=always -o inbox.poll_seconds=1 \
  -o inbox.settle_seconds=0
wait_until 30 grep -q "watching $P/inbox (polling)" "$T/log" || fail "not polling"
ok_doc "$T/polled.docx" "UBND POLL" 4
drop "$T/polled.docx" "$P/inbox/polled.docx"
wait_until 30 outbox_has "$P" 1 || fail "polling did not find the file"
stop_daemon || fail "stop"
$CHECK "$W" --drained --expect slow.docx "Xã B/fast.docx" || fail "invariants (writer)"
$CHECK "$P" --drained --expect polled.docx || fail "invariants (polling)"
echo "daemon_inbox: ok (renamed-in file taken in ${ms} ms)"
