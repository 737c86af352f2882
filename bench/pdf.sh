#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Text-PDF throughput: `reportd extract` against `pdftotext` and
# `pdftotext -layout` on the same files, in one run, pages per second and
# ratios.  Each tool runs once per file (a process per file), over every
# text PDF of the sample corpus, ROUNDS times; then reportd once more with
# all files in one call (one worker process), and the PDF reader alone
# (pdf_parse through the fuzz harness's replay driver, one process, no
# mapping or checks).
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

# "wall cpu" seconds of a command; cpu is user + system time of its
# processes, which other load on the machine disturbs much less than
# wall time.  `loop TOOL` runs a tool above over every file, every round.
loop() {
	local r f
	for ((r = 0; r < rounds; r++)); do
		for f in "${files[@]}"; do
			"$1" "$f"
		done
	done
}
timeit() {
	local out
	TIMEFORMAT='%3R %3U %3S'
	out=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
	echo "$out" | awk '{printf "%.3f %.3f", $1, $2 + $3}'
}
batch() {
	local r
	for ((r = 0; r < rounds; r++)); do
		"$reportd" extract "${files[@]}" >/dev/null 2>&1 || true
	done
}
reader() {
	local r
	for ((r = 0; r < rounds; r++)); do
		"$build/fuzz/fuzz_pdf" "${files[@]}" >/dev/null 2>&1 || true
	done
}

t_txt=$(timeit loop run_txt)
t_lay=$(timeit loop run_lay)
t_rep=$(timeit loop run_rep)
t_bat=$(timeit batch)
if [ -x "$build/fuzz/fuzz_pdf" ]; then
	t_rdr=$(timeit reader)
else
	t_rdr="0 0"
fi

total=$((pages * rounds))
echo "$t_txt $t_lay $t_rep $t_bat $t_rdr" | awk -v p="$total" '{
	n = split("pdftotext|pdftotext -layout|reportd extract (a process a file)|reportd extract (all files, one call)|PDF reader alone (one process)", name, "|")
	printf "%-36s %8s %8s %9s %9s %7s\n", "tool", "wall s", "cpu s", "pages/s", "pages/cpu-s", "ratio"
	for (i = 1; i <= n; i++) {
		w = $(2 * i - 1); c = $(2 * i)
		if (c == 0)
			continue
		printf "%-36s %8.3f %8.3f %9.1f %9.1f %7.2f\n", name[i], w, c, p / w, p / c, c / $2
	}
	printf "reportd extract takes %.2fx the CPU time of pdftotext a file at a time, %.2fx for all files in one call;\n", $6 / $2, $8 / $2
	if ($10 > 0)
		printf "the PDF reader alone takes %.2fx (target 1.5x or less)\n", $10 / $2
}'
