#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Text-PDF throughput: `reportd extract` against `pdftotext` and
# `pdftotext -layout` on the same files, in one run, pages per second and
# ratios.  Each tool runs once per file (a process per file, as the worker
# does), over every text PDF of the sample corpus, ROUNDS times; then
# reportd once more with all files in one process.
#
#   bench/pdf.sh [BUILD_DIR] [ROUNDS]      (defaults: build, 5)
#
# Not part of the test suite: it measures, it does not judge; run it on
# an idle machine.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
rounds=${2:-5}
reportd=$build/daemon/reportd
shared=${SHARED:-$here/../shared}

[ -x "$reportd" ] || { echo "bench/pdf.sh: no $reportd; build first" >&2; exit 2; }
for t in pdftotext pdfinfo; do
	command -v $t >/dev/null || { echo "bench/pdf.sh: $t not found (poppler-utils)" >&2; exit 2; }
done

files=()
if [ -d "$shared/corpus" ]; then
	for f in "$shared"/corpus/*.pdf; do
		case $f in *.scan.pdf) continue ;; esac
		files+=("$f")
	done
else
	echo "bench/pdf.sh: $shared/corpus absent; using corpus/samples" >&2
	files=("$here"/corpus/samples/*.pdf)
fi
pages=0
for f in "${files[@]}"; do
	n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
	pages=$((pages + n))
done
echo "${#files[@]} text PDFs, $pages pages, $rounds rounds"

now() { date +%s.%N; }

run_txt() { pdftotext -q -enc UTF-8 "$1" - >/dev/null 2>&1 || true; }
run_lay() { pdftotext -q -layout -enc UTF-8 "$1" - >/dev/null 2>&1 || true; }
run_rep() { "$reportd" extract "$1" >/dev/null 2>&1 || true; }

# seconds for one tool (a function above) over every file, every round
timeit() {
	local t0 t1 r f
	t0=$(now)
	for ((r = 0; r < rounds; r++)); do
		for f in "${files[@]}"; do
			"$1" "$f"
		done
	done
	t1=$(now)
	echo "$t0 $t1" | awk '{printf "%.3f", $2 - $1}'
}

t_txt=$(timeit run_txt)
t_lay=$(timeit run_lay)
t_rep=$(timeit run_rep)
t0=$(now)
for ((r = 0; r < rounds; r++)); do
	"$reportd" extract "${files[@]}" >/dev/null 2>&1 || true
done
t_bat=$(echo "$t0 $(now)" | awk '{printf "%.3f", $2 - $1}')

total=$((pages * rounds))
awk -v p="$total" -v a="$t_txt" -v b="$t_lay" -v c="$t_rep" -v d="$t_bat" 'BEGIN {
	printf "%-36s %9s %10s %9s\n", "tool", "seconds", "pages/s", "ratio"
	printf "%-36s %9.3f %10.1f %9s\n", "pdftotext", a, p / a, "1.00"
	printf "%-36s %9.3f %10.1f %9.2f\n", "pdftotext -layout", b, p / b, b / a
	printf "%-36s %9.3f %10.1f %9.2f\n", "reportd extract (a process a file)", c, p / c, c / a
	printf "%-36s %9.3f %10.1f %9.2f\n", "reportd extract (one process)", d, p / d, d / a
	printf "reportd takes %.2fx the time of pdftotext (target: 1.5x or less)\n", c / a
}'
