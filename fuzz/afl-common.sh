# SPDX-License-Identifier: MIT
# Shell functions shared by fuzz/run (campaigns) and fuzz/smoke.sh (the CI
# smoke run): which harnesses exist, how the AFL++ builds are configured,
# the environment afl-fuzz runs in, seeds, thresholds and fuzzer_stats.
# Sourced, not run; expects `root` to be the source tree.

fz_log() { printf '%s: %s\n' "${fz_prog:-fuzz}" "$*" >&2; }

# Harness names (fuzz/fuzz_<name>.c), sorted, optionally filtered by the
# names given as arguments (an unknown name is an error).
fz_harnesses() {
  local all=() f n want
  for f in "$root"/fuzz/fuzz_*.c; do
    [ -e "$f" ] || continue
    n=${f##*/fuzz_}
    all+=("${n%.c}")
  done
  if [ $# -eq 0 ]; then
    printf '%s\n' "${all[@]}"
    return
  fi
  for want in "$@"; do
    if [[ " ${all[*]} " != *" $want "* ]]; then
      fz_log "no harness fuzz/fuzz_$want.c (have: ${all[*]})"
      return 1
    fi
    printf '%s\n' "$want"
  done
}

# Configures and builds the harnesses with afl-clang-fast.  $1 is the
# variant (asan: ASan+UBSan; plain: no sanitizer; cmplog: CmpLog, no
# sanitizer), $2 the libraries (system, or instrumented: the ones
# fuzz/build-libs.sh installed for the same variant).  Prints the build
# folder.  Warnings are not errors here: the gcc builds police those.
fz_build() {
  local variant=$1 libs=$2 dir=$root/build-fuzz/$1-$2 san=OFF cmplog=OFF
  local pcp=${PKG_CONFIG_PATH:-}
  case "$variant" in
    asan) san=ON ;;
    plain) ;;
    cmplog) cmplog=ON ;;
    *) fz_log "unknown build variant $variant"; return 2 ;;
  esac
  if [ "$libs" = instrumented ]; then
    pcp=$root/build-fuzz/deps/$variant/lib/pkgconfig
    [ -d "$pcp" ] || { fz_log "no instrumented libraries in $pcp"; return 1; }
    # CMake caches what pkg-config found: a library built since the last
    # configure (Leptonica added, say) needs a fresh build folder.
    if [ -e "$dir/CMakeCache.txt" ] && [ -n "$(find "$root/build-fuzz/deps/$variant" \
        -maxdepth 1 -name '.built-*' -newer "$dir/CMakeCache.txt")" ]; then
      fz_log "libraries rebuilt since $dir was configured: starting it afresh"
      rm -rf "$dir"
    fi
  fi
  mkdir -p "$root/build-fuzz"
  if [ ! -e "$dir/CMakeCache.txt" ]; then
    PKG_CONFIG_PATH=$pcp CC=afl-clang-fast cmake -S "$root" -B "$dir" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREPORTD_FUZZ=ON \
        -DREPORTD_SANITIZE=$san -DREPORTD_FUZZ_CMPLOG=$cmplog \
        -DREPORTD_WERROR=OFF >"$dir.configure.log" 2>&1 || {
      fz_log "configuring $dir failed:"; tail -n 20 "$dir.configure.log" >&2
      rm -rf "$dir"; return 1; }
  fi
  PKG_CONFIG_PATH=$pcp AFL_QUIET=1 cmake --build "$dir" --target fuzzers \
      -j "${FUZZ_BUILD_JOBS:-2}" >"$dir.build.log" 2>&1 || {
    fz_log "building $dir failed:"; grep -E 'error|Error' "$dir.build.log" | head -n 20 >&2
    return 1; }
  printf '%s\n' "$dir"
}

# The environment afl-fuzz and the targets run in.
#  - AFL_SKIP_CPUFREQ: virtual machines (this one included) have no
#    cpufreq governor to check, and we may not change it on a shared box.
#  - AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES only when core_pattern pipes
#    cores to a helper (systemd-coredump, apport): crashes then reach
#    afl-fuzz late, but changing core_pattern needs root and touches every
#    user of the machine.  With core_pattern "core" afl-fuzz is content.
#  - AFL_NO_AFFINITY: several people share the cores; binding to one
#    that afl-fuzz believes free can collide with someone else's job.
#  - ASan must abort (abort_on_error) so afl-fuzz sees a crash, must not
#    symbolize (slow), and leaks are left to the ctest replays (LSan needs
#    a process exit, which persistent mode rarely gives).  Memory: one
#    allocation over the worker's RLIMIT_AS (1.5 GiB) returns NULL, as it
#    would in production; an RSS over 2.5 GiB is reported as a crash.
fz_env() {
  export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1
  if [ "$(head -c 1 /proc/sys/kernel/core_pattern 2>/dev/null)" = "|" ]; then
    export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
  fi
  export ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0:allocator_may_return_null=1:malloc_context_size=0:hard_rss_limit_mb=2560:malloc_limit_mb=1536
  export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=0:symbolize=0
  # Tesseract and Leptonica honour these: one thread per execution.
  export OMP_THREAD_LIMIT=1
}

