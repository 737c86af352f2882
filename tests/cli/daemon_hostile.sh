#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Hostile files among good ones: a zip bomb, XXE, a PNG declaring
# 60000x60000 pixels, a truncated PDF, and (through the test worker's
# hooks) workers that crash, hang, spin, allocate without end, write
# garbage, or try what the sandbox forbids.  Each is quarantined with a
# reason in plain words after at most 3 attempts; the good files are
# read; the daemon carries on.  As the parsers land, the first four get
# their parsers' own reasons; the test holds either way.
. "$SRC/tests/cli/daemon_common.bash"

R=$T/r
I=$R/inbox
mkdir -p "$I"

step "making hostile inputs"
"$PY" - "$I" "$SRC/corpus/samples" <<'EOF'
import os, struct, sys, zlib, zipfile
inbox, samples = sys.argv[1], sys.argv[2]
ct = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
      b'openxmlformats.org/package/2006/content-types"><Default Extension='
      b'"rels" ContentType="application/vnd.openxmlformats-package.'
      b'relationships+xml"/><Default Extension="xml" ContentType='
      b'"application/xml"/><Override PartName="/word/document.xml" '
      b'ContentType="application/vnd.openxmlformats-officedocument.'
      b'wordprocessingml.document.main+xml"/></Types>')
rels = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
        b'schemas.openxmlformats.org/package/2006/relationships"><Relationship'
        b' Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/officeDocument" Target="word/document.xml"/>'
        b'</Relationships>')
head = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body>')
def docx(name, document):
    with zipfile.ZipFile(os.path.join(inbox, name), "w",
                         zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
# Zip bomb: 64 MiB of XML from about 64 KiB.
docx("bomb.docx", b'<?xml version="1.0" encoding="UTF-8"?>' + head +
     b"<w:p><w:r><w:t>" + b"A" * (64 << 20) +
     b"</w:t></w:r></w:p></w:body></w:document>")
# XXE: an external entity naming /etc/passwd.
docx("xxe.docx", b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe '
     b'SYSTEM "file:///etc/passwd">]>' + head +
     b"<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>")
# A PNG that declares 60000 x 60000 pixels (10.8 GB decoded).
def chunk(t, d):
    return (struct.pack(">I", len(d)) + t + d +
            struct.pack(">I", zlib.crc32(t + d) & 0xffffffff))
png = (b"\x89PNG\r\n\x1a\n" +
       chunk(b"IHDR", struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)) +
       chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
open(os.path.join(inbox, "scan-huge.png"), "wb").write(png)
# A PDF cut after 3000 bytes.
pdf = open(os.path.join(samples, "dev-04-tinh-ha-m9-2024.pdf"), "rb").read()
open(os.path.join(inbox, "truncated.pdf"), "wb").write(pdf[:3000])
EOF
for h in crash hang alloc garbage bigframe; do hook "$I/$h.docx" "$h"; done
for h in open write socket exec fork; do hook "$I/sandbox-$h.docx" "$h"; done
hook "$I/long-scan.pdf" pages 40 3000
for u in "Xã A" "Xã B" "Phường C"; do ok_doc "$I/$u/good.docx" "UBND $u" 7; done
cp "$SRC"/corpus/samples/* "$I/"
(cd "$I" && find . -type f | sed 's#^\./##' | sort) > "$T/expect"

step "reading $(wc -l <"$T/expect") files"
"$REPORTD" run --root "$R" --once -o worker.program="$WORKER_TEST" \
  -o inbox.settle_seconds=0 -o worker.count=4 -o limits.wall_seconds=3 \
  -o limits.wall_seconds_per_page=1 -o limits.cpu_seconds=1 \
  -o limits.memory=256MiB >"$T/log" 2>&1 || fail "run --once exited $?"
step "checking"
$CHECK "$R" --drained --expect-file "$T/expect" || fail "invariants"

outcome() { sql "$R" "SELECT outcome FROM documents WHERE inbox_path = '$1'"; }
code() { field "$R" "$1" .error.code; }
msg() { field "$R" "$1" .error.message; }

for f in bomb.docx xxe.docx scan-huge.png truncated.pdf; do
  [ "$(outcome "$f")" = quarantine ] || fail "$f: $(outcome "$f"), expected quarantine"
  [ -n "$(msg "$f")" ] && [ "$(msg "$f")" != null ] || fail "$f: no reason"
  echo "  $f: $(code "$f"): $(msg "$f")"
done
if grep -q 'root:x:0:0' "$R/outbox/"*.json; then fail "/etc/passwd leaked into a record"; fi

expect_code() {
  local f=$1 want=$2 text=${3:-}
  [ "$(outcome "$f")" = quarantine ] || fail "$f: not quarantined"
  [ "$(code "$f")" = "$want" ] || fail "$f: code $(code "$f"), expected $want ($(msg "$f"))"
  [ -z "$text" ] || msg "$f" | grep -qF "$text" || fail "$f: message '$(msg "$f")' lacks '$text'"
  echo "  $f: $(code "$f"): $(msg "$f")"
}
if sanitized; then
  expect_code crash.docx worker_crashed "tried 3 times"
else
  expect_code crash.docx worker_crashed "the worker crashed (signal SEGV); tried 3 times"
fi
expect_code hang.docx worker_timeout "the file took more than 3 s to read"
if sanitized; then
  echo "  (sanitizer build: no RLIMIT_AS, the allocation hook only simulates)"
fi
expect_code alloc.docx worker_memory_limit "the worker ran out of memory (limit 256MiB)"
expect_code garbage.docx worker_garbage "malformed result"
expect_code bigframe.docx worker_garbage "limit"
expect_code sandbox-socket.docx worker_sandbox "sandbox forbids"
expect_code sandbox-exec.docx worker_sandbox "sandbox forbids"
expect_code sandbox-fork.docx worker_sandbox "sandbox forbids"
expect_code sandbox-open.docx test_open_denied
expect_code sandbox-write.docx test_write_denied
[ "$(sql "$R" "SELECT q.attempts FROM quarantine q JOIN documents d ON d.id = q.document_id WHERE d.inbox_path = 'crash.docx'")" = 3 ] || fail "crash.docx: not 3 attempts"

# CPU: with a generous wall clock, so a busy machine cannot turn it into
# a timeout.
step "a worker that burns CPU"
C=$T/c
hook "$C/inbox/spin.docx" spin
"$REPORTD" run --root "$C" --once -o worker.program="$WORKER_TEST" \
  -o inbox.settle_seconds=0 -o worker.attempts=1 -o limits.cpu_seconds=1 \
  -o limits.wall_seconds=60 >>"$T/log" 2>&1 || fail "run --once (spin)"
[ "$(field "$C" spin.docx .error.code)" = worker_cpu_limit ] || fail "spin: $(field "$C" spin.docx .error.message)"
echo "  spin.docx: $(field "$C" spin.docx .error.code): $(field "$C" spin.docx .error.message)"

# The good files were read; a 40-page scan got a longer budget.
for u in "Xã A" "Xã B" "Phường C"; do
  [ "$(outcome "$u/good.docx")" = done ] || fail "$u/good.docx not read"
  [ "$(field "$R" "$u/good.docx" '.indicators|length')" = 3 ] || fail "$u/good.docx indicators"
done
[ "$(outcome long-scan.pdf)" = done ] || fail "the 40-page document was killed: $(msg long-scan.pdf)"
for f in "$SRC"/corpus/samples/*; do
  c=$(code "$(basename "$f")")
  case "$c" in worker_*) fail "$(basename "$f"): $c";; esac
done
if grep -Ei 'traceback|AddressSanitizer|stack|core dumped' "$T/log"; then fail "a trace in the log"; fi
grep -q "stopped: $(wc -l <"$T/expect") accepted" "$T/log" || fail "the daemon did not finish normally"
step "daemon_hostile: ok"
