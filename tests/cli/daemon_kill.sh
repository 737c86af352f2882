#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Kill test: 50 documents are dropped while the daemon is killed with
# SIGKILL at random instants (sometimes a worker first) and restarted,
# KILLS times (default 24).  After every kill no outbox record is partial
# or differs from the store; after a final drain every accepted file has
# exactly one record (outbox and database agree) and its source is in
# done/ or quarantine/: zero lost, zero duplicated.
# Environment: KILLS (cycles), SEED (random seed, printed for replay).
. "$SRC/tests/cli/daemon_common.bash"

KILLS=${KILLS:-24}
SEED=${SEED:-$(( $(date +%s) % 100000 ))}
RANDOM=$SEED
echo "kill test: $KILLS kills, seed $SEED (rerun with SEED=$SEED)"

R=$T/r S=$T/src
mkdir -p "$R/inbox" "$S"
# 50 documents: successful records in unit folders, two real reports,
# slow ones (read for
# 0.3-1.5 s, so kills land while workers run), six copies of one report
# (duplicate submissions), workers that crash (retried, then
# quarantined), plain text files, symlinks (refused unread).
n=0
add() { n=$((n + 1)); printf '%s\n' "$1" >> "$T/expect"; }
for i in $(seq 1 18); do ok_doc "$S/Xã $((i % 4))/ok-$i.docx" "UBND XÃ $((i % 4))" "$i"; add "Xã $((i % 4))/ok-$i.docx"; done
# Two real reports, read by the real parsers.
for f in dev-02-cam-binh-q1-2021.docx dev-08-vinh-hoa-q2-2024.docx; do
  mkdir -p "$S/Phường D"; cp "$SRC/corpus/samples/$f" "$S/Phường D/$f"; add "Phường D/$f"
done
for i in $(seq 1 12); do hook "$S/slow-$i.docx" sleep $(( 300 + RANDOM % 1200 )); add "slow-$i.docx"; done
ok_doc "$T/same.docx" "UBND PHƯỜNG SAO CHÉP" 5
for i in $(seq 1 6); do mkdir -p "$S/Phường C"; cp "$T/same.docx" "$S/Phường C/copy-$i.docx"; add "Phường C/copy-$i.docx"; done
for i in $(seq 1 4); do hook "$S/crash-$i.docx" crash; add "crash-$i.docx"; done
for i in $(seq 1 5); do echo "ghi chú $i" > "$S/note-$i.txt"; add "note-$i.txt"; done
for i in $(seq 1 3); do add "link-$i.pdf"; done
[ "$(wc -l <"$T/expect")" = 50 ] || fail "the test set has $(wc -l <"$T/expect") files"

# Files go in a few at a time, in a random order, half renamed in and
# half copied in place.
mapfile -t pending < <(shuf --random-source=<(yes "$SEED") "$T/expect")
put_next() {
  local k=$1 name
  while [ "$k" -gt 0 ] && [ "${#pending[@]}" -gt 0 ]; do
    name=${pending[0]}; pending=("${pending[@]:1}")
    mkdir -p "$(dirname "$R/inbox/$name")"
    case "$name" in
      link-*) ln -s /etc/passwd "$R/inbox/$name" ;;
      *) if [ $((RANDOM % 2)) = 0 ]; then drop "$S/$name" "$R/inbox/$name"
         else cp "$S/$name" "$R/inbox/$name"; fi ;;
    esac
    k=$((k - 1))
  done
}

# Dead, or a zombie waiting for init to reap it.
gone() {
  local st
  st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)
  [ -z "$st" ] || [ "$st" = Z ] || [ "$st" = X ]
}

kills=0 inflight=0 queued=0 workers_killed=0
while [ "$kills" -lt "$KILLS" ]; do
  put_next 2
  start_daemon "$R" -o inbox.settle_seconds=1 -o worker.count=2
  sleep 0.0$((RANDOM % 10))
  put_next 1
  sleep "0.$(( 1 + RANDOM % 7 ))$((RANDOM % 10))"
  if [ $((RANDOM % 3)) = 0 ]; then
    w=$(pgrep -P "$DAEMON_PID" | head -1 || true)
    if [ -n "$w" ]; then kill -KILL "$w" 2>/dev/null && workers_killed=$((workers_killed + 1)); sleep 0.05; fi
  fi
  a=$(ls "$R/spool/active" 2>/dev/null | wc -l)
  q=$(ls "$R/spool/incoming" 2>/dev/null | wc -l)
  [ "$a" -gt 0 ] && inflight=$((inflight + 1))
  [ $((a + q)) -gt 0 ] && queued=$((queued + 1))
  children=$(pgrep -P "$DAEMON_PID" | tr '\n' ' ' || true)
  kill -KILL "$DAEMON_PID"
  wait "$DAEMON_PID" 2>/dev/null || true
  DAEMON_PID=
  kills=$((kills + 1))
  # Workers die with the supervisor (PR_SET_PDEATHSIG).
  for c in $children; do
    wait_until 5 gone "$c" || fail "worker $c outlived the supervisor"
  done
  $CHECK "$R" --mid-run >"$T/mid" || { cat "$T/mid"; fail "after kill $kills"; }
done
put_next 50
step "$kills kills done ($inflight with documents being read, $queued with documents in the spool, $workers_killed workers killed first); draining"
"$REPORTD" run --root "$R" --once -o worker.program="$WORKER_TEST" \
  -o inbox.settle_seconds=1 >>"$T/log" 2>&1 || fail "final run --once"
$CHECK "$R" --drained --expect-file "$T/expect" | tee "$T/final" || fail "final invariants"
starts=$(grep -c 'reportd 0.1.0: watching\|: watching ' "$T/log" || true)
echo "kill test: seed $SEED, $kills SIGKILLs of the supervisor ($inflight while documents were being read, $queued with documents in the spool), $workers_killed workers killed first, $starts starts; $(head -1 "$T/final")"
[ "$inflight" -ge $(( KILLS / 4 )) ] || fail "only $inflight kills hit documents being read"
