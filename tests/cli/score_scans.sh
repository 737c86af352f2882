#!/usr/bin/env bash
# Scanned inputs of the shared sample corpus scored against their truth
# files with the targets for scans as thresholds: appendix indicator
# precision >= 0.97 and recall >= 0.90, metadata fields >= 0.9.
#  - every single-page appendix image (PNG, JPEG, TIFF G4): about 10 s;
#  - two of the scanned PDFs, not all eleven (about 3 minutes of OCR;
#    `scripts/score --format pdf_scan` scores them all): dev-11, whose
#    appendix prints the value before the unit and whose header OCR
#    reads as "Sốliệu", and dev-13, whose issuer line OCR joins to its
#    parent authority's.
set -euo pipefail
: "${SRC:?}" "${BUILD:?}"
corpus="${SHARED:-$SRC/../shared}/corpus"
if [ ! -d "$corpus" ]; then
	echo "SKIP: the shared corpus ($corpus) is not here; nothing to score"
	exit 0
fi
"$SRC/scripts/score" --build "$BUILD" --format image_scan "$corpus" -- \
    --min-precision 0.97 --min-recall 0.90

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for base in dev-11-ba-dinh-th-h1-2021 dev-13-phu-hoi-h1-2022; do
	ln -s "$corpus/$base.scan.pdf" "$work/"
	ln -s "$corpus/$base.truth.json" "$work/"
done
"$SRC/scripts/score" --build "$BUILD" --format pdf_scan "$work" -- \
    --min-precision 0.97 --min-recall 0.90 --min-metadata 0.9
