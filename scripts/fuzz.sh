#!/usr/bin/env bash
# Builds and runs FrenchNER's libFuzzer targets (Fuzz/README.md says what each one checks).
#
#   scripts/fuzz.sh build [TARGET...]          build every target (or the ones named)
#   scripts/fuzz.sh run TARGET [LIBFUZZER-ARG...]  fuzz one target from its seeds (Ctrl-C to stop)
#   scripts/fuzz.sh repro TARGET FILE...       run a target once on the given inputs
#   scripts/fuzz.sh merge TARGET               add the working corpus's new coverage to the seeds
#   scripts/fuzz.sh list                       the targets, one a line
#   scripts/fuzz.sh --ci                       what CI runs: Fuzz/ci.sh
#
# How the targets are built (a SwiftPM executable target with -sanitize=fuzzer does not link):
#   1. the C shim with clang -fsanitize=fuzzer-no-link,address;
#   2. every Swift file under Sources/FrenchNER/ (found by `find`, so new files are picked up) as one
#      module `FrenchNER`, once, with -O -sanitize=fuzzer,address -enable-testing, and a module map for
#      the shim's header (Fuzz/include/module.modulemap);
#   3. each target: Fuzz/Support/*.swift + Fuzz/Targets/TARGET.swift, `@testable import FrenchNER`,
#      linked with the two objects, libFuzzer and ICU (pkg-config icu-i18n).
#
# Environment: FUZZ_BUILD_DIR (default .build-fuzz), SWIFTC and CLANG (default /opt/swift/usr/bin/…),
# FRNER_LEXICONS (default ./Lexicons), FRNER_FUZZ_TOLERATE (invariant names that only log: for long runs
# past a known bug), FUZZ_NICE (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

BUILD=${FUZZ_BUILD_DIR:-$ROOT/.build-fuzz}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
SWIFTC=${SWIFTC:-/opt/swift/usr/bin/swiftc}
CLANG=${CLANG:-/opt/swift/usr/bin/clang}
[ -x "$SWIFTC" ] || SWIFTC=$(command -v swiftc)
[ -x "$CLANG" ] || CLANG=$(command -v clang)
export FRNER_LEXICONS=${FRNER_LEXICONS:-$ROOT/Lexicons}
export SWIFT_BACKTRACE=enable=no

TARGETS=(tokenizer tagger json conll brat lexicon cache)

# Largest input per target (libFuzzer -max_len).
max_len() {
    case "$1" in
        conll) echo 8192 ;;
        cache) echo 65536 ;;
        *) echo 4096 ;;
    esac
}

die() { echo "fuzz.sh: $*" >&2; exit 2; }

is_target() {
    local t
    for t in "${TARGETS[@]}"; do [ "$t" = "$1" ] && return 0; done
    return 1
}

# Drops the linker's noise about ASan's local symbols; keeps everything else.
quiet_link() { grep -v "Cannot export local symbol" || true; }

