#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Disk trouble: with the outbox, then the database, on a small tmpfs
# that is full, no half-written result is left, the documents stay
# queued, and they complete once space returns - without a restart.
# Without root (no mount), a read-only outbox stands in for the full
# one, and the database case is skipped.
. "$SRC/tests/cli/daemon_common.bash"

mount_tmpfs() {
  mkdir -p "$1"
  mount -t tmpfs -o "size=$2" tmpfs "$1" 2>/dev/null || return 1
  MOUNTS+=("$1")
}

fill() {
  dd if=/dev/zero of="$1/filler" bs=4k 2>/dev/null || true
}

drop_three() {
  local i
  for i in 1 2 3; do
    ok_doc "$T/in-$i.docx" "UBND XÃ $i" "$i"
    drop "$T/in-$i.docx" "$1/inbox/doc-$i.docx"
  done
}

failures() {
  [ "$(grep -c "cannot store the result yet" "$T/log")" -ge "$1" ]
}

# --- outbox full ------------------------------------------------------
R=$T/r
mkdir -p "$R/inbox"
root=1
if [ "$(id -u)" = 0 ] && mount_tmpfs "$R/outbox" 256k; then
  mode="a full 256 KiB tmpfs"
else
  root=0
  mode="a read-only folder"
fi
step "outbox on $mode"
start_daemon "$R" -o inbox.settle_seconds=0
wait_until 30 grep -q "watching $R/inbox" "$T/log" || fail "daemon did not start"
if [ "$root" = 1 ]; then fill "$R/outbox"; else chmod 0555 "$R/outbox/.tmp"; fi
drop_three "$R"
wait_until 30 failures 3 || fail "no storage failure reported"
[ "$(count_json "$R")" = 0 ] || fail "a record was written to a full outbox"
[ -z "$(ls "$R/outbox/.tmp")" ] || fail "half-written temp files left: $(ls "$R/outbox/.tmp")"
[ "$(ls "$R/spool/active" | wc -l)" = 3 ] || fail "the documents are not queued in spool/active"
[ -z "$(ls "$R/done")" ] || fail "a source moved to done/ before its record was written"
grep "cannot store the result yet" "$T/log" | head -1
step "space returns"
if [ "$root" = 1 ]; then rm -f "$R/outbox/filler"; else chmod 0755 "$R/outbox/.tmp"; fi
wait_until 90 outbox_has "$R" 3 || fail "the documents did not complete once space returned"
stop_daemon || fail "stop"
$CHECK "$R" --drained --expect doc-1.docx doc-2.docx doc-3.docx || fail "invariants (outbox)"

# --- database full ----------------------------------------------------
if [ "$root" = 0 ]; then
  echo "not root: no tmpfs for the database; skipping that case"
  exit 0
fi
D=$T/d
mkdir -p "$D/inbox"
mount_tmpfs "$T/dbfs" 1m || fail "second tmpfs"
step "database on a full 1 MiB tmpfs"
: >"$T/log"
start_daemon "$D" -o inbox.settle_seconds=0 -o paths.database="$T/dbfs/reportd.db"
wait_until 30 grep -q "watching $D/inbox" "$T/log" || fail "daemon did not start"
fill "$T/dbfs"
drop_three "$D"
wait_until 30 failures 3 || fail "no database failure reported"
grep "cannot store the result yet" "$T/log" | head -1
[ "$(count_json "$D")" = 0 ] || fail "an outbox record without its database row"
[ "$(sql "$T/dbfs" "SELECT count(*) FROM documents")" = 0 ] || fail "rows were stored on a full disk"
[ "$(ls "$D/spool/active" | wc -l)" = 3 ] || fail "the documents are not queued"
step "space returns"
rm -f "$T/dbfs/filler"
wait_until 90 outbox_has "$D" 3 || fail "the documents did not complete once space returned"
stop_daemon || fail "stop"
ln -s "$T/dbfs/reportd.db" "$D/reportd.db"
$CHECK "$D" --drained --expect doc-1.docx doc-2.docx doc-3.docx || fail "invariants (database)"
step "daemon_disk: ok"
