#!/usr/bin/env bash
# The DOCX inputs of the shared sample corpus, scored against their
# truth files with the mapping targets as thresholds: appendix indicator
# precision >= 0.99 and recall >= 0.98, every metadata field right,
# section recall >= 0.95, narrative value recall >= 0.9.
set -euo pipefail
: "${SRC:?}" "${BUILD:?}"
corpus="${SHARED:-$SRC/../shared}/corpus"
if [ ! -d "$corpus" ]; then
	echo "SKIP: the shared corpus ($corpus) is not here; nothing to score"
	exit 0
fi
"$SRC/scripts/score" --build "$BUILD" --format docx "$corpus" -- \
    --min-precision 0.99 --min-recall 0.98 --min-metadata 1.0 \
    --min-sections 0.95 --min-narrative 0.9
