#!/usr/bin/env bash
# Checks that a bundle made by package.sh runs on its own: unpacked into an empty temporary folder,
# started with an empty environment (env -i, PATH=/usr/bin:/bin, no HOME) from another empty folder,
# it must tag a sample using only the bundled libraries and the bundled lexicons.
#
# Usage: Integrations/spark/check_bundle.sh [frner-bundle.tar.gz]   (default: .build-spark/bundle/frner-bundle.tar.gz)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tarball="${1:-$root/.build-spark/bundle/frner-bundle.tar.gz}"
[[ -f "$tarball" ]] || { echo "check_bundle: $tarball not found (run Integrations/spark/package.sh)" >&2; exit 1; }
tarball=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/frner" "$tmp/work" "$tmp/cache"
tar -xzf "$tarball" -C "$tmp/frner"
fail() { echo "check_bundle: FAIL: $*" >&2; exit 1; }
clean() { (cd "$tmp/work" && env -i PATH=/usr/bin:/bin "$@"); }

# 1. Every shared library outside glibc resolves inside the bundle.
libs=$(clean /bin/sh -c "LD_LIBRARY_PATH='$tmp/frner/lib' ldd '$tmp/frner/frner'")
echo "$libs" | grep -q 'not found' && fail "unresolved libraries:"$'\n'"$libs"
outside=$(echo "$libs" | grep '=>' | grep -v "$tmp/frner/lib/" \
    | grep -Ev '^\s*(linux-vdso|ld-linux|libc\.so|libm\.so|libdl\.so|libpthread\.so|librt\.so|libutil\.so|libresolv\.so|libmvec\.so)' || true)
[[ -z "$outside" ]] || fail "libraries resolved outside the bundle:"$'\n'"$outside"
echo "ok: libraries resolve to the bundle: $(cd "$tmp/frner/lib" && ls | tr '\n' ' ')"

# 2. Tag a sample (JSON Lines, as the Spark job sends it), with no HOME and an empty working folder.
printf '%s\n' '{"id": "a", "text": "M. Antony Blinken est arrivé à Kiev, où il a rencontré des responsables de l'\''OTAN."}' \
              '{"id": 2, "text": 42}' > "$tmp/sample.jsonl"
status=0
out=$(clean FRNER_CACHE_DIR="$tmp/cache" "$tmp/frner/frner.sh" tag --input-format jsonl --jobs 1 < "$tmp/sample.jsonl" 2>"$tmp/stderr") || status=$?
echo "$out" | sed 's/^/    /'
[[ $status -eq 1 ]] || fail "exit status $status, expected 1 (one bad record); stderr: $(cat "$tmp/stderr")"
[[ $(echo "$out" | wc -l) -eq 2 ]] || fail "expected 2 output records"
echo "$out" | head -1 | grep -q '"text":"Antony Blinken","label":"PER"' || fail "Antony Blinken (PER) not found"
echo "$out" | head -1 | grep -q '"text":"Kiev","label":"LOC"' || fail "Kiev (LOC) not found"
echo "$out" | head -1 | grep -q '"text":"OTAN","label":"ORG"' || fail "OTAN (ORG) not found"
echo "$out" | tail -1 | grep -q '"id":2,"error":' || fail "no error record for the bad record"
echo "ok: tagged the sample in a clean environment (exit status 1 for the one bad record)"

# 3. The lexicons used are the bundle's (not a source checkout the binary may remember): the compiled
#    cache is named by a fingerprint of the lexicon files' paths, so compiling explicitly from the
#    bundle's Lexicons folder must give the same cache file.
used=$(ls "$tmp/cache")
[[ $(echo "$used" | wc -l) -eq 1 ]] || fail "expected one compiled lexicon in the cache, found: $used"
clean FRNER_CACHE_DIR="$tmp/cache-explicit" "$tmp/frner/frner.sh" lexicon compile --lexicon-dir "$tmp/frner/Lexicons" >/dev/null
[[ "$(ls "$tmp/cache-explicit")" == "$used" ]] || fail "the binary did not use the bundled lexicons ($used vs $(ls "$tmp/cache-explicit"))"
echo "ok: the bundled lexicons were used and cached in FRNER_CACHE_DIR ($used)"

# 4. Without FRNER_CACHE_DIR (and without HOME) the wrapper puts the cache in $TMPDIR.
clean TMPDIR="$tmp/tmpdir" /bin/sh -c "mkdir -p '$tmp/tmpdir' && echo '{\"id\":1,\"text\":\"Lyon\"}' | '$tmp/frner/frner.sh' tag --input-format jsonl" \
    | grep -q '"label":"LOC"' || fail "tagging without FRNER_CACHE_DIR failed"
ls "$tmp"/tmpdir/frenchner-cache-*/gazetteer-*.bin >/dev/null 2>&1 || fail "no cache written under \$TMPDIR"
echo "ok: default cache folder under \$TMPDIR"
echo "check_bundle: all good ($(du -h "$tarball" | cut -f1) tarball)"
