#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the OCR benchmark tools (bench/cer.c, bench/ocr_text.c) against
# a build tree's static libraries:  bench/ocr_tools.sh BUILD OUTDIR
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: bench/ocr_tools.sh BUILD OUTDIR}
out=${2:?usage: bench/ocr_tools.sh BUILD OUTDIR}
mkdir -p "$out"
for lib in ocr/libreportd_ocr.a layout/libreportd_layout.a core/libreportd_core.a; do
	[ -f "$build/$lib" ] || { echo "ocr_tools.sh: $build/$lib missing; build first" >&2; exit 2; }
done
cflags="-O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -I$src"
# shellcheck disable=SC2046
cc $cflags "$src"/bench/cer.c $(pkg-config --cflags --libs glib-2.0) -o "$out"/cer
# shellcheck disable=SC2046
cc $cflags "$src"/bench/ocr_text.c "$build"/ocr/libreportd_ocr.a \
    "$build"/layout/libreportd_layout.a "$build"/core/libreportd_core.a \
    $(pkg-config --cflags --libs tesseract lept json-glib-1.0 glib-2.0) \
    -lpthread -lm -o "$out"/ocr_text
