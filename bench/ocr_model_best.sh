#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fetches the "best_int" Vietnamese model that tesseract.js publishes on
# npm (@tesseract.js-data/vie, folder 4.0.0_best_int, a gzip of a plain
# .traineddata that libtesseract 5.3 loads) into DIR/vie.traineddata, for
#   bench/ocr.sh --tessdata DIR
# It is not used by default: on the corpus scans it read worse than
# Debian's model and took longer (figures in ocr/README.md).
#   bench/ocr_model_best.sh DIR
set -euo pipefail
dir=${1:?usage: bench/ocr_model_best.sh DIR}
command -v npm >/dev/null || { echo "ocr_model_best.sh: npm is needed" >&2; exit 2; }
mkdir -p "$dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @tesseract.js-data/vie >/dev/null)
tar -xzf "$tmp"/tesseract.js-data-vie-*.tgz -C "$tmp" package/4.0.0_best_int/vie.traineddata.gz
gunzip -c "$tmp"/package/4.0.0_best_int/vie.traineddata.gz >"$dir"/vie.traineddata
echo "$dir/vie.traineddata: $(wc -c <"$dir"/vie.traineddata) bytes"
