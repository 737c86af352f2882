#!/usr/bin/env bash
# CI smoke fuzzing: every harness in fuzz/fuzz_*.c runs under AFL++ for a
# short fixed time on its ASan+UBSan build (system libraries), seeded with
# the committed corpus/<target>/.  Fails when a harness crashes or hangs
# (the reproducer's path is printed), when its throughput (execs/s) or its
# coverage (edges found) falls below its floor in fuzz/smoke-thresholds.tsv,
# or when afl-fuzz cannot start on it (a seed that crashes, for instance).
#
# Usage: fuzz/smoke.sh [--calibrate] [NAME...]
# Environment:
#   SMOKE_SECONDS  seconds of fuzzing per harness (default 75)
#   SMOKE_TOTAL    wall-clock budget of the whole script, build included
#                  (default 1200); before each harness the time left is
#                  shared among the harnesses still to run, so each gets
#                  min(SMOKE_SECONDS, left / harnesses left), at least 10
#   SMOKE_SKIP=1   skip (prints why); done too when afl-fuzz is missing
#                  outside CI
# --calibrate prints, for every harness, the row to put in
# fuzz/smoke-thresholds.tsv from what this run measured, and fails nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
fz_prog=smoke
# shellcheck source=fuzz/afl-common.sh
. "$root/fuzz/afl-common.sh"

calibrate=0
names=()
for arg in "$@"; do
  case "$arg" in
    --calibrate) calibrate=1 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    -*) fz_log "unknown option $arg"; exit 2 ;;
    *) names+=("$arg") ;;
  esac
done

if [ "${SMOKE_SKIP:-0}" = 1 ]; then
  fz_log "skipped (SMOKE_SKIP=1)"
  exit 0
fi
for tool in afl-fuzz afl-clang-fast; do
  if ! command -v "$tool" >/dev/null; then
    if [ "${CI:-}" = true ]; then
      fz_log "$tool not found (scripts/deps.txt lists afl++ and clang)"
      exit 1
    fi
    fz_log "skipped: $tool not found (apt-get install afl++ clang)"
    exit 0
  fi
done

list=$(fz_harnesses "${names[@]}") || exit 2
mapfile -t targets <<<"$list"
n=${#targets[@]}
per_max=${SMOKE_SECONDS:-75}
total=${SMOKE_TOTAL:-1200}

start=$(date +%s)
fz_log "building the AFL++ ASan+UBSan harnesses"
bdir=$(fz_build asan system) || exit 1
fz_log "built in $(( $(date +%s) - start )) s; $n harness(es), up to $per_max s each, $total s in all"
fz_env
# Short runs: calibrate each seed fast, and stop where asked.
export AFL_FAST_CAL=1 AFL_CMPLOG_ONLY_NEW=1

out=$root/build-fuzz/smoke
rm -rf "$out" && mkdir -p "$out"
fail=0
rows=()
report=()
left_n=$n
for t in "${targets[@]}"; do
  # A few seconds per harness go to start-up and calibration: keep 5.
  per=$(( (total - ($(date +%s) - start)) / left_n - 5 ))
  [ "$per" -le "$per_max" ] || per=$per_max
  [ "$per" -ge 10 ] || per=10
  left_n=$((left_n - 1))
  fz_seeds "$t" "$out/$t.seeds"
  timeout=$(fz_threshold "$t" timeout_ms)
  dict_lines=$(fz_dict_args "$t") || { fail=1; continue; }
  mapfile -t dict <<<"$dict_lines"
  [ -n "$dict_lines" ] || dict=()
  log=$out/$t.log
  fz_map_size "$bdir/fuzz/fuzz_$t"
  # -S (no -M): CI skips the deterministic stages, as AFL++ advises.
  if ! afl-fuzz -S ci -i "$out/$t.seeds" -o "$out/$t" -V "$per" -t "$timeout" \
      "${dict[@]}" -- "$bdir/fuzz/fuzz_$t" >"$log" 2>&1 ||
      [ ! -e "$out/$t/ci/fuzzer_stats" ]; then
    fz_log "FAIL $t: afl-fuzz stopped before fuzzing; its log says:"
    sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E 'ABORT|ERROR|crash|Location|Test case' | head -n 8 >&2
    fail=1
    continue
  fi
  mapfile -t bad_seeds < <(fz_seed_crashes "$log")
  for f in "${bad_seeds[@]}"; do
    [ -n "$f" ] || continue
    fz_log "FAIL $t: the seed $f (corpus/$t/${f#seed-*-}) crashes"
    fz_log "    reproduce: ${bdir#"$root"/}/fuzz/fuzz_$t 'corpus/$t/${f#seed-*-}'"
    fail=1
  done
  s=$out/$t/ci/fuzzer_stats
  eps=$(fz_stat "$s" execs_per_sec)
  edges=$(fz_stat "$s" edges_found)
  min_execs=$(fz_threshold "$t" min_execs)
  min_edges=$(fz_threshold "$t" min_edges)
  verdict=ok
  if awk -v a="$eps" -v b="$min_execs" 'BEGIN { exit !(a < b) }'; then
    verdict=FAIL
    fz_log "FAIL $t: $eps execs/s, floor $min_execs (fuzz/smoke-thresholds.tsv)"
  fi
  if [ "$edges" -lt "$min_edges" ]; then
    verdict=FAIL
    fz_log "FAIL $t: $edges edges, floor $min_edges (fuzz/smoke-thresholds.tsv)"
  fi
  mapfile -t crashes < <(fz_findings "$out/$t" crashes)
  mapfile -t hangs < <(fz_findings "$out/$t" hangs)
  for f in "${crashes[@]}" "${hangs[@]}"; do
    [ -n "$f" ] || continue
    verdict=FAIL
    kind=crash
    [[ "$f" == */hangs/* ]] && kind="hang (over $timeout ms)"
    fz_log "FAIL $t: $kind: ${f#"$root"/}"
    fz_log "    reproduce: ${bdir#"$root"/}/fuzz/fuzz_$t '${f#"$root"/}'"
    # CI keeps only its log: small reproducers are printed whole.
    if [ "$(stat -c %s "$f")" -le 16384 ]; then
      fz_log "    base64 (decode with base64 -d > crash-file):"
      base64 -w 76 "$f" | sed 's/^/      /' >&2
    fi
  done
  fz_has_threshold "$t" || fz_log "note: $t has no row in fuzz/smoke-thresholds.tsv; default floors used"
  [ "$verdict" = ok ] || fail=1
  report+=("$(printf '%-12s %4s %8s %8s %6s %6s %6s %7s %5s  %s' "$t" "$per" "$eps" "$min_execs" \
      "$edges" "$min_edges" "$(fz_stat "$s" corpus_count)" "${#crashes[@]}" \
      "${#hangs[@]}" "$verdict")")
  rows+=("$(awk -v t="$t" -v e="$eps" -v g="$edges" -v to="$timeout" -v d="$(date -u +%F)" \
      'BEGIN { printf "%s\t%d\t%d\t%d\tmeasured %s: %.0f execs/s, %d edges\n",
        t, e / 3, g / 1.25, to, d, e, g }')")
done

echo "harness      secs  execs/s    floor  edges  floor corpus crashes hangs"
printf '%s\n' "${report[@]}"
echo "smoke: $(( $(date +%s) - start )) s in all"
if [ "$calibrate" = 1 ]; then
  echo "# rows for fuzz/smoke-thresholds.tsv:"
  printf '%s\n' "${rows[@]}"
  exit 0
fi
exit "$fail"
