#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks the invariants of a reportd root after a run (or a crash and a
drain), independently of reportd's own code:

  * every outbox/ID.json is one complete line of JSON whose submission.id
    is ID, and equals byte for byte the record the database stores for ID;
  * the database and the outbox hold the same set of ids;
  * each id's source folder is in exactly one of done/ and quarantine/,
    matching the stored outcome, and holds the user's file intact (same
    sha256 as its record, unless it was refused unread);
  * with --drained: spool/tmp, incoming, active and outbox/.tmp are empty;
  * with --expect NAME...: each name was recorded exactly once (as its
    path inside the inbox) - zero lost, zero duplicated.

Prints a one-line summary; exit status 1 on any violation.
"""
import argparse
import hashlib
import json
import os
import sqlite3
import sys
from collections import Counter


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--drained", action="store_true")
    ap.add_argument("--mid-run", action="store_true",
                    help="right after a kill: a stored document may still "
                    "lack its outbox file and wait in the spool")
    ap.add_argument("--expect", nargs="*", default=None)
    ap.add_argument("--expect-file", default=None,
                    help="file with one expected inbox path per line")
    ap.add_argument("--schema", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs",
        "result.schema.json"))
    a = ap.parse_args()
    root = a.root
    bad = []

    outbox = os.path.join(root, "outbox")
    files = {}
    for n in sorted(os.listdir(outbox)):
        if n.startswith("."):
            continue
        if not n.endswith(".json"):
            bad.append("outbox: unexpected file %s" % n)
            continue
        with open(os.path.join(outbox, n), "rb") as f:
            files[n[:-5]] = f.read()

    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(root, "reportd.db"),
                         uri=True)
    rows = {r[0]: r for r in db.execute(
        "SELECT id, record, outcome, inbox_path, sha256 FROM documents")}
    dup_rows = db.execute(
        "SELECT count(*) FROM (SELECT id FROM documents GROUP BY id "
        "HAVING count(*) > 1)").fetchone()[0]
    if dup_rows:
        bad.append("database: %d ids stored twice" % dup_rows)

    for i in sorted(set(files) - set(rows)):
        bad.append("%s: in the outbox but not in the database" % i)
    spooled = set()
    for d in ("spool/incoming", "spool/active"):
        p = os.path.join(root, d)
        if os.path.isdir(p):
            spooled.update(os.listdir(p))
    for i in sorted(set(rows) - set(files)):
        # The store commits first; the outbox file and the move follow.
        if a.mid_run and i in spooled:
            continue
        bad.append("%s: in the database but not in the outbox" % i)

    validate = None
    try:
        import jsonschema
        with open(a.schema, encoding="utf-8") as f:
            schema = json.load(f)
        # Its $id is not a URL; the references are all local.
        schema.pop("$id", None)
        validator = jsonschema.Draft202012Validator(schema)
        validate = validator.iter_errors
    except (ImportError, OSError, AttributeError):
        pass

    names = Counter()
    for i, data in files.items():
        if not data.endswith(b"\n") or data.count(b"\n") != 1:
            bad.append("%s: the record is not exactly one line" % i)
        try:
            rec = json.loads(data)
        except ValueError as e:
            bad.append("%s: the record is not JSON (%s)" % (i, e))
            continue
        if rec.get("schema") != "reportd.result/1":
            bad.append("%s: schema %r" % (i, rec.get("schema")))
        if validate is not None:
            for err in validate(rec):
                bad.append("%s: not valid against the schema: %s at %s"
                           % (i, err.message, list(err.absolute_path)))
                break
        sub = rec.get("submission") or {}
        if sub.get("id") != i:
            bad.append("%s: submission.id is %r" % (i, sub.get("id")))
        if i in rows and rows[i][1].encode() != data:
            bad.append("%s: outbox and database records differ" % i)
        names[sub.get("inbox_path")] += 1

    for i, r in rows.items():
        outcome = r[2]
        if a.mid_run and i in spooled:
            continue
        place = [s for s in ("done", "quarantine")
                 if os.path.isdir(os.path.join(root, s, i))]
        if place != [outcome]:
            bad.append("%s: outcome %s but the source is in %s"
                       % (i, outcome, place or "neither done/ nor "
                          "quarantine/"))
            continue
        folder = os.path.join(root, outcome, i)
        data = [n for n in os.listdir(folder) if not n.startswith(".")]
        if len(data) != 1:
            bad.append("%s: %d user files in %s" % (i, len(data), folder))
            continue
        p = os.path.join(folder, data[0])
        if r[4] and os.path.isfile(p) and not os.path.islink(p):
            with open(p, "rb") as f:
                if hashlib.sha256(f.read()).hexdigest() != r[4]:
                    bad.append("%s: the user's file changed" % i)

    if a.drained:
        for d in ("spool/tmp", "spool/incoming", "spool/active",
                  "outbox/.tmp"):
            left = [n for n in os.listdir(os.path.join(root, d))
                    if not n.startswith(".")]
            if left:
                bad.append("%s: %d entries left: %s" % (d, len(left),
                                                        left[:3]))

    expect = a.expect
    if a.expect_file:
        with open(a.expect_file, encoding="utf-8") as f:
            expect = [l.rstrip("\n") for l in f if l.strip()]
    lost = dup = 0
    if expect is not None:
        want = Counter(expect)
        for n in want:
            if names[n] == 0:
                lost += 1
                bad.append("lost: %s has no record" % n)
            elif names[n] > want[n]:
                dup += 1
                bad.append("duplicated: %s has %d records" % (n, names[n]))
        for n in names:
            if n not in want:
                bad.append("unexpected record for %r" % n)

    done = sum(1 for r in rows.values() if r[2] == "done")
    print("invariants: %d records (%d done, %d quarantined), %d lost, "
          "%d duplicated, %d problems%s"
          % (len(files), done, len(rows) - done, lost, dup, len(bad),
             "" if validate is not None else
             " (schema not checked: no python3 jsonschema)"))
    for b in bad[:40]:
        print("  " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
