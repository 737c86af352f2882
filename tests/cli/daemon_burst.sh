#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Burst: 500 files dropped at once (100 distinct reports read by workers
# and 400 copies under other names, recorded as duplicate submissions)
# are all processed; the supervisor's peak memory (VmHWM) stays under
# 50 MB, and once idle it uses next to no CPU.
. "$SRC/tests/cli/daemon_common.bash"

R=$T/r S=$R/staging
mkdir -p "$R/inbox" "$S"
step "making 500 files"
"$PY" - "$S" "$SRC/corpus/samples" "$HOOK" <<'PYEOF'
import os, shutil, sys
stage, samples, hook = sys.argv[1:4]
for i in range(1, 101):
    d = os.path.join(stage, "u%d" % (i % 10))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "report-%d.docx" % i), "w") as f:
        f.write("%s ok\nissuer=UBND XÃ %d\nperiod=quý I năm 2024\n"
                "value=%d\n" % (hook, i % 10, i))
src = sorted(os.listdir(samples))
for i in range(1, 401):
    s = src[i % len(src)]
    shutil.copyfile(os.path.join(samples, s),
                    os.path.join(stage, "copy-%d.%s" % (i, s.rsplit(".", 1)[1])))
PYEOF
(cd "$S" && find . -type f | sed 's#^\./##' | sort) > "$T/expect"
[ "$(wc -l <"$T/expect")" = 500 ] || fail "not 500 files"

start_daemon "$R" -o inbox.settle_seconds=2
wait_until 30 grep -q "watching $R/inbox" "$T/log" || fail "daemon did not start"
step "dropping 500 files at once"
t0=$(date +%s%N)
(cd "$S" && for d in u*; do mv "$d" "$R/inbox/"; done; mv copy-* "$R/inbox/")
wait_until 300 outbox_has "$R" 500 || fail "only $(count_json "$R") of 500 processed"
secs=$(( ($(date +%s%N) - t0) / 1000000 ))
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$DAEMON_PID/status")
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$DAEMON_PID/status")
step "500 processed in ${secs} ms; supervisor VmHWM ${hwm} kB, VmRSS ${rss} kB"

# Idle: CPU time (user + system, in clock ticks) over 5 s.
tck=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$DAEMON_PID/stat"; }
sleep 1
c0=$(cpu); sleep 5; c1=$(cpu)
idle_ms=$(( (c1 - c0) * 1000 / tck ))
step "idle: ${idle_ms} ms of CPU in 5 s"
stop_daemon || fail "stop"
$CHECK "$R" --drained --expect-file "$T/expect" || fail "invariants"
[ "$(sql "$R" "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL")" -ge 397 ] || fail "copies not recorded as duplicates"
if sanitized; then
  echo "sanitizer build: memory figures do not apply (shadow memory)"
else
  [ "$hwm" -lt 51200 ] || fail "supervisor peak memory ${hwm} kB >= 50 MB"
fi
[ "$idle_ms" -le 100 ] || fail "idle supervisor used ${idle_ms} ms of CPU in 5 s"
echo "burst: 500 files in ${secs} ms, supervisor VmHWM ${hwm} kB (VmRSS ${rss} kB), idle CPU ${idle_ms} ms / 5 s"