build_library() {
    mkdir -p "$BUILD/obj" "$BUILD/lib" "$BUILD/bin"
    local sources
    mapfile -t sources < <(find Sources/FrenchNER -name '*.swift' | LC_ALL=C sort)
    [ ${#sources[@]} -gt 0 ] || die "no Swift sources under Sources/FrenchNER"
    # Rebuild when any source, the shim or the module map changed (content hash, not mtimes: git checkouts).
    local stamp
    stamp=$(cat "${sources[@]}" Sources/CFrenchICU/CFrenchICU.c Sources/CFrenchICU/include/CFrenchICU.h \
        Fuzz/include/module.modulemap | sha1sum | cut -c1-40)
    stamp="$stamp $(printf '%s\n' "${sources[@]}" | sha1sum | cut -c1-40)"
    if [ -f "$BUILD/lib/stamp" ] && [ "$(cat "$BUILD/lib/stamp")" = "$stamp" ] && [ -f "$BUILD/lib/FrenchNER.o" ]; then
        return 0
    fi
    echo "fuzz.sh: building the C shim and the library (${#sources[@]} Swift files; about a minute)" >&2
    rm -f "$BUILD/lib/stamp"
    # shellcheck disable=SC2046
    "$CLANG" -O1 -g -fsanitize=fuzzer-no-link,address -ISources/CFrenchICU/include $(pkg-config --cflags icu-i18n) \
        -c Sources/CFrenchICU/CFrenchICU.c -o "$BUILD/obj/CFrenchICU.o"
    if ! "$SWIFTC" -O -wmo -sanitize=fuzzer,address -parse-as-library -enable-testing -swift-version 6 \
        -module-name FrenchNER -package-name FrenchNER -I Fuzz/include "${sources[@]}" \
        -emit-module -emit-module-path "$BUILD/lib/FrenchNER.swiftmodule" \
        -emit-object -o "$BUILD/lib/FrenchNER.o" 2>&1 | quiet_link; then
        die "the library did not build"
    fi
    echo "$stamp" > "$BUILD/lib/stamp"
    rm -f "$BUILD"/bin/fuzz-* # the targets embed the library's interface
}

build_target() {
    local t=$1 out="$BUILD/bin/fuzz-$1"
    local newest
    newest=$(ls -t Fuzz/Support/*.swift "Fuzz/Targets/$t.swift" "$BUILD/lib/FrenchNER.o" 2>/dev/null | head -1)
    if [ -x "$out" ] && [ "$out" -nt "$newest" ]; then return 0; fi
    echo "fuzz.sh: building fuzz-$t" >&2
    # shellcheck disable=SC2046
    if ! "$SWIFTC" -O -sanitize=fuzzer,address -parse-as-library -swift-version 5 -module-name "Fuzz_$t" -package-name FrenchNER \
        -I "$BUILD/lib" -I Fuzz/include Fuzz/Support/*.swift "Fuzz/Targets/$t.swift" \
        "$BUILD/lib/FrenchNER.o" "$BUILD/obj/CFrenchICU.o" $(pkg-config --libs icu-i18n) -o "$out" 2>&1 | quiet_link; then
        die "fuzz-$t did not build"
    fi
}

build() {
    local t
    build_library
    if [ $# -eq 0 ]; then set -- "${TARGETS[@]}"; fi
    for t in "$@"; do
        is_target "$t" || die "unknown target '$t' (known: ${TARGETS[*]})"
        build_target "$t"
    done
}

# The libFuzzer options every run uses.
common_options() {
    local t=$1 opts=(-timeout=2 "-max_len=$(max_len "$t")" -rss_limit_mb=4096 -print_final_stats=1
        "-artifact_prefix=$BUILD/artifacts/$t/")
    [ -f "Fuzz/dict/$t.dict" ] && opts+=("-dict=Fuzz/dict/$t.dict")
    mkdir -p "$BUILD/artifacts/$t"
    printf '%s\n' "${opts[@]}"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
    build) build "$@" ;;
    list) printf '%s\n' "${TARGETS[@]}" ;;
    run)
        t=${1:-}; [ $# -gt 0 ] && shift
        is_target "$t" || die "usage: scripts/fuzz.sh run TARGET [LIBFUZZER-ARG...] (targets: ${TARGETS[*]})"
        build "$t"
        mkdir -p "$BUILD/corpus/$t" "Fuzz/corpus/$t"
        mapfile -t opts < <(common_options "$t")
        # New inputs go to the working corpus (first folder); the committed seeds are only read.
        exec nice -n "${FUZZ_NICE:-10}" "$BUILD/bin/fuzz-$t" "${opts[@]}" "$@" "$BUILD/corpus/$t" "Fuzz/corpus/$t"
        ;;
    repro)
        t=${1:-}; [ $# -gt 0 ] && shift
        is_target "$t" && [ $# -gt 0 ] || die "usage: scripts/fuzz.sh repro TARGET FILE..."
        build "$t"
        exec "$BUILD/bin/fuzz-$t" -timeout=2 -rss_limit_mb=4096 "$@"
        ;;
    merge)
        t=${1:-}
        is_target "$t" || die "usage: scripts/fuzz.sh merge TARGET"
        build "$t"
        mapfile -t opts < <(common_options "$t")
        nice -n "${FUZZ_NICE:-10}" "$BUILD/bin/fuzz-$t" "${opts[@]}" -merge=1 "Fuzz/corpus/$t" "$BUILD/corpus/$t"
        ;;
    --ci|ci) exec bash Fuzz/ci.sh "$@" ;;
    *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; [ -z "$cmd" ] || [ "$cmd" = "-h" ] || [ "$cmd" = "--help" ] || exit 2 ;;
esac
