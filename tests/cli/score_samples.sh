#!/usr/bin/env bash
# The in-repo samples (corpus/samples, truth in corpus/truth) scored with
# the same thresholds as the shared corpus, so the mapping targets are
# checked even where the shared corpus is absent.  Inputs whose reader is
# not in this build are reported but not held to the thresholds.
set -euo pipefail
: "${SRC:?}" "${BUILD:?}"
"$SRC/scripts/score" --build "$BUILD" --truth "$SRC/corpus/truth" \
    --format docx "$SRC/corpus/samples" -- \
    --min-precision 0.99 --min-recall 0.98 --min-metadata 1.0 \
    --min-sections 0.95 --min-narrative 0.9
# Every format present, for the log.
"$SRC/scripts/score" --build "$BUILD" --truth "$SRC/corpus/truth" \
    "$SRC/corpus/samples" 2>/dev/null || true
