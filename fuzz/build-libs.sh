#!/usr/bin/env bash
# Builds the libraries reportd hands untrusted bytes to (libxml2,
# libarchive, Poppler; Leptonica with --with-leptonica) from Debian's own
# source packages, the ones carrying Debian's security patches, with
# AFL++ instrumentation, so the fuzzer sees the edges inside them.  Each
# variant is installed under build-fuzz/deps/<variant>/ and found by the
# campaign builds through PKG_CONFIG_PATH (fuzz/run does this).
#
# Usage: fuzz/build-libs.sh [--variant asan|plain|cmplog]... [--jobs N]
#            [--only LIB]... [--with-leptonica] [--force]
#   asan    afl-clang-fast + AddressSanitizer (default)
#   plain   afl-clang-fast, no sanitizer (fast -M instance)
#   cmplog  afl-clang-fast with AFL_LLVM_CMPLOG=1 (for afl-fuzz -c)
# A library already installed for a variant is skipped unless --force.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
deps=$root/build-fuzz/deps
src=$deps/src

variants=()
only=()
jobs=2
force=0
lept=0
while [ $# -gt 0 ]; do
  case "$1" in
    --variant) variants+=("$2"); shift ;;
    --jobs) jobs=$2; shift ;;
    --only) only+=("$2"); shift ;;
    --with-leptonica) lept=1 ;;
    --force) force=1 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "build-libs: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ "${#variants[@]}" -gt 0 ] || variants=(asan)
libs=(libxml2 libarchive poppler)
[ "$lept" = 1 ] && libs+=(leptonlib)
if [ "${#only[@]}" -gt 0 ]; then libs=("${only[@]}"); fi

log() { printf 'build-libs: %s\n' "$*" >&2; }
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"

# apt-get source needs deb-src entries.  Rather than edit the machine's
# own list, add a deb-src twin of each configured Debian "deb" entry in a
# file of our own (deb822 or one-line format, whichever is configured).
ensure_deb_src() {
  if apt-get source --print-uris libxml2 >/dev/null 2>&1; then
    return
  fi
  log "no deb-src entries: adding a deb-src twin of each Debian deb entry"
  local f tmp
  tmp=$(mktemp)
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -e "$f" ] || continue
    case "$f" in *reportd-deb-src*) continue ;; esac
    # deb822 stanzas: copy each "Types: deb" stanza as "Types: deb-src".
    awk 'BEGIN { RS = ""; ORS = "\n\n" }
      /(^|\n)Types:[^\n]*deb/ && !/deb-src/ && /debian/ {
        sub(/Types:[^\n]*/, "Types: deb-src"); print }' "$f" >>"$tmp"
  done
  if [ -s "$tmp" ]; then
    $sudo install -m 0644 "$tmp" /etc/apt/sources.list.d/reportd-deb-src.sources
  fi
  : >"$tmp"
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -e "$f" ] || continue
    case "$f" in *reportd-deb-src*) continue ;; esac
    grep -E '^deb\s.*debian' "$f" | sed 's/^deb\s/deb-src /' >>"$tmp" || true
  done
  if [ -s "$tmp" ]; then
    $sudo install -m 0644 "$tmp" /etc/apt/sources.list.d/reportd-deb-src.list
  fi
  rm -f "$tmp"
  $sudo apt-get update -qq
}

# Build dependencies for the configure options used below (a subset of
# `apt-get build-dep`, which would pull in Qt, GTK-doc and the like).
ensure_build_deps() {
  local want=(dpkg-dev afl++ clang llvm libclang-rt-14-dev autoconf automake
    libtool pkg-config cmake zlib1g-dev liblzma-dev libbz2-dev libzstd-dev
    libfreetype-dev libfontconfig-dev libjpeg-dev libopenjp2-7-dev
    liblcms2-dev libpng-dev libcairo2-dev libglib2.0-dev)
  [ "$lept" = 1 ] && want+=(libtiff-dev libwebp-dev libgif-dev)
  local missing=() p
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Unpacks the Debian source of the installed binary package's version
# (so the instrumented library is the one production loads) and prints
# the source folder.
fetch() {
  local srcpkg=$1 binpkg=$2 ver dir
  ver=$(dpkg-query -W -f='${Version}' "$binpkg" 2>/dev/null || true)
  ver=${ver%+b[0-9]*}  # a binary rebuild (+bN) has the source version before it
  mkdir -p "$src"
  dir=$(find "$src" -maxdepth 1 -type d -name "${srcpkg}-*" | head -1)
  if [ -z "$dir" ]; then
    log "fetching Debian source $srcpkg${ver:+ $ver}"
    ( cd "$src" && apt-get source -qq "$srcpkg${ver:+=$ver}" >/dev/null 2>&1 ||
      apt-get source -qq "$srcpkg" >/dev/null )
    dir=$(find "$src" -maxdepth 1 -type d -name "${srcpkg}-*" | head -1)
  fi
  [ -n "$dir" ] || { log "apt-get source $srcpkg gave no folder"; exit 1; }
  printf '%s\n' "$dir"
}

# Compiler settings per variant.  The libraries get ASan only, not UBSan:
# their own undefined behaviour (shifts, signed overflow) is upstream's and
# OSS-Fuzz's to find and would drown our findings; our code keeps UBSan.
set_flags() {
  export CC=afl-clang-fast CXX=afl-clang-fast++ AFL_QUIET=1
  unset AFL_LLVM_CMPLOG AFL_USE_ASAN
  local prefix=$1
  cflags="-O1 -g -fno-omit-frame-pointer"
  case "$variant" in
    asan) cflags="$cflags -fsanitize=address" ;;
    plain) cflags="-O2 -g" ;;
    cmplog) cflags="-O2 -g"; export AFL_LLVM_CMPLOG=1 ;;
    *) log "unknown variant $variant"; exit 2 ;;
  esac
  # The libraries find each other in the prefix at run time, not the
  # system copies with the same soname.
  ldflags="-Wl,-rpath,$prefix/lib"
  [ "$variant" = asan ] && ldflags="$ldflags -fsanitize=address"
  export CFLAGS="$cflags"
  export CXXFLAGS="$cflags" LDFLAGS="$ldflags"
  export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
}

