#!/usr/bin/env bash
# The flags of seed 002 as `reportd extract` writes them: rule, severity,
# ids, both messages, expected value, tolerance and evidence with label,
# raw value and place (tests/unit/test_checks_seed002.c checks each
# finding in detail).
set -euo pipefail
rec=$("$REPORTD" extract "$SRC/tests/data/seed002/seed002.docx")
fail() { echo "FAIL: $*"; echo "$rec" | jq '.flags'; exit 1; }

n=$(echo "$rec" | jq '.flags | length')
[ "$n" -eq 10 ] || fail "want 10 flags, got $n"
echo "$rec" | jq -e '.flags | all(.rule and .severity and .message and
    .message_en and (.evidence | length > 0) and has("expected") and
    has("tolerance"))' >/dev/null || fail "a flag lacks a field"
echo "$rec" | jq -e '.flags[] | select(.rule == "pct_mismatch" and
    .expected == 65.48 and .tolerance == 0.05 and
    (.indicators | index("invest.disbursed_pct")) and
    any(.evidence[]; .raw == "4.8%" and .source.origin == "narrative" and
        (.source.text | contains("7.972/12.175"))))' >/dev/null ||
    fail "the 4.8% disbursement"
echo "$rec" | jq -e '.flags[] | select(.rule == "body_vs_appendix" and
    any(.evidence[]; .raw == "384.000") and
    any(.evidence[]; .raw == "216.000" and .source.origin == "appendix" and
        .source.row != null and .label != null))' >/dev/null ||
    fail "the online payments"
echo "$rec" | jq -e '.flags[] | select(.rule == "date_after_report" and
    any(.evidence[]; .label == "công văn số:2549/UBND ngày 22/12/2024"))' \
    >/dev/null || fail "the letter of 22/12/2024"
echo "$rec" | jq -e '.flags[] | select(.rule == "malformed_date" and
    any(.evidence[]; .raw == "28/02/2024/2023"))' >/dev/null ||
    fail "the date 28/02/2024/2023"
echo "$rec" | jq -e '.flags[] | select(.rule == "pct_mismatch" and
    .expected == 26.67 and any(.evidence[]; .raw == "20%"))' >/dev/null ||
    fail "row 1.4"
echo "seed 002: $n flags with their evidence"
