#!/usr/bin/env bash
# CI: builds every fuzz target, then runs each one briefly from its committed seeds (Fuzz/corpus/TARGET).
# Any crash, sanitizer report, timeout (2 s per input) or broken invariant fails the target. The last line
# is `N passed, N failed` (one per target); the exit status is 1 when a target failed, 2 when the build did.
#
#   bash Fuzz/ci.sh                 every target, FUZZ_CI_SECONDS (default 40) seconds each
#   bash Fuzz/ci.sh tokenizer json  only these
#
# The seeds are first run once each (libFuzzer's INIT pass), so a committed reproducer fails CI at once;
# the fuzzing after them starts from a scratch copy of the seeds, so CI never writes into the checkout.
# A failure prints the input (escaped, first 400 bytes) and the path of its file.
set -uo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${FUZZ_CI_SECONDS:-40}
BUILD=${FUZZ_BUILD_DIR:-.build-fuzz}
export FUZZ_BUILD_DIR=$BUILD

if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(bash scripts/fuzz.sh list)
fi

echo "fuzz-ci: building ${#targets[@]} targets"
if ! bash scripts/fuzz.sh build "${targets[@]}"; then
    echo "fuzz-ci: the fuzz targets did not build"
    echo "0 passed, ${#targets[@]} failed"
    exit 2
fi

work=$(mktemp -d /tmp/frner-fuzz-ci.XXXXXX)
passed=0
failed=0
failures=()
for t in "${targets[@]}"; do
    mkdir -p "$work/$t" "$work/$t-artifacts"
    cp Fuzz/corpus/"$t"/* "$work/$t/" 2>/dev/null || true
    log="$work/$t.log"
    max_len=4096
    case "$t" in conll) max_len=8192 ;; cache) max_len=65536 ;; esac
    dict=()
    [ -f "Fuzz/dict/$t.dict" ] && dict=("-dict=Fuzz/dict/$t.dict")
    SWIFT_BACKTRACE=enable=no FRNER_LEXICONS=${FRNER_LEXICONS:-$(pwd)/Lexicons} \
        "$BUILD/bin/fuzz-$t" -timeout=2 -max_len=$max_len -rss_limit_mb=4096 -max_total_time="$SECONDS_EACH" \
        -print_final_stats=1 "${dict[@]}" -artifact_prefix="$work/$t-artifacts/" "$work/$t" >"$log" 2>&1
    rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
    artifact=$(ls "$work/$t-artifacts"/ 2>/dev/null | head -1)
    if [ $rc -eq 0 ] && [ -z "$artifact" ]; then
        passed=$((passed + 1))
        echo "fuzz-ci: PASS $t (${runs:-?} runs, ${cov:-no coverage line})"
    else
        failed=$((failed + 1))
        failures+=("$t")
        echo "fuzz-ci: FAIL $t (exit $rc, ${runs:-?} runs)"
        grep -E 'INVARIANT FAILED|ERROR: AddressSanitizer|ERROR: libFuzzer|SUMMARY:|ALARM|Running: |fatal error|Fatal error' "$log" \
            | head -8 | cut -c1-600 | sed 's/^/    /'
        grep -m3 -E '#[0-9]+ 0x[0-9a-f]+ in \$s9FrenchNER' "$log" | sed -E 's/ \(\/.*//; s/^ */    at /' | cut -c1-200
        if [ -n "$artifact" ]; then
            echo "    input ($work/$t-artifacts/$artifact):"
            python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); print("    " + repr(d[:400]) + (" …" if len(d) > 400 else ""))' \
                "$work/$t-artifacts/$artifact" 2>/dev/null || head -c 400 "$work/$t-artifacts/$artifact" | od -c | head -5
        fi
    fi
done
if [ $failed -gt 0 ]; then
    echo "fuzz-ci: failed: ${failures[*]} (logs in $work)"
else
    rm -rf "$work"
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
