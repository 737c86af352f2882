# SPDX-License-Identifier: MIT
# Helpers shared by tests/cli/daemon_*.sh (sourced, not a test itself).
# Needs REPORTD (the reportd binary), SRC and BUILD from ctest.

set -euo pipefail

: "${REPORTD:?REPORTD is not set (run through ctest)}"
: "${SRC:?SRC is not set}"
BUILD=${BUILD:-$(dirname "$(dirname "$REPORTD")")}
WORKER_TEST="$(dirname "$REPORTD")/reportd-worker-test"
# The system's Python (a version manager's shim costs half a second a
# call).
PY=$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || command -v python3 )
CHECK="$PY $SRC/tests/cli/daemon_invariants.py"
HOOK='#reportd-test-hook'

T=$(mktemp -d /tmp/reportd-test.XXXXXX)
DAEMON_PID=
MOUNTS=()

cleanup() {
  if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
    kill -KILL "$DAEMON_PID" 2>/dev/null || true
  fi
  for m in "${MOUNTS[@]}"; do umount -l "$m" 2>/dev/null || true; done
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT

T0=$(date +%s%N)
# step TEXT: prints what the test does next, with the time since start.
step() {
  printf '[%5d ms] %s\n' $(( ($(date +%s%N) - T0) / 1000000 )) "$*"
}

fail() {
  echo "FAIL: $*" >&2
  if [ -f "$T/log" ]; then echo "--- daemon log (last 30 lines)" >&2; tail -30 "$T/log" >&2; fi
  exit 1
}

# True when the binaries are built with AddressSanitizer (no RLIMIT_AS,
# bigger memory): some measurements do not apply then.
sanitized() {
  ldd "$REPORTD" 2>/dev/null | grep -q libasan
}

# A document that makes the test worker do ACTION (see daemon/testhook.h).
hook() {
  local path=$1; shift
  mkdir -p "$(dirname "$path")"
  printf '%s %s\n' "$HOOK" "$*" > "$path"
}

# A plausible successful record: ok hook with an issuer and a value.
ok_doc() {
  local path=$1 issuer=$2 value=$3 period=${4:-quý I năm 2024}
  mkdir -p "$(dirname "$path")"
  printf '%s ok\nissuer=%s\nperiod=%s\nvalue=%s\n' "$HOOK" "$issuer" \
    "$period" "$value" > "$path"
}

# Drops a file the way the producer contract asks: write a dot file,
# then rename it in.
drop() {
  local src=$1 dst=$2 dir
  dir=$(dirname "$dst")
  mkdir -p "$dir"
  cp "$src" "$dir/.incoming.$$"
  mv "$dir/.incoming.$$" "$dst"
}

# reportd run in the background on ROOT with the test worker.
start_daemon() {
  local root=$1; shift
  "$REPORTD" run --root "$root" -o worker.program="$WORKER_TEST" \
    "$@" >>"$T/log" 2>&1 &
  DAEMON_PID=$!
}

stop_daemon() {
  local rc=0
  kill -TERM "$DAEMON_PID" 2>/dev/null || true
  wait "$DAEMON_PID" || rc=$?
  DAEMON_PID=
  return $rc
}

# wait_until SECONDS COMMAND...: polls every 0.1 s.
wait_until() {
  local limit=$1; shift
  local end=$(( $(date +%s%N) + limit * 1000000000 ))
  while ! "$@"; do
    [ "$(date +%s%N)" -lt "$end" ] || return 1
    sleep 0.1
  done
}

count_json() {
  find "$1/outbox" -maxdepth 1 -name '*.json' | wc -l
}

outbox_has() {
  [ "$(count_json "$1")" -ge "$2" ]
}

# sql ROOT QUERY: one value from the store.
sql() {
  "$PY" - "$1/reportd.db" "$2" <<'EOF'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
for row in db.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
EOF
}

# The record of the document whose inbox path is NAME, as JSON.
record_of() {
  local root=$1 name=$2
  find "$root/outbox" -maxdepth 1 -name '*.json' -exec cat {} + |
    jq -cse --arg n "$name" 'map(select(.submission.inbox_path == $n)) | .[0]'
}

# field ROOT NAME JQ-FILTER
field() {
  record_of "$1" "$2" | jq -r "$3"
}
