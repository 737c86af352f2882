#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `reportd serve`: refuses a network address without a token, serves the
# API on an ephemeral loopback port, requires the token when one is set,
# and stops cleanly on SIGTERM.
set -euo pipefail
fail=0 pass=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
tmp=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"$BUILD/tests/test_review_api" --make-fixture "$tmp/reportd.db"

# Not loopback, no token: refused before binding.
set +e
"$REPORTD" serve --db "$tmp/reportd.db" --listen 0.0.0.0:0 \
  2>"$tmp/err"
rc=$?
set -e
if [ "$rc" = 2 ] && grep -q "needs an access token" "$tmp/err"; then
  ok "0.0.0.0 without a token refused (exit 2)"
else
  bad "0.0.0.0 without a token: exit $rc: $(cat "$tmp/err")"
fi

# No store there.
set +e
"$REPORTD" serve --db "$tmp/missing.db" --listen 127.0.0.1:0 2>"$tmp/err"
rc=$?
set -e
[ "$rc" = 3 ] && ok "missing store: exit 3" || bad "missing store: exit $rc"

# A token file with a short token is refused.
echo short >"$tmp/short"
set +e
"$REPORTD" serve --db "$tmp/reportd.db" --listen 127.0.0.1:0 --token-file "$tmp/short" \
  2>"$tmp/err"
rc=$?
set -e
[ "$rc" = 2 ] && ok "short token refused" || bad "short token: exit $rc"

# Serve with a token on loopback; learn the port from stderr.
printf 'cli-test-token-0123456789\n' >"$tmp/token"
"$REPORTD" serve --db "$tmp/reportd.db" --listen 127.0.0.1:0 --token-file "$tmp/token" \
  2>"$tmp/log" &
pid=$!
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's/^reportd: serving \(http:[^ ]*\)$/\1/p' "$tmp/log")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] && ok "serving at $url" || { bad "no address printed"; exit 1; }

code=$(curl -s -o /dev/null -w '%{http_code}' "${url}api/documents")
[ "$code" = 401 ] && ok "no token: 401" || bad "no token: $code"
code=$(curl -s -o /dev/null -w '%{http_code}' \
  -H "Authorization: Bearer wrong-token-0123456789" "${url}api/documents")
[ "$code" = 401 ] && ok "wrong token: 401" || bad "wrong token: $code"
total=$(curl -s -H "Authorization: Bearer cli-test-token-0123456789" \
  "${url}api/documents" | jq .total)
[ "$total" = 4 ] && ok "right token: 4 documents" || bad "right token: $total"
code=$(curl -s -o /dev/null -w '%{http_code}' "${url}doc/x")
[ "$code" = 303 ] && ok "page without token: sent to /login" \
  || bad "page without token: $code"

kill -TERM "$pid"
set +e
wait "$pid"
rc=$?
set -e
pid=
[ "$rc" = 0 ] && ok "SIGTERM: exit 0" || bad "SIGTERM: exit $rc"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
