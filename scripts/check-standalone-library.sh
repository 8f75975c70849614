#!/usr/bin/env bash
# A Swift program that depends on FrenchNER, built in release, copied to another folder and run with the
# FrenchNER checkout moved away: it must still find its lexicons (compiled into the library), tag a
# sentence, take lexicon entries from code, and get a thrown error (not a crash) for a missing lexicon.
#
#   scripts/check-standalone-library.sh          # work folder: a new temporary folder, removed at the end
#   KEEP=1 WORK=/tmp/x scripts/check-standalone-library.sh
#
# Network: none. The program's package names FrenchNER by local path (a copy of this checkout's tracked
# and untracked, non-ignored files); FrenchNER's own dependency (swift-argument-parser) resolves from the
# machine's local package copies, as for `swift build` here. Takes 2 to 4 minutes on 2 cores (one release
# build of the library). The last line is `N passed, N failed`.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$(mktemp -d /tmp/frner-standalone.XXXXXX)}
passed=0
failed=0
check() { # check NAME COMMAND…
    local name=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "standalone: PASS $name"
    else failed=$((failed + 1)); echo "standalone: FAIL $name"; fi
}
finish() {
    [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

mkdir -p "$WORK/src/FrenchNER" "$WORK/app/Sources/app" "$WORK/elsewhere" "$WORK/home"
# The checkout as a package: its files, without build folders.
(cd "$ROOT" && git ls-files -z -co --exclude-standard | xargs -0 -I{} sh -c 'test -e "{}" && echo "{}"' \
    | tar -cf - -T - ) | tar -xf - -C "$WORK/src/FrenchNER"
cp "$ROOT/Tests/StandaloneApp/main.swift" "$WORK/app/Sources/app/main.swift"
cat > "$WORK/app/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "app",
    dependencies: [.package(path: "../src/FrenchNER")],
    targets: [.executableTarget(name: "app", dependencies: [.product(name: "FrenchNER", package: "FrenchNER")])]
)
SWIFT

echo "standalone: building the program in release (FrenchNER by path) in $WORK/app"
start=$(date +%s)
if ! (cd "$WORK/app" && swift build -c release > "$WORK/build.log" 2>&1); then
    tail -30 "$WORK/build.log"
    failed=$((failed + 1)); echo "standalone: FAIL build"
    finish
fi
echo "standalone: built in $(( $(date +%s) - start )) s"
cp "$WORK/app/.build/release/app" "$WORK/elsewhere/app"
# Move everything that was built from or with the checkout away: only the copied binary remains.
mv "$WORK/src" "$WORK/src-moved-away"
mv "$WORK/app" "$WORK/app-moved-away"

run_app() { # a clean environment: no FRNER_LEXICONS, a new HOME (cold lexicon cache), another folder
    (cd / && env -i PATH=/usr/bin:/bin HOME="$WORK/home" "$WORK/elsewhere/app")
}
out=$(run_app 2>"$WORK/stderr1"); status=$?
echo "$out" | sed 's/^/    /'
check "runs and exits 0 (cold cache)" test $status -eq 0
check "tags a sentence with the shipped lexicons" grep -qx "entity PER Antony Blinken 3 17" <<<"$out"
check "finds Kiev" grep -qx "entity LOC Kiev 31 35" <<<"$out"
check "the shipped lexicons are the embedded ones" grep -qx "shipped embedded in the library" <<<"$out"
check "takes lexicon entries from code" grep -qx "entity ORG Zorglub Industries lexicon:ORG.company:app" <<<"$out"
check "a missing lexicon file is a thrown error" grep -qx "missing lexicon: thrown: /nonexistent/frner-lexicon.tsv: no such file" <<<"$out"
check "the compiled cache was written under HOME" test -n "$(ls "$WORK/home/.cache/frenchner/" 2>/dev/null)"
out2=$(run_app 2>/dev/null); status=$?
check "second run (from the cache) gives the same output" test $status -eq 0 -a "$out" = "$out2"
# No writable cache folder at all: still works (the cache is only a cache).
out3=$(cd / && env -i PATH=/usr/bin:/bin HOME=/nonexistent/home "$WORK/elsewhere/app" 2>/dev/null); status=$?
check "works without a writable cache folder" test $status -eq 0 -a "$out" = "$out3"
finish