# Debian's patches touch Makefile.am and configure.ac, and its build runs
# autoreconf (dh_autoreconf); so do we, once per unpacked source.
autoreconf_once() {
  [ -e "$1/.reportd-autoreconf" ] && return
  log "autoreconf in $1"
  ( cd "$1" && autoreconf -fi >/dev/null 2>&1 ) && : >"$1/.reportd-autoreconf"
}

build_libxml2() {
  local dir
  dir=$(fetch libxml2 libxml2-dev)
  rm -rf "$b" && mkdir -p "$b"
  # Debian's configure run, minus Python and ICU; HTTP and FTP are off as
  # in the upstream fuzz build, since reportd never loads anything.
  autoreconf_once "$dir"
  ( cd "$b" && "$dir/configure" --prefix="$prefix" --disable-static \
      --without-python --without-icu --without-http --without-ftp \
      --with-zlib --with-lzma --with-threads --with-history=no \
      >configure.log 2>&1 && make -j"$jobs" >make.log 2>&1 && make install >install.log 2>&1 )
}

build_libarchive() {
  local dir
  dir=$(fetch libarchive libarchive-dev)
  rm -rf "$b" && mkdir -p "$b"
  autoreconf_once "$dir"
  # Zip and its compression methods as Debian builds them; no XML (xar)
  # so the process loads one libxml2, no crypto (encrypted entries are
  # rejected), no command-line tools.
  ( cd "$b" && "$dir/configure" --prefix="$prefix" --disable-static \
      --disable-bsdtar --disable-bsdcat --disable-bsdcpio --disable-acl \
      --disable-xattr --without-xml2 --without-expat --without-openssl \
      --without-nettle --without-lz4 --with-zlib --with-bz2lib --with-lzma \
      --with-zstd >configure.log 2>&1 && make -j"$jobs" >make.log 2>&1 && make install >install.log 2>&1 )
}

build_poppler() {
  local dir
  dir=$(fetch poppler libpoppler-glib-dev)
  rm -rf "$b" && mkdir -p "$b"
  # The glib frontend and the decoders Debian enables (DCT through libjpeg,
  # JPX through OpenJPEG, lcms2), without the Qt/C++ frontends, the
  # command-line tools, NSS signatures or curl.
  ( cd "$b" && cmake -S "$dir" -B . -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib \
      -DCMAKE_INSTALL_RPATH="$prefix/lib" \
      -DENABLE_UTILS=OFF -DENABLE_CPP=OFF -DENABLE_QT5=OFF -DENABLE_QT6=OFF \
      -DENABLE_GLIB=ON -DENABLE_GOBJECT_INTROSPECTION=OFF \
      -DENABLE_GTK_DOC=OFF -DBUILD_GTK_TESTS=OFF -DBUILD_CPP_TESTS=OFF \
      -DBUILD_QT5_TESTS=OFF -DBUILD_QT6_TESTS=OFF -DBUILD_MANUAL_TESTS=OFF \
      -DENABLE_LIBCURL=OFF -DENABLE_NSS3=OFF -DENABLE_GPGME=OFF \
      -DENABLE_BOOST=OFF -DENABLE_DCTDECODER=libjpeg \
      -DENABLE_LIBOPENJPEG=openjpeg2 -DENABLE_LCMS=ON -DENABLE_LIBTIFF=OFF \
      -DRUN_GPERF_IF_PRESENT=OFF -DENABLE_UNSTABLE_API_ABI_HEADERS=OFF \
      >configure.log 2>&1 && make -j"$jobs" >make.log 2>&1 && make install >install.log 2>&1 )
}

build_leptonlib() {
  local dir
  dir=$(fetch leptonlib libleptonica-dev)
  rm -rf "$b" && mkdir -p "$b"
  autoreconf_once "$dir"
  ( cd "$b" && "$dir/configure" --prefix="$prefix" --disable-static \
      --disable-programs >configure.log 2>&1 && make -j"$jobs" >make.log 2>&1 && make install >install.log 2>&1 )
}

ensure_deb_src
ensure_build_deps
for variant in "${variants[@]}"; do
  prefix=$deps/$variant
  mkdir -p "$prefix"
  set_flags "$prefix"
  for lib in "${libs[@]}"; do
    stamp=$prefix/.built-$lib
    if [ "$force" = 0 ] && [ -e "$stamp" ]; then
      log "$lib ($variant): already built"
      continue
    fi
    b=$deps/obj/$variant/$lib
    log "$lib ($variant): building in $b"
    start=$(date +%s)
    if ! "build_$lib"; then
      log "$lib ($variant): FAILED; see the logs in $b"
      tail -n 30 "$b"/*.log >&2 || true
      exit 1
    fi
    date -u +%FT%TZ >"$stamp"
    log "$lib ($variant): done in $(( $(date +%s) - start )) s"
  done
done