# Exports AFL_MAP_SIZE for the harness binaries given (the largest).  With instrumented shared
# libraries the coverage map is far larger than the 64 Ki default (Poppler
# alone brings about 140 000 edges), and the AFL++ tools other than
# afl-fuzz stop with "AFL_MAP_SIZE is not set" unless told.  The driver
# prints the map end (__afl_final_loc) with AFL_DEBUG=1.
fz_map_size() {
  local loc max=0 bin
  for bin in "$@"; do
    loc=$(AFL_DEBUG=1 "$bin" /dev/null 2>&1 |
        sed -n 's/.*__afl_final_loc = \([0-9]*\).*/\1/p' | tail -n 1)
    [ -n "$loc" ] && [ "$loc" -gt "$max" ] && max=$loc
  done
  if [ "$max" -gt 65536 ]; then
    export AFL_MAP_SIZE=$(( (max / 64 + 2) * 64 ))
  else
    unset AFL_MAP_SIZE
  fi
}

# One column of fuzz/smoke-thresholds.tsv for harness $1 (the "*" row
# when the harness has none yet): min_execs, min_edges or timeout_ms.
fz_threshold() {
  local target=$1 col=$2 idx
  case "$col" in
    min_execs) idx=2 ;;
    min_edges) idx=3 ;;
    timeout_ms) idx=4 ;;
    *) return 2 ;;
  esac
  awk -F'\t' -v t="$target" -v i="$idx" '
    /^#/ || NF < 4 { next }
    $1 == t { v = $i; found = 1 }
    $1 == "*" { d = $i }
    END { print (found ? v : d) }' "$root/fuzz/smoke-thresholds.tsv"
}

# Whether harness $1 has its own row in the thresholds file.
fz_has_threshold() {
  awk -F'\t' -v t="$1" '$1 == t { f = 1 } END { exit !f }' \
      "$root/fuzz/smoke-thresholds.tsv"
}

# Fills folder $2 with the seeds for harness $1: corpus/<target>/ without
# its README, and one empty-ish input when there are none (afl-fuzz needs
# one); further folders ($3...) add their files (earlier queues).
fz_seeds() {
  local target=$1 dest=$2 f n=0
  shift 2
  rm -rf "$dest" && mkdir -p "$dest"
  for f in "$root/corpus/$target"/* "$@"; do
    [ -f "$f" ] || continue
    [ "${f##*/}" = README.md ] && continue
    cp "$f" "$dest/seed-$n-$(basename "$f" | tr -c 'A-Za-z0-9._\n-' '_')"
    n=$((n + 1))
  done
  if [ "$n" = 0 ]; then
    printf 'x' >"$dest/seed-empty"
    fz_log "$target: no seeds in corpus/$target/, starting from one byte"
  fi
}

# Dictionary options for harness $1.
# A byte outside printable ASCII in a dictionary makes afl-fuzz 4.04c
# print the same warning forever, filling the disk with its log: such a
# dictionary is refused (write the byte as \xNN).
fz_dict_args() {
  local d=$root/fuzz/$1.dict bad
  [ -f "$d" ] || return 0
  bad=$(LC_ALL=C grep -n '[^ -~]' "$d" | head -n 1 | cut -d: -f1)
  if [ -n "$bad" ]; then
    fz_log "fuzz/$1.dict line $bad has a byte outside printable ASCII: write it as \\xNN"
    return 1
  fi
  printf -- '-x\n%s\n' "$d"
}

# Field $2 of fuzzer_stats file $1 ("" when absent).
fz_stat() {
  awk -F' *: *' -v k="$2" '$1 == k { print $2 }' "$1" 2>/dev/null | tr -d '%'
}

# Seeds that crashed in afl-fuzz's dry run, from its log $1, as the file
# names fz_seeds gave them (seed-<n>-<original name>).  afl-fuzz 4.04c
# only warns about these and goes on with the other seeds.
fz_seed_crashes() {
  sed 's/\x1b\[[0-9;]*m//g' "$1" | awk '
    /Attempting dry run with/ {
      s = $0; sub(/.*orig:/, "", s); sub(/\x27.*/, "", s); seed = s }
    /program crashed with one of the test cases/ { print seed }'
}

# Files in the crashes (or hangs, $2) folders of every instance under $1.
fz_findings() {
  find "$1" -path "*/$2/id:*" -type f 2>/dev/null | sort
}
