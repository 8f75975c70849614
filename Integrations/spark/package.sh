#!/usr/bin/env bash
# Builds a release frner with the Swift runtime linked in and assembles a self-contained bundle for
# Spark executors (or any x86_64 Linux machine with glibc >= 2.35):
#
#   frner-bundle/
#     frner.sh      wrapper to run: sets LD_LIBRARY_PATH to lib/ and a default FRNER_CACHE_DIR
#     frner         the binary (built with --static-swift-stdlib, debug info stripped)
#     lib/          the shared libraries it needs that are not part of glibc (ICU 72, libstdc++, libgcc_s)
#     Lexicons/     the shipped lexicons (curated/, generated/, SOURCES.md with their licences)
#
# and frner-bundle.tar.gz with the same files at its root, for
#   spark-submit --archives frner-bundle.tar.gz#frner …   (executors run ./frner/frner.sh)
#
# Usage: Integrations/spark/package.sh [--no-build] [OUTPUT_FOLDER]
#   OUTPUT_FOLDER defaults to .build-spark/bundle in the checkout (git-ignored).
#   --no-build packages the binary already in .build-spark/release.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
scratch="${FRNER_SCRATCH_PATH:-$root/.build-spark}"
build=1
if [[ "${1:-}" == "--no-build" ]]; then build=0; shift; fi
out="${1:-$scratch/bundle}"

if (( build )); then
    echo "== building (release, --static-swift-stdlib, scratch $scratch)" >&2
    (cd "$root" && swift build -c release --static-swift-stdlib --scratch-path "$scratch" >&2)
fi
binary="$scratch/release/frner"
[[ -x "$binary" ]] || { echo "package.sh: $binary not found (build first or drop --no-build)" >&2; exit 1; }

bundle="$out/frner-bundle"
rm -rf "$bundle" "$out/frner-bundle.tar.gz"
mkdir -p "$bundle/lib" "$bundle/Lexicons"

cp "$binary" "$bundle/frner"
strip --strip-debug "$bundle/frner" 2>/dev/null || echo "package.sh: strip failed, keeping debug info" >&2
chmod 755 "$bundle/frner"

# Shared libraries: everything ldd resolves except glibc itself (present on every Linux) and the
# kernel's vDSO. A library from the Swift toolchain means the runtime was not linked statically.
missing=0
while read -r name arrow path _; do
    [[ "$arrow" == "=>" ]] || continue
    case "$name" in
        linux-vdso.so.*|ld-linux*|libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|libutil.so.*|libresolv.so.*|libmvec.so.*)
            continue ;;
    esac
    if [[ "$path" == "not" ]]; then echo "package.sh: $name not found by ldd" >&2; missing=1; continue; fi
    case "$path" in
        */swift/*) echo "package.sh: $name comes from the Swift toolchain ($path): build with --static-swift-stdlib" >&2; missing=1; continue ;;
    esac
    cp -L "$path" "$bundle/lib/$name"
done < <(ldd "$binary")
(( missing == 0 )) || exit 1

# Lexicons: what the binary loads (curated/ and generated/), plus their sources and licences.
cp -R "$root/Lexicons/curated" "$root/Lexicons/generated" "$bundle/Lexicons/"
for f in README.md SOURCES.md; do [[ -f "$root/Lexicons/$f" ]] && cp "$root/Lexicons/$f" "$bundle/Lexicons/"; done

cat > "$bundle/frner.sh" <<'WRAPPER'
#!/bin/sh
# Runs the bundled frner with the bundled shared libraries. The compiled-lexicon cache goes to
# $FRNER_CACHE_DIR when set, else to a per-user folder in $TMPDIR (or /tmp): executors often have
# no writable home.
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd) || exit 2
LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export LD_LIBRARY_PATH
if [ -z "${FRNER_CACHE_DIR:-}" ]; then
    FRNER_CACHE_DIR="${TMPDIR:-/tmp}/frenchner-cache-$(id -u 2>/dev/null || echo user)"
    export FRNER_CACHE_DIR
fi
exec "$here/frner" "$@"
WRAPPER
chmod 755 "$bundle/frner.sh"

version=$("$bundle/frner.sh" --version 2>/dev/null || echo unknown)
cat > "$bundle/BUNDLE.txt" <<INFO
FrenchNER $version — bundle for Spark executors (x86_64 Linux, glibc >= 2.35).
Run ./frner.sh (not ./frner): it sets LD_LIBRARY_PATH to lib/ and FRNER_CACHE_DIR.
Built on $(date -u +%Y-%m-%dT%H:%M:%SZ).
Libraries: $(cd "$bundle/lib" && ls | tr '\n' ' ')
Lexicon sources and licences: Lexicons/SOURCES.md
INFO

tar -czf "$out/frner-bundle.tar.gz" -C "$bundle" .
echo "== bundle: $bundle ($(du -sh "$bundle" | cut -f1))" >&2
echo "== tarball: $out/frner-bundle.tar.gz ($(du -h "$out/frner-bundle.tar.gz" | cut -f1))" >&2
echo "$out/frner-bundle.tar.gz"
