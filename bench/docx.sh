#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# DOCX extraction speed, side by side in one run: `reportd extract`
# against `pandoc -t plain` and against the floor of just inflating
# word/document.xml and streaming it through libxml2
# (`unzip -p F word/document.xml | xmllint --stream --noout -`).
# Prints the median wall time per document of each, and the ratios.
# Not part of the test suite.
#
# usage: bench/docx.sh [-n RUNS] [-b REPORTD] [FOLDER]
#   FOLDER   DOCX files to time (default: ../shared/corpus beside the checkout)
#   -n RUNS  runs per document and command (default 7)
#   -b PATH  the reportd binary (default: build/daemon/reportd)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=7
reportd="$here/build/daemon/reportd"
while getopts "n:b:h" opt; do
  case "$opt" in
    n) runs="$OPTARG" ;;
    b) reportd="$OPTARG" ;;
    h) sed -n '3,13p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
folder="${1:-$here/../shared/corpus}"

# The comparison tools, installed when missing.
missing=()
command -v pandoc >/dev/null || missing+=(pandoc)
command -v unzip >/dev/null || missing+=(unzip)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "bench: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -x "$reportd" ] || { echo "bench: $reportd not built (cmake --build build)" >&2; exit 1; }
shopt -s nullglob
files=("$folder"/*.docx)
[ "${#files[@]}" -gt 0 ] || { echo "bench: no .docx in $folder" >&2; exit 1; }

# Median wall time in microseconds of RUNS runs of "$@".
median_us() {
  local i t0 t1 times=()
  for ((i = 0; i < runs; i++)); do
    t0=${EPOCHREALTIME/./}
    "$@" >/dev/null 2>&1 || true
    t1=${EPOCHREALTIME/./}
    times+=($((t1 - t0)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

run_reportd() { "$reportd" extract "$1"; }
run_pandoc() { pandoc -f docx -t plain "$1"; }
run_floor() { unzip -p "$1" word/document.xml | xmllint --stream --noout -; }

printf '%-48s %10s %10s %10s %8s %8s\n' document reportd_ms pandoc_ms floor_ms r/floor r/pandoc
rows=()
for f in "${files[@]}"; do
  r=$(median_us run_reportd "$f")
  p=$(median_us run_pandoc "$f")
  l=$(median_us run_floor "$f")
  rows+=("$r $p $l")
  awk -v n="$(basename "$f")" -v r="$r" -v p="$p" -v l="$l" 'BEGIN {
    printf "%-48s %10.2f %10.2f %10.2f %8.2f %8.2f\n", n, r/1000, p/1000, l/1000, r/l, r/p }'
done
printf '%s\n' "${rows[@]}" | awk -v n="${#files[@]}" -v runs="$runs" '
  { r[NR]=$1; p[NR]=$2; l[NR]=$3; rf[NR]=$1/$3; rp[NR]=$1/$2 }
  function med(a, k,   i, j, t, b) {
    for (i = 1; i <= k; i++) b[i] = a[i]
    for (i = 2; i <= k; i++) { t = b[i]; for (j = i - 1; j >= 1 && b[j] > t; j--) b[j+1] = b[j]; b[j+1] = t }
    return (k % 2) ? b[(k+1)/2] : (b[k/2] + b[k/2+1]) / 2
  }
  END {
    printf "\n%d documents, median of %d runs each; medians over documents:\n", n, runs
    printf "  reportd %.2f ms, pandoc %.2f ms, floor %.2f ms\n", med(r,n)/1000, med(p,n)/1000, med(l,n)/1000
    printf "  reportd/floor %.2fx (target <= 2x), reportd/pandoc %.2fx\n", med(rf,n), med(rp,n)
  }'
